/**
 * Beta(a, b) variates as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) independent: lanes 0 and 1 of the
 * gamma stream (key.ts), so sample i is a pure function of (key, i). Lane 0 is the stream `gamma` reads:
 * for a Beta independent of a Gamma, use split keys.
 *
 * The ratio is formed from log X and log Y (logGammaVariate): X/(X + Y) = 1/(1 + e^(log Y − log X)), so
 * shapes as small as 1e-6, where X and Y both underflow, still give the exact ratio instead of 0/0.
 */
import { assertKey, type Key } from './key.js';
import { logGammaVariate } from './gamma.js';
import { philoxRoundKeys } from './philox.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/**
 * The largest double below 1, 1 − 2^−53: Beta samples that round to 1 are returned as this.
 * @example BETA_MAX < 1 && BETA_MAX + 2 ** -53 === 1   // true
 */
export const BETA_MAX = 1 - 2 ** -53;

const positive = (x: number): boolean => x > 0 && x < Infinity;

/**
 * Kernel: X/(X + Y) from lx = log X and ly = log Y, clamped to [Number.MIN_VALUE, BETA_MAX].
 *
 * @example
 * ```ts
 * betaFromLogGammas(-1e6, 0);   // Number.MIN_VALUE (the true value e^−1e6 is below every positive double)
 * ```
 */
export function betaFromLogGammas(lx: number, ly: number): number {
  const d = ly - lx;
  let x: number;
  if (d >= 0) {
    const e = dmath.exp(-d);
    x = e / (1 + e);
  } else {
    x = 1 / (1 + dmath.exp(d));
  }
  // NaN (invalid shapes) passes through both comparisons unchanged.
  if (x < Number.MIN_VALUE) return Number.MIN_VALUE;
  return x > BETA_MAX ? BETA_MAX : x;
}

/**
 * `n` Beta(a, b) variates; `a` and `b` are one value or one per sample.
 *
 * Every value lies in [Number.MIN_VALUE, BETA_MAX] = [4.9e-324, 1 − 2^−53]: a variate below the smallest
 * positive double is returned as Number.MIN_VALUE, one that rounds to 1 as BETA_MAX. These two values
 * therefore stand for "any value in (0, 4.9e-324]" and "any value in [1 − 1.5·2^−53, 1)". Small shapes
 * put much mass there (Beta(1e-4, 1e-4): about 46 % and 50 %); the distribution layer treats them as
 * atoms (distributions/beta.ts).
 *
 * @example
 * ```ts
 * const x = beta(key(9), 1000, 2, 5);        // mean ≈ 2/7
 * ```
 */
export function beta(k: Key, n: number, a: Param, b: Param, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'beta');
  checkCount('beta', 'n', n);
  const pa = checkParam('beta', 'a', a, n, positive, '> 0 and finite');
  const pb = checkParam('beta', 'b', b, n, positive, '> 0 and finite');
  const offset = checkOffset('beta', n, options.offset);
  const out = outArray('beta', n, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  for (let i = 0; i < n; i++) {
    const lx = logGammaVariate(rk, w, offset + i, 0, typeof pa === 'number' ? pa : pa[i]!);
    const ly = logGammaVariate(rk, w, offset + i, 1, typeof pb === 'number' ? pb : pb[i]!);
    out[i] = betaFromLogGammas(lx, ly);
  }
  return out;
}
