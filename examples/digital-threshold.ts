/**
 * An example for `pathwise compare`: a payoff with a jump. z ~ N(μ, 1) and f = 1{z > c}, so
 * d/dμ E[f] = φ(c − μ). The pathwise estimator differentiates the step and returns 0 — it is marked
 * biased; the score function, the measure-valued derivative, finite differences and `auto` are not fooled.
 *
 *   npm run cli -- compare examples/digital-threshold.ts --estimators pathwise,score,mvd,fd,auto
 */
import * as pw from 'pathwise';

const c = 0.3;

const objective = pw.expectation<{ mu: number }>((p, s) => {
  const z = s.sample('z', pw.Normal(p.mu, 1));
  return pw.step(z.sub(c));
});

export default { objective, params: { mu: 0.1 } };
