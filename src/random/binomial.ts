/**
 * Binomial(count, p) variates. With p' = min(p, 1 − p): for count·p' < 10, inversion by sequential
 * search (the BINV recurrence of Kachitvichyanukul and Schmeiser, Commun. ACM 31 (1988)); otherwise BTRS,
 * the transformed rejection of W. Hörmann, "The generation of binomial random variates",
 * J. Statist. Comput. Simul. 46 (1993) 101–110. For p > ½ the draw is count − Binomial(count, 1 − p).
 *
 * Sample i owns the counters (i, attempt, TAG_BINOMIAL) (key.ts); each attempt uses one Philox block.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { assertKey, TAG_BINOMIAL, TAG_SHIFT, type Key } from './key.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { wordsToUniform } from './uniform.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const TWO32 = 4294967296;

/**
 * Kernel: the Binomial(count, p) variate of sample i (NaN for invalid parameters).
 *
 * @example
 * ```ts
 * binomialVariate(philoxRoundKeys(7, 0), new Int32Array(4), 0, 20, 0.3);  // === binomial(key(7), 1, 20, 0.3)[0]
 * ```
 */
export function binomialVariate(rk: Int32Array, w: Int32Array, i: number, count: number, p: number): number {
  if (!(p >= 0 && p <= 1) || !(count >= 0) || count !== Math.floor(count)) return NaN;
  const flip = p > 0.5;
  const pp = flip ? 1 - p : p;
  if (pp === 0 || count === 0) return flip ? count : 0;
  const q = 1 - pp;
  const i0 = i % TWO32;
  const i1 = Math.floor(i / TWO32);
  const c3 = TAG_BINOMIAL * TAG_SHIFT;
  let k: number;
  if (count * pp < 10) {
    philoxBlock(i0, i1, 0, c3, rk, w, 0);
    const u = wordsToUniform(w[0]!, w[1]!);
    const s = pp / q;
    const a = (count + 1) * s;
    let r = binomialConstants(count, pp, q).q0;
    let F = r;
    k = 0;
    while (u > F && k < count) {
      k++;
      r *= a / k - s;
      F += r;
    }
  } else {
    const spq = Math.sqrt(count * pp * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * pp;
    const c = count * pp + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const lpq = binomialConstants(count, pp, q).lpq;
    const m = Math.floor((count + 1) * pp);
    const h = gammaln(m + 1) + gammaln(count - m + 1);
    for (let r = 0; ; r++) {
      philoxBlock(i0, i1, r, c3, rk, w, 0);
      const U = wordsToUniform(w[0]!, w[1]!) - 0.5;
      const V = wordsToUniform(w[2]!, w[3]!);
      const us = 0.5 - Math.abs(U);
      k = Math.floor((2 * a / us + b) * U + c);
      if (k < 0 || k > count) continue;
      if (us >= 0.07 && V <= vr) break;
      const lv = dmath.log(V * alpha / (a / (us * us) + b));
      if (lv <= h - gammaln(k + 1) - gammaln(count - k + 1) + (k - m) * lpq) break;
    }
  }
  return flip ? count - k : k;
}

// The transcendental constants of the last (count, p) seen: a run usually has one, and scalar logs and
// exps per variate would cost more than the draw itself.
const memo = { count: NaN, pp: NaN, q0: 0, lpq: 0 };

/** (1 − p)^count and log(p/q) for the folded p ≤ ½, remembered for the next call (the same values). */
function binomialConstants(count: number, pp: number, q: number): typeof memo {
  if (memo.count !== count || memo.pp !== pp) {
    memo.count = count;
    memo.pp = pp;
    memo.q0 = dmath.exp(count * dmath.log1p(-pp));
    memo.lpq = dmath.log(pp / q);
  }
  return memo;
}

const isCount = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;
const inUnit = (x: number): boolean => x >= 0 && x <= 1;

/**
 * `n` Binomial(count, p) variates (as doubles); `count` and `p` are one value or one per sample.
 *
 * @example
 * ```ts
 * const x = binomial(key(12), 1000, 20, 0.3);   // mean ≈ 6
 * binomial(key(12), 1, 2.5, 0.3);               // throws PathwiseRangeError: count must be a non-negative integer
 * ```
 */
export function binomial(k: Key, n: number, count: Param, p: Param, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'binomial');
  checkCount('binomial', 'n', n);
  const cnt = checkParam('binomial', 'count', count, n, isCount, 'a non-negative integer');
  const prob = checkParam('binomial', 'p', p, n, inUnit, 'in [0, 1]');
  const offset = checkOffset('binomial', n, options.offset);
  const out = outArray('binomial', n, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  for (let i = 0; i < n; i++) {
    out[i] = binomialVariate(rk, w, offset + i, typeof cnt === 'number' ? cnt : cnt[i]!,
      typeof prob === 'number' ? prob : prob[i]!);
  }
  return out;
}
