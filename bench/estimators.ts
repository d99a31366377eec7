/**
 * Issue [3/7] benchmark: ∇(μ, σ) E[log(1 + z²)], z ~ N(μ, σ²), 1e7 samples, by the pathwise and the
 * score-function estimators, with per-sample standard errors. Peers in the same run: the same
 * computation hand-written in NumPy (vectorized, single-threaded) and PyTorch autograd (rsample /
 * log_prob surrogate, one thread; PyTorch returns the mean gradient only, no standard error).
 * Run: npx tsx bench/estimators.ts
 */
import * as pw from '../src/index.js';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

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

const numpy = runPython(`${PY_TIMER}
import numpy as np
n, mu, sigma = ${N}, ${mu}, ${sigma}
rng = np.random.default_rng(1)
def pathwise():
    eps = rng.standard_normal(n); z = mu + sigma * eps
    g = 2 * z / (1 + z * z)
    gs = g * eps
    return g.mean(), g.std(ddof=1), gs.mean(), gs.std(ddof=1)
def score():
    eps = rng.standard_normal(n); z = mu + sigma * eps
    f = np.log1p(z * z)
    gm = f * eps / sigma
    gs = f * (eps * eps - 1) / sigma
    return gm.mean(), gm.std(ddof=1), gs.mean(), gs.std(ddof=1)
print(json.dumps({"pathwise": median_time(pathwise, ${RUNS}, 1), "score": median_time(score, ${RUNS}, 1)}))
`, ['numpy']);

const torch = runPython(`${PY_TIMER}
import torch
torch.set_num_threads(1)
torch.manual_seed(1)
n = ${N}
def run(kind):
    mu = torch.tensor(${mu}, dtype=torch.float64, requires_grad=True)
    sigma = torch.tensor(${sigma}, dtype=torch.float64, requires_grad=True)
    d = torch.distributions.Normal(mu, sigma)
    if kind == 'pathwise':
        z = d.rsample((n,)); loss = torch.log1p(z * z).mean()
    else:
        z = d.sample((n,)); f = torch.log1p(z * z)
        loss = (f * d.log_prob(z)).mean()
    loss.backward()
    return mu.grad.item()
print(json.dumps({"pathwise": median_time(lambda: run('pathwise'), ${RUNS}, 1), "score": median_time(lambda: run('score'), ${RUNS}, 1)}))
`, ['torch']);

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
