/**
 * Gamma(α, 1) variates by Marsaglia and Tsang, "A simple method for generating gamma variables",
 * ACM Trans. Math. Softw. 26(3) (2000) 363–372: with d = α − 1/3 and c = 1/√(9d), draw x ~ N(0, 1),
 * v = (1 + cx)³, u ~ U(0, 1), and accept dv when u < 1 − 0.0331x⁴ (squeeze) or
 * log u < x²/2 + d(1 − v + log v). For α < 1, Gamma(α) = Gamma(α + 1)·U^(1/α) (their §6).
 *
 * Reproducible rejection: sample i owns the counters (i, attempt, TAG_GAMMA | lane) (key.ts): attempt r
 * draws one Philox block, words 0–1 → the normal (by inversion), words 2–3 → the uniform. Sample i thus
 * depends on (key, i) only, however many attempts it or its neighbours need. The α < 1 boost uniform
 * comes from attempt slot 2^32 − 1, which the loop never reaches (it accepts with probability ≥ 0.95).
 */
import { assertKey, TAG_GAMMA, TAG_SHIFT, type Key } from './key.js';
import { normalQuantile } from './normal-quantile.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { wordsToUniform } from './uniform.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';

const TWO32 = 4294967296;
const BOOST_SLOT = 0xffffffff;

/**
 * Kernel: the Gamma(alpha, 1) variate of sample `i` on lane `lane`, with round keys `rk` and a 4-word
 * scratch `w`. Returns NaN for alpha that is not positive (kernels propagate, they do not throw).
 *
 * @example
 * ```ts
 * const g = gammaVariate(philoxRoundKeys(7, 0), new Int32Array(4), 0, 0, 2.5);  // === gamma(key(7), 1, 2.5)[0]
 * ```
 */
export function gammaVariate(rk: Int32Array, w: Int32Array, i: number, lane: number, alpha: number): number {
  if (!(alpha > 0)) return NaN;
  const i0 = i % TWO32;
  const i1 = Math.floor(i / TWO32);
  const c3 = TAG_GAMMA * TAG_SHIFT + lane;
  const a = alpha < 1 ? alpha + 1 : alpha;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let g = NaN;
  for (let r = 0; r < BOOST_SLOT; r++) {
    philoxBlock(i0, i1, r, c3, rk, w, 0);
    const x = normalQuantile(wordsToUniform(w[0]!, w[1]!));
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = wordsToUniform(w[2]!, w[3]!);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
      g = d * v;
      break;
    }
  }
  if (alpha < 1) {
    philoxBlock(i0, i1, BOOST_SLOT, c3, rk, w, 0);
    g *= Math.pow(wordsToUniform(w[0]!, w[1]!), 1 / alpha);  // underflows to 0 for α ≲ 1e-3 in the far left tail
  }
  return g;
}

const positive = (x: number): boolean => x > 0 && x < Infinity;

/**
 * `n` Gamma(shape, 1) variates (multiply by a scale θ for Gamma(shape, θ)); `shape` is one value or
 * one per sample. Samples offset..offset+n-1 of the key's gamma stream (lane 0).
 *
 * @example
 * ```ts
 * const g = gamma(key(8), 1000, 2.5);      // mean ≈ 2.5, variance ≈ 2.5
 * gamma(key(8), 10, 0);                     // throws PathwiseRangeError: gamma: shape must be > 0 and finite, got 0
 * ```
 */
export function gamma(k: Key, n: number, shape: Param, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'gamma');
  checkCount('gamma', 'n', n);
  const a = checkParam('gamma', 'shape', shape, n, positive, '> 0 and finite');
  const offset = checkOffset('gamma', n, options.offset);
  const out = outArray('gamma', n, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  if (typeof a === 'number') {
    for (let i = 0; i < n; i++) out[i] = gammaVariate(rk, w, offset + i, 0, a);
  } else {
    for (let i = 0; i < n; i++) out[i] = gammaVariate(rk, w, offset + i, 0, a[i]!);
  }
  return out;
}
