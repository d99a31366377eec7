/**
 * A discrete-latent model, three ways to get its gradient. Four independent binary latents
 * z_k ~ Bernoulli(σ(θ_k)) and a loss that couples them, f(z) = (Σ_k w_k z_k − c)². We want ∂E[f]/∂θ.
 *
 * - REINFORCE (the score-function estimator, with the leave-one-out baseline): unbiased, noisy.
 * - Gumbel-softmax (the Concrete / relaxed Bernoulli at temperature τ, differentiated pathwise): low variance,
 *   but it differentiates a different, relaxed objective — biased, less so as τ → 0, noisier as it goes.
 * - Straight-through (hard 0/1 forward, relaxed backward): low variance, biased by design (the report says so).
 *
 * The exact gradient is not estimated but computed: with 2⁴ = 16 configurations, E[f] is a finite sum,
 * differentiated by `grad`. Every estimate is shown against it as "z vs exact" = (estimate − exact)/stderr.
 *
 *   npx tsx examples/discrete-latent.ts          (add --json for the numbers as JSON)
 */
import * as pw from 'pathwise';
import type { Tensor } from 'pathwise';

const weights = [1.0, -0.5, 2.0, 0.7];
const w = pw.tensor(weights);
const c = 1.2;
const theta0 = [0.3, -1.0, 0.5, 1.5];
const loss = (z: Tensor) => pw.square(pw.sub(pw.sum(pw.mul(z, w), -1), c));

/** E[f] as the sum over all 16 configurations of P(z; θ)·f(z): exact, and differentiable in θ. */
function exactExpectation(theta: Tensor): Tensor {
  const configs = Array.from({ length: 16 }, (_, i) => weights.map((_, k) => (i >> k) & 1));
  const z = pw.tensor(configs);                                     // [16, 4]
  const p = pw.sigmoid(theta);                                      // [4]
  const logP = pw.sum(pw.add(pw.mul(z, pw.log(p)), pw.mul(pw.sub(1, z), pw.log(pw.sub(1, p)))), 1);
  return pw.sum(pw.mul(pw.exp(logP), loss(z)));
}
const exact = Array.from((pw.grad(exactExpectation)(pw.tensor(theta0)) as Tensor).data);

type P = { theta: Tensor };
const estimators: { name: string; objective: pw.Objective<P> }[] = [
  { name: 'REINFORCE', objective: pw.expectation<P>((p, s) => loss(s.sample('z', pw.Bernoulli({ logits: p.theta }), { estimator: 'score' }))) },
  ...[1, 0.5, 0.1].map((tau) => ({
    name: `Gumbel-softmax τ=${tau}`,
    objective: pw.expectation<P>((p, s) => loss(s.sample('z', pw.RelaxedBernoulli(tau, { logits: p.theta }), { estimator: 'pathwise' }))),
  })),
  {
    name: 'straight-through τ=0.5',
    objective: pw.expectation<P>((p, s) => loss(s.sample('z', pw.StraightThroughBernoulli(0.5, { logits: p.theta }), { estimator: 'pathwise' }))),
  },
];

const rows = estimators.map(({ name, objective }) => {
  const r = objective.grad({ theta: pw.tensor(theta0) }, { samples: 20_000, seed: 3 });
  const mean = Array.from(r.grad.theta.mean.data), stderr = Array.from(r.grad.theta.stderr.data);
  return {
    estimator: name, mean, stderr,
    zVsExact: mean.map((m, k) => (m - exact[k]!) / stderr[k]!),
    variance: Array.from(r.grad.theta.variance.data),
    biased: r.diagnostics.biased,
  };
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ exact, rows }));
} else {
  const f = (xs: number[], d = 3) => xs.map((x) => x.toFixed(d).padStart(7)).join(' ');
  console.log(`exact ∂E[f]/∂θ             ${f(exact)}`);
  for (const r of rows) {
    console.log(`${r.estimator.padEnd(26)} ${f(r.mean)}   z vs exact ${f(r.zVsExact, 1)}   per-sample variance ${f(r.variance, 2)}` +
      (r.biased ? '   (biased)' : ''));
  }
}
