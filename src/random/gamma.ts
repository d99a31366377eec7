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
 *
 * Small shapes: U^(1/α) underflows (for α = 1e-6 almost always), so the boost is also carried in
 * logarithms, log G = log G' + (log U)/α (logGammaVariate), which is exact for every α > 0; Beta and
 * Dirichlet are normalized from these logarithms.
 */
import { assertKey, TAG_GAMMA, TAG_SHIFT, type Key } from './key.js';
import { normalQuantile } from './normal-quantile.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { wordsToUniform } from './uniform.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';
import * as dmath from '../ad/kernels/scalar-math.js';

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
  let g = d * marsagliaTsangV(rk, w, i0, i1, c3, d);
  if (alpha < 1) {
    philoxBlock(i0, i1, BOOST_SLOT, c3, rk, w, 0);
    g *= dmath.pow(wordsToUniform(w[0]!, w[1]!), 1 / alpha);
    // Below the smallest positive double the value is rounded up to it (see `gamma`).
    if (g === 0) g = Number.MIN_VALUE;
  }
  return g;
}

/**
 * Kernel: log G for the Gamma(alpha, 1) variate G of sample `i` on lane `lane`: the same random numbers as
 * {@link gammaVariate} (so exp of it is that variate up to rounding), carried in logarithms so that it is
 * finite for every shape: log G = log(d·v) + (log U)/α for α < 1, never below −Number.MAX_VALUE.
 *
 * @example
 * ```ts
 * logGammaVariate(philoxRoundKeys(7, 0), new Int32Array(4), 0, 0, 1e-6);  // ≈ −1e6 · Exp(1), finite
 * ```
 */
export function logGammaVariate(rk: Int32Array, w: Int32Array, i: number, lane: number, alpha: number): number {
  if (!(alpha > 0)) return NaN;
  const i0 = i % TWO32;
  const i1 = Math.floor(i / TWO32);
  const c3 = TAG_GAMMA * TAG_SHIFT + lane;
  const a = alpha < 1 ? alpha + 1 : alpha;
  const d = a - 1 / 3;
  // log d + log v, not log(d·v): d·v overflows for shapes near Number.MAX_VALUE.
  let l = logShapeTerm(d, lane) + dmath.log(marsagliaTsangV(rk, w, i0, i1, c3, d));
  if (alpha < 1) {
    philoxBlock(i0, i1, BOOST_SLOT, c3, rk, w, 0);
    l += dmath.log(wordsToUniform(w[0]!, w[1]!)) / alpha;
    if (l < -Number.MAX_VALUE) l = -Number.MAX_VALUE;   // only for subnormal α
  }
  return l;
}

// log d of the last shape seen on each of 8 lane slots: Beta and Dirichlet draw one shape per lane over
// and over, and a scalar log per variate costs more than the rest of the squeeze-accepted draw.
const memoD = new Float64Array(8).fill(NaN);
const memoLogD = new Float64Array(8);

/** log d, remembered per lane slot (the same value as computing it each time). */
function logShapeTerm(d: number, lane: number): number {
  const slot = lane & 7;
  if (memoD[slot] !== d) {
    memoD[slot] = d;
    memoLogD[slot] = dmath.log(d);
  }
  return memoLogD[slot]!;
}

/** The accepted v = (1 + cx)³ of Marsaglia–Tsang for d = a − 1/3 (a ≥ 1); the variate is d·v. */
function marsagliaTsangV(rk: Int32Array, w: Int32Array, i0: number, i1: number, c3: number, d: number): number {
  const c = 1 / Math.sqrt(9 * d);
  for (let r = 0; r < BOOST_SLOT; r++) {
    philoxBlock(i0, i1, r, c3, rk, w, 0);
    const x = normalQuantile(wordsToUniform(w[0]!, w[1]!));
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = wordsToUniform(w[2]!, w[3]!);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || dmath.log(u) < 0.5 * x2 + d * (1 - v + dmath.log(v))) return v;
  }
  return NaN;
}

const positive = (x: number): boolean => x > 0 && x < Infinity;

/**
 * `n` Gamma(shape, 1) variates (multiply by a scale θ for Gamma(shape, θ)); `shape` is one value or
 * one per sample. Samples offset..offset+n-1 of the key's gamma stream (lane 0).
 *
 * Every value is a positive double: a variate below the smallest positive double, Number.MIN_VALUE
 * (≈ 4.9e-324), is returned as Number.MIN_VALUE, which therefore stands for "any value in (0, 4.9e-324]".
 * For small shapes that is most of the mass (about 1 − 4.9e-324^α: 99.93 % at α = 1e-6, 52 % at
 * α = 1e-3); use {@link logGamma} when log G matters.
 *
 * @example
 * ```ts
 * const g = gamma(key(8), 1000, 2.5);      // mean ≈ 2.5, variance ≈ 2.5
 * gamma(key(8), 10, 0);                     // throws PathwiseRangeError: gamma: shape must be > 0 and finite, got 0
 * ```
 */
export function gamma(k: Key, n: number, shape: Param, options: StreamOptions = {}): Float64Array {
  return gammaStream('gamma', gammaVariate, k, n, shape, options);
}

/** The stream of `variate` (G or log G) for samples offset … offset + n − 1: one loop for both samplers. */
function gammaStream(
  fn: string, variate: (rk: Int32Array, w: Int32Array, index: number, sub: number, shape: number) => number,
  k: Key, n: number, shape: Param, options: StreamOptions,
): Float64Array {
  assertKey(k, fn);
  checkCount(fn, 'n', n);
  const a = checkParam(fn, 'shape', shape, n, positive, '> 0 and finite');
  const offset = checkOffset(fn, n, options.offset);
  const out = outArray(fn, n, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  if (typeof a === 'number') {
    for (let i = 0; i < n; i++) out[i] = variate(rk, w, offset + i, 0, a);
  } else {
    for (let i = 0; i < n; i++) out[i] = variate(rk, w, offset + i, 0, a[i]!);
  }
  return out;
}

/**
 * `n` values log G of Gamma(shape, 1) variates G: the same stream as {@link gamma} (exp of sample i is
 * sample i of `gamma` up to rounding), always finite, exact also where G itself underflows (shape 1e-6
 * gives log G ≈ −1e6·Exp(1)).
 *
 * @example
 * ```ts
 * const l = logGamma(key(8), 1000, 1e-6);   // mean ≈ ψ(1e-6) ≈ −1e6
 * ```
 */
export function logGamma(k: Key, n: number, shape: Param, options: StreamOptions = {}): Float64Array {
  return gammaStream('logGamma', logGammaVariate, k, n, shape, options);
}
