/**
 * Bernoulli variates by thresholding the plain stream's uniforms: x = 1 if u < p, else 0.
 * Thresholding is a step in p, so a pathwise derivative through it is zero almost surely: the
 * estimators treat a Bernoulli site as discontinuous (score function, measure-valued derivative).
 */
import { assertKey, type Key } from './key.js';
import { fillUniform } from './uniform.js';
import { checkCount, checkOffset, checkParam, outArray, type Param, type StreamOptions } from './validate.js';

const inUnit = (x: number): boolean => x >= 0 && x <= 1;

/**
 * `n` Bernoulli(p) variates as 0/1 in a Float64Array; `p` is one probability or one per sample.
 *
 * @example
 * ```ts
 * const x = bernoulli(key(5), 1000, 0.3);   // mean ≈ 0.3
 * bernoulli(key(5), 3, 1.5);                // throws PathwiseRangeError: bernoulli: p must be in [0, 1], got 1.5
 * ```
 */
export function bernoulli(k: Key, n: number, p: Param, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'bernoulli');
  checkCount('bernoulli', 'n', n);
  const prob = checkParam('bernoulli', 'p', p, n, inUnit, 'in [0, 1]');
  const offset = checkOffset('bernoulli', n, options.offset);
  const out = outArray('bernoulli', n, options.out);
  fillUniform(k.k0, k.k1, offset, n, out, 0);
  if (typeof prob === 'number') {
    for (let i = 0; i < n; i++) out[i] = out[i]! < prob ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) out[i] = out[i]! < prob[i]! ? 1 : 0;
  }
  return out;
}
