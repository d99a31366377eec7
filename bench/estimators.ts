/**
 * Issue [3/7] benchmark: ∇(μ, σ) E[log(1 + z²)], z ~ N(μ, σ²), 1e7 samples, by the pathwise and the
 * score-function estimators, with per-sample standard errors. Peers in the same run: the same
 * computation hand-written in NumPy (vectorized, single-threaded) and PyTorch autograd (rsample /
 * log_prob surrogate, one thread; PyTorch returns the mean gradient only, no standard error).
 * Run: npx tsx bench/estimators.ts
 */
import * as pw from '../src/index.js';
import { row, timeMedian } from './lib/harness.js';
import { estimatorNumpy, estimatorTorch } from './lib/peers.js';

const N = 10_000_000;
const RUNS = 5;
const mu = 0.3, sigma = 1.2;

const objective = pw.expectation<{ mu: number; sigma: number }>((p, s) => {
  const z = s.sample('z', pw.Normal(p.mu, p.sigma));
  return pw.log1p(pw.square(z));
});

const results: Record<string, pw.GradResult<{ mu: number; sigma: number }>> = {};
const ours: Record<string, number> = {};
for (const estimator of ['pathwise', 'score'] as const) {
  ours[estimator] = timeMedian(() => {
    results[estimator] = objective.grad({ mu, sigma }, { samples: N, seed: 1, estimator, baseline: 'none' });
    return results[estimator]!.grad.mu.mean;
  }, RUNS, 1);
}

const problem = { n: N, mu, sigma, runs: RUNS };
const numpy = estimatorNumpy(problem);
const torch = estimatorTorch(problem, 1);

console.log(`∇(μ, σ) E[log(1 + z²)], n = ${N.toExponential(0)}, median of ${RUNS} runs (seconds; ratio = pathwise time / peer time)`);
row('', 'pathwise', 'NumPy', 'ratio', 'PyTorch', 'ratio');
for (const est of ['pathwise', 'score'] as const) {
  const t = ours[est]!;
  row(est, t, numpy?.[est] ?? 'n/a', numpy ? t / numpy[est]! : 'n/a', torch?.[est] ?? 'n/a', torch ? t / torch[est]! : 'n/a');
}
for (const est of ['pathwise', 'score'] as const) {
  const g = results[est]!.grad;
  console.log(`  ${est}: dμ = ${g.mu.mean.toFixed(5)} ± ${g.mu.stderr.toExponential(2)}, dσ = ${g.sigma.mean.toFixed(5)} ± ${g.sigma.stderr.toExponential(2)}`);
}
