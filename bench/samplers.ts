/**
 * Scalar sampler benchmark: nanoseconds per variate for the rejection and transform samplers that call
 * scalar transcendental functions per sample (gamma, Poisson, binomial, beta, von Mises, exponential,
 * Gumbel). It tracks the cost of the engine-independent scalar Math (src/ad/kernels/scalar-math.ts) against
 * the engine's Math.*, which the samplers used before. No peers: the figures are compared between commits,
 * and are noisy on a shared machine.
 *
 * Run: npx tsx bench/samplers.ts
 */
import { timeMedian } from './lib/harness.js';
import { beta, binomial, exponential, gamma, gumbel, key, poisson } from '../src/random/index.js';
import { vonMisesSamples } from '../src/distributions/von-mises-sampler.js';

const N = 1 << 18;
const k = key(12345);
const out = new Float64Array(N);
const cases: [string, () => unknown][] = [
  ['gamma α=2.5', () => gamma(k, N, 2.5, { out })],
  ['gamma α=0.3', () => gamma(k, N, 0.3, { out })],
  ['poisson λ=4', () => poisson(k, N, 4, { out })],
  ['poisson λ=200', () => poisson(k, N, 200, { out })],
  ['binomial n=50 p=0.3', () => binomial(k, N, 50, 0.3, { out })],
  ['beta 2, 3', () => beta(k, N, 2, 3, { out })],
  ['von Mises κ=2', () => vonMisesSamples(k, N, 2, { out })],
  ['exponential', () => exponential(k, N, { out })],
  ['gumbel', () => gumbel(k, N, { out })],
];
console.log('sampler                ns/variate');
for (const [name, fn] of cases) console.log(`${name.padEnd(22)} ${((timeMedian(fn, 7, 2) / N) * 1e9).toFixed(1).padStart(8)}`);
