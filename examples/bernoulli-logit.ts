/**
 * An example for `pathwise compare`: a discrete latent. b ~ Bernoulli(σ(θ)) and f = (b − t)², so
 * E[f] = σ(θ)(1 − t)² + (1 − σ(θ))t² and d/dθ E[f] = σ(θ)(1 − σ(θ))(1 − 2t). A Bernoulli sample has no
 * reparameterization: pathwise is not applicable, while the score function, the measure-valued derivative
 * and auto (which picks one of them for the site) are unbiased.
 *
 *   npm run cli -- compare examples/bernoulli-logit.ts --estimators pathwise,score,mvd,auto
 */
import * as pw from 'pathwise';

const t = 0.45;

const objective = pw.expectation<{ theta: number }>((p, s) => {
  const b = s.sample('b', pw.Bernoulli({ logits: p.theta }));
  return pw.square(b.sub(t));
});

export default { objective, params: { theta: 0.3 } };
