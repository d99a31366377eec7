/**
 * Scalar sampler benchmark: nanoseconds per variate for the samplers that call scalar transcendental
 * functions per sample (gamma, Poisson, binomial, beta, von Mises) or transform arrays of uniforms
 * (exponential, Gumbel), against NumPy's Generator (PCG64) in the same run. pathwise computes exp, log,
 * sin, pow, … with its own engine-independent code (src/ad/kernels/scalar-math.ts) so that a seed gives
 * the same bits in every JavaScript engine; this tracks what that costs. Absolute figures are noisy on a
 * shared machine (PATHWISE_BENCH_CLOCK=cpu measures CPU time, steadier); ratios are the result.
 *
 * Run: npx tsx bench/samplers.ts
 */
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';
import { beta, binomial, exponential, gamma, gumbel, key, poisson } from '../src/random/index.js';
import { vonMisesSamples } from '../src/distributions/von-mises-sampler.js';

const N = 1 << 18;
const k = key(12345);
const out = new Float64Array(N);
// [label, pathwise, the NumPy call drawing N variates into `x`]
const cases: [string, () => unknown, string][] = [
  ['gamma α=2.5', () => gamma(k, N, 2.5, { out }), 'g.standard_gamma(2.5, size=N)'],
  ['gamma α=0.3', () => gamma(k, N, 0.3, { out }), 'g.standard_gamma(0.3, size=N)'],
  ['Poisson λ=4', () => poisson(k, N, 4, { out }), 'g.poisson(4.0, size=N)'],
  ['Poisson λ=200', () => poisson(k, N, 200, { out }), 'g.poisson(200.0, size=N)'],
  ['binomial n=50 p=0.3', () => binomial(k, N, 50, 0.3, { out }), 'g.binomial(50, 0.3, size=N)'],
  ['beta(2, 3)', () => beta(k, N, 2, 3, { out }), 'g.beta(2.0, 3.0, size=N)'],
  ['von Mises κ=2', () => vonMisesSamples(k, N, 2, { out }), 'g.vonmises(0.0, 2.0, size=N)'],
  ['exponential', () => exponential(k, N, { out }), 'g.standard_exponential(out=out)'],
  ['Gumbel', () => gumbel(k, N, { out }), 'g.gumbel(size=N)'],
];
const ours = cases.map(([, fn]) => (timeMedian(fn, 7, 2) / N) * 1e9);
const py = runPython(`${PY_TIMER}
import numpy as np
N = ${N}
out = np.empty(N)
g = np.random.default_rng(12345)
res = {}
${cases.map(([label, , call], i) => `res['c${i}'] = median_time(lambda: ${call}, 7, 2) / N * 1e9  # ${label}`).join('\n')}
print(json.dumps(res))
`, ['numpy']);

row('', 'pathwise ns', 'NumPy ns', 'ratio');
cases.forEach(([label], i) => {
  const np = py?.[`c${i}`];
  row(label, ours[i]!, ...(np === undefined ? ['—', '—'] : [np, ours[i]! / np]));
});
