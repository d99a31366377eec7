/**
 * Standard Gumbel variates by inversion, G = −log(−log u), increasing in u. The base noise of the
 * Gumbel-max trick and of Gumbel-softmax relaxations of discrete variables.
 */
import { assertKey, type Key } from './key.js';
import { fillUniform } from './uniform.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';
import { applyTranscendentalInPlace } from '../ad/kernels/transcendental-in-place.js';

/**
 * `n` standard Gumbel variates (location 0, scale 1), samples offset..offset+n-1 of the plain stream.
 *
 * @example
 * ```ts
 * const g = gumbel(key(4), 1000);          // mean ≈ 0.5772 (Euler's γ)
 * ```
 */
export function gumbel(k: Key, n: number, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'gumbel');
  checkCount('gumbel', 'n', n);
  const offset = checkOffset('gumbel', n, options.offset);
  const out = outArray('gumbel', n, options.out);
  fillUniform(k.k0, k.k1, offset, n, out, 0);
  const head = out.length === n ? out : out.subarray(0, n);   // `out` may be longer than n
  // −log(−log u) over the whole array in the elementwise kernel: the bits of the scalar dmath.log, faster.
  applyTranscendentalInPlace('log', head);
  for (let i = 0; i < n; i++) out[i] = -out[i]!;
  applyTranscendentalInPlace('log', head);
  for (let i = 0; i < n; i++) out[i] = -out[i]!;
  return out;
}
