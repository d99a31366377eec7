/**
 * Categorical variates by inversion: the category is the first j with u < F_j, F the cumulative
 * probabilities, found by binary search. One uniform per sample from the plain stream, so the sample
 * index alone determines the draw. Zero-probability categories are never drawn (F_j = F_{j−1}).
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { assertKey, type Key } from './key.js';
import { fillUniform } from './uniform.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';

/** How far the probabilities may sum from 1 (rounding in a user's normalization). */
const SUM_TOLERANCE = 1e-9;

/**
 * `n` categorical variates: indices 0..K−1 (as doubles) drawn with probabilities `probs` (length K,
 * non-negative, summing to 1 within 1e-9; they are renormalized).
 *
 * @example
 * ```ts
 * const c = categorical(key(6), 1000, new Float64Array([0.2, 0.5, 0.3]));
 * categorical(key(6), 10, new Float64Array([0.2, 0.2]));  // throws: probs must sum to 1, got 0.4
 * ```
 */
export function categorical(k: Key, n: number, probs: Float64Array, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'categorical');
  checkCount('categorical', 'n', n);
  if (!(probs instanceof Float64Array)) {
    throw new PathwiseTypeError(`categorical: probs must be a Float64Array, got ${show(probs)}`);
  }
  const K = probs.length;
  if (K === 0) throw new PathwiseRangeError('categorical: probs must have at least one category, got length 0');
  const cdf = new Float64Array(K);
  let total = 0;
  for (let j = 0; j < K; j++) {
    const p = probs[j]!;
    if (!(p >= 0 && p < Infinity)) {
      throw new PathwiseRangeError(`categorical: probs[${j}] must be a non-negative finite number, got ${show(p)}`);
    }
    total += p;
    cdf[j] = total;
  }
  if (!(Math.abs(total - 1) <= SUM_TOLERANCE)) {
    throw new PathwiseRangeError(`categorical: probs must sum to 1, got ${show(total)}`);
  }
  for (let j = 0; j < K; j++) cdf[j] = cdf[j]! / total;
  const offset = checkOffset('categorical', n, options.offset);
  const out = outArray('categorical', n, options.out);
  fillUniform(k.k0, k.k1, offset, n, out, 0);
  for (let i = 0; i < n; i++) {
    const u = out[i]!;
    let lo = 0;
    let hi = K - 1;                       // invariant: the answer is in [lo, hi]; F_{K−1} = 1 > u
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cdf[mid]!) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}
