/**
 * Small dense linear algebra for the multivariate normal, composed from differentiable ops on the
 * entries of batched d × d matrices: the Cholesky factorization (Cholesky–Banachiewicz, row by row)
 * and forward substitution. Each entry is a tensor of the batch shape, so the work is O(d³) ops over
 * whole batches: right for the small d (≲ 20) of latent variables and asset baskets; derivatives of
 * every order come from the ops. Also a plain-loop Cholesky on concrete values, used for validation.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { zeros } from '../tensor/create.js';
import { sizeOf } from '../tensor/shape.js';
import { add, div, mul, reshape, sliceAxis, sqrt, square, stack, sub } from '../ad/ops/index.js';
import { concrete } from '../ad/trace.js';

/** Entry (i, j) of every matrix of a batch [..., d, d], shape [...]. */
export function entry(a: Tensor, i: number, j: number): Tensor {
  const row = sliceAxis(sliceAxis(a, -2, i, i + 1), -1, j, j + 1);
  return reshape(row, a.shape.slice(0, -2));
}

/** Component i of a batch of vectors [..., d], shape [...]. */
export function component(v: Tensor, i: number): Tensor {
  return reshape(sliceAxis(v, -1, i, i + 1), v.shape.slice(0, -1));
}

/**
 * The lower Cholesky factor L (L Lᵀ = A) of symmetric positive-definite matrices [..., d, d]. Reads
 * the symmetrized entries (A_ij + A_ji)/2, so the gradient with respect to A is symmetric.
 */
export function cholesky(a: Tensor): Tensor {
  const d = a.shape[a.ndim - 1]!;
  const L: Tensor[][] = [];
  for (let i = 0; i < d; i++) {
    const row: Tensor[] = [];
    for (let j = 0; j <= i; j++) {
      let s = i === j ? entry(a, i, i) : mul(add(entry(a, i, j), entry(a, j, i)), 0.5);
      for (let k = 0; k < j; k++) s = sub(s, i === j ? square(row[k]!) : mul(row[k]!, L[j]![k]!));
      row.push(i === j ? sqrt(s) : div(s, L[j]![j]!));
    }
    L.push(row);
  }
  return assembleLower(L, a.shape.slice(0, -2));
}

/** Builds [..., d, d] from the lower-triangular entries (zeros above the diagonal). */
function assembleLower(L: readonly Tensor[][], batch: readonly number[]): Tensor {
  const d = L.length;
  const zero = zeros([...batch]);
  const rows = L.map((row) => stack([...row, ...new Array<Tensor>(d - row.length).fill(zero)], -1));
  return stack(rows, -2);
}

/**
 * Solves L y = r by forward substitution for lower-triangular L [..., d, d] and right-hand sides
 * r [..., d] (batch axes broadcast); returns the components y_0 … y_{d−1}.
 */
export function solveLower(L: Tensor, r: Tensor): Tensor[] {
  const d = L.shape[L.ndim - 1]!;
  const y: Tensor[] = [];
  for (let i = 0; i < d; i++) {
    let s = component(r, i);
    for (let j = 0; j < i; j++) s = sub(s, mul(entry(L, i, j), y[j]!));
    y.push(div(s, entry(L, i, i)));
  }
  return y;
}

/** The diagonal entries of a batch of matrices. */
export function diagonal(a: Tensor): Tensor[] {
  const d = a.shape[a.ndim - 1]!;
  return Array.from({ length: d }, (_, i) => entry(a, i, i));
}

/**
 * Checks that concrete matrices [..., d, d] are symmetric (to 1e-10 relative) and positive definite
 * (every Cholesky pivot > 0), throwing a PathwiseRangeError that names `dist` and `name`.
 */
export function checkPositiveDefinite(dist: string, name: string, a: Tensor): void {
  const d = a.shape[a.ndim - 1]!;
  const m = concrete(a).data;
  const count = sizeOf(a.shape.slice(0, -2));
  const L = new Float64Array(d * d);
  for (let b = 0; b < count; b++) {
    const o = b * d * d;
    const at = count > 1 ? ` (matrix ${b})` : '';
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        const x = m[o + i * d + j]!, y = m[o + j * d + i]!;
        if (!(Math.abs(x - y) <= 1e-10 * Math.max(Math.abs(m[o + i * d + i]!), Math.abs(m[o + j * d + j]!)))) {
          throw new PathwiseRangeError(`${dist}: ${name} must be symmetric, got entries (${i}, ${j}) = ${show(x)} and (${j}, ${i}) = ${show(y)}${at}`);
        }
      }
    }
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let s = m[o + i * d + j]!;
        for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
        if (i === j) {
          if (!(s > 0)) throw new PathwiseRangeError(`${dist}: ${name} must be positive definite, got Cholesky pivot ${i} = ${show(s)}${at}`);
          L[i * d + i] = Math.sqrt(s);
        } else {
          L[i * d + j] = s / L[j * d + j]!;
        }
      }
    }
  }
}
