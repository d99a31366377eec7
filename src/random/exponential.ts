/**
 * Exponential(1) variates by inversion of the plain stream's uniforms: E = −log(1 − u), increasing in u
 * (the same monotone coupling as every inverse-CDF sampler here). With u ≤ 1 − 2^-53, E ≤ 36.7.
 */
import { assertKey, type Key } from './key.js';
import { fillUniform } from './uniform.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';
import { applyTranscendentalInPlace } from '../ad/kernels/transcendental-in-place.js';

/**
 * `n` standard exponential variates (rate 1), samples offset..offset+n-1 of the key's plain stream.
 * Divide by a rate λ for Exponential(λ).
 *
 * @example
 * ```ts
 * const e = exponential(key(3), 1000);     // mean ≈ 1
 * ```
 */
export function exponential(k: Key, n: number, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'exponential');
  checkCount('exponential', 'n', n);
  const offset = checkOffset('exponential', n, options.offset);
  const out = outArray('exponential', n, options.out);
  fillUniform(k.k0, k.k1, offset, n, out, 0);
  const head = out.length === n ? out : out.subarray(0, n);   // `out` may be longer than n
  // −log1p(−u) over the whole array in the elementwise kernel: the bits of the scalar dmath.log1p, faster.
  for (let i = 0; i < n; i++) out[i] = -out[i]!;
  applyTranscendentalInPlace('log1p', head);
  for (let i = 0; i < n; i++) out[i] = -out[i]!;
  return out;
}
