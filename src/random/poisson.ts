/**
 * Poisson(λ) variates. For λ < 10, inversion by sequential search on one uniform. For λ ≥ 10, PTRS,
 * the transformed rejection with squeeze of W. Hörmann, "The transformed rejection method for
 * generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993) 39–45
 * (the constants below are his; acceptance ≈ 0.9 or more).
 *
 * Sample i owns the counters (i, attempt, TAG_POISSON) (key.ts); each attempt uses one Philox block
 * (words 0–1 → U, 2–3 → V), so sample i is a pure function of (key, i) whatever the chunking.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { assertKey, TAG_POISSON, TAG_SHIFT, type Key } from './key.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { wordsToUniform } from './uniform.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const TWO32 = 4294967296;

/**
 * Kernel: the Poisson(lambda) variate of sample i (NaN for a negative or NaN lambda).
 *
 * @example
 * ```ts
 * poissonVariate(philoxRoundKeys(7, 0), new Int32Array(4), 0, 4.2);  // === poisson(key(7), 1, 4.2)[0]
 * ```
 */
export function poissonVariate(rk: Int32Array, w: Int32Array, i: number, lambda: number): number {
  if (!(lambda >= 0)) return NaN;
  if (lambda === 0) return 0;
  const i0 = i % TWO32;
  const i1 = Math.floor(i / TWO32);
  const c3 = TAG_POISSON * TAG_SHIFT;
  if (lambda < 10) {
    philoxBlock(i0, i1, 0, c3, rk, w, 0);
    const u = wordsToUniform(w[0]!, w[1]!);
    let k = 0;
    let p = rateConstants(lambda).expNeg;
    let F = p;
    while (u > F && k < 1000) {      // the cap only guards rounding in F near 1 (P(X > 1000) ≈ 0)
      k++;
      p *= lambda / k;
      F += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const { loglam, logInvAlpha } = rateConstants(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (let r = 0; ; r++) {
    philoxBlock(i0, i1, r, c3, rk, w, 0);
    const U = wordsToUniform(w[0]!, w[1]!) - 0.5;
    const V = wordsToUniform(w[2]!, w[3]!);
    const us = 0.5 - Math.abs(U);
    const k = Math.floor((2 * a / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (dmath.log(V) + logInvAlpha - dmath.log(a / (us * us) + b) <= -lambda + k * loglam - gammaln(k + 1)) return k;
  }
}

// The transcendental constants of the last rate seen: a run usually has one rate, and two or three scalar
// logs and exps per variate would cost more than the draw itself.
const memo = { lambda: NaN, expNeg: 0, loglam: 0, logInvAlpha: 0 };

/** e^−λ, log λ and PTRS's log(1/α) for λ, remembered for the next call (the same values as computing them). */
function rateConstants(lambda: number): typeof memo {
  if (memo.lambda !== lambda) {
    memo.lambda = lambda;
    memo.expNeg = dmath.exp(-lambda);
    memo.loglam = dmath.log(lambda);
    memo.logInvAlpha = dmath.log(1.1239 + 1.1328 / (0.931 + 2.53 * Math.sqrt(lambda) - 3.4));
  }
  return memo;
}

const rate = (x: number): boolean => x >= 0 && x < Infinity;

/**
 * `n` Poisson(λ) variates (as doubles); `lambda` is one rate or one per sample.
 *
 * @example
 * ```ts
 * const x = poisson(key(11), 1000, 4.2);    // mean ≈ variance ≈ 4.2
 * poisson(key(11), 1, -1);                  // throws PathwiseRangeError
 * ```
 */
export function poisson(k: Key, n: number, lambda: Param, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'poisson');
  checkCount('poisson', 'n', n);
  const lam = checkParam('poisson', 'lambda', lambda, n, rate, '≥ 0 and finite');
  const offset = checkOffset('poisson', n, options.offset);
  const out = outArray('poisson', n, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  for (let i = 0; i < n; i++) out[i] = poissonVariate(rk, w, offset + i, typeof lam === 'number' ? lam : lam[i]!);
  return out;
}
