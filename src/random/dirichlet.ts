/**
 * Dirichlet(α) variates by normalized gammas: G_j ~ Gamma(α_j) on lane j of the gamma stream
 * (key.ts), x_j = G_j / Σ G. Sample i (a row of K values) is a pure function of (key, i).
 *
 * The gammas are carried as logarithms (logGammaVariate) and normalized by the largest,
 * x_j = e_j/Σe with e_j = exp(log G_j − max log G), so shapes as small as 1e-6, whose gammas all underflow, still give exact
 * rows instead of 0/0.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { assertKey, type Key } from './key.js';
import { logGammaVariate } from './gamma.js';
import { philoxRoundKeys } from './philox.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/**
 * `n` Dirichlet(α) variates, row-major n × K (K = α.length ≥ 1, every α_j > 0).
 *
 * Every component is ≥ Number.MIN_VALUE (≈ 4.9e-324): a component below the smallest positive double is
 * returned as Number.MIN_VALUE, which stands for "any value in (0, 4.9e-324]" (the distribution layer
 * treats it as an atom, distributions/dirichlet.ts). Rows sum to 1 up to rounding.
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
    const row = i * K;
    let top = -Infinity;
    for (let j = 0; j < K; j++) {
      const l = logGammaVariate(rk, w, offset + i, j, alpha[j]!);
      out[row + j] = l;
      if (l > top) top = l;
    }
    // e_j/Σe with e_j = exp(log G_j − max): exp(log G_j − logsumexp) would lose |log G|·2^−52 to the
    // difference of two large logarithms, and rows would no longer sum to 1 within rounding.
    let sum = 0;
    for (let j = 0; j < K; j++) {
      const e = dmath.exp(out[row + j]! - top);
      out[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < K; j++) {
      const x = out[row + j]! / sum;
      out[row + j] = x < Number.MIN_VALUE ? Number.MIN_VALUE : x;
    }
  }
  return out;
}
