/**
 * Dirichlet(α) variates by normalized gammas: G_j ~ Gamma(α_j) on lane j of the gamma stream
 * (key.ts), x_j = G_j / Σ G. Sample i (a row of K values) is a pure function of (key, i).
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { assertKey, type Key } from './key.js';
import { gammaVariate } from './gamma.js';
import { philoxRoundKeys } from './philox.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';

/**
 * `n` Dirichlet(α) variates, row-major n × K (K = α.length ≥ 1, every α_j > 0).
 *
 * @example
 * ```ts
 * const x = dirichlet(key(10), 100, new Float64Array([1, 2, 3]));  // rows sum to 1; x[0..2] is sample 0
 * ```
 */
export function dirichlet(k: Key, n: number, alpha: Float64Array, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'dirichlet');
  checkCount('dirichlet', 'n', n);
  if (!(alpha instanceof Float64Array)) {
    throw new PathwiseTypeError(`dirichlet: alpha must be a Float64Array, got ${show(alpha)}`);
  }
  const K = alpha.length;
  if (K === 0) throw new PathwiseRangeError('dirichlet: alpha must have at least one component, got length 0');
  if (K > 2 ** 24) throw new PathwiseRangeError(`dirichlet: alpha may have at most 2^24 components (one counter lane each), got ${K}`);
  for (let j = 0; j < K; j++) {
    if (!(alpha[j]! > 0 && alpha[j]! < Infinity)) {
      throw new PathwiseRangeError(`dirichlet: alpha[${j}] must be > 0 and finite, got ${show(alpha[j])}`);
    }
  }
  const offset = checkOffset('dirichlet', n, options.offset);
  const out = outArray('dirichlet', n * K, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < K; j++) {
      const g = gammaVariate(rk, w, offset + i, j, alpha[j]!);
      out[i * K + j] = g;
      sum += g;
    }
    for (let j = 0; j < K; j++) out[i * K + j] = out[i * K + j]! / sum;
  }
  return out;
}
