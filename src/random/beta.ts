/**
 * Beta(a, b) variates as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) independent: lanes 0 and 1 of the
 * gamma stream (key.ts), so sample i is a pure function of (key, i). Lane 0 is the stream `gamma` reads:
 * for a Beta independent of a Gamma, use split keys.
 */
import { assertKey, type Key } from './key.js';
import { gammaVariate } from './gamma.js';
import { philoxRoundKeys } from './philox.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';

const positive = (x: number): boolean => x > 0 && x < Infinity;

/**
 * `n` Beta(a, b) variates; `a` and `b` are one value or one per sample.
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
    const x = gammaVariate(rk, w, offset + i, 0, typeof pa === 'number' ? pa : pa[i]!);
    const y = gammaVariate(rk, w, offset + i, 1, typeof pb === 'number' ? pb : pb[i]!);
    out[i] = x / (x + y);
  }
  return out;
}
