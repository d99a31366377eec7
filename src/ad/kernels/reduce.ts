/**
 * Reduction kernels along one axis. A tensor is viewed as [outer, r, inner] around the axis. Contiguous
 * reductions (inner = 1) use pairwise summation, as NumPy does: error O(ε log n) instead of O(ε n).
 */
import { Tensor } from '../../tensor/tensor.js';
import { sizeOf } from '../../tensor/shape.js';
import { alloc, allocZeroed } from '../../tensor/pool.js';

function pairwiseSum(x: Float64Array, start: number, n: number): number {
  if (n <= 128) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[start + i]!;
      s1 += x[start + i + 1]!;
      s2 += x[start + i + 2]!;
      s3 += x[start + i + 3]!;
    }
    for (; i < n; i++) s0 += x[start + i]!;
    return (s0 + s1) + (s2 + s3);
  }
  const h = (n >> 1) & ~7;
  return pairwiseSum(x, start, h) + pairwiseSum(x, start + h, n - h);
}

export function split3(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];
}

function keptShape(shape: readonly number[], axis: number): number[] {
  const s = [...shape];
  s[axis] = 1;
  return s;
}

/** Sum along `axis`, keeping it with length 1. */
export function sumAxisKernel(x: Tensor, axis: number): Tensor {
  const [outer, r, inner] = split3(x.shape, axis);
  const xd = x.data;
  const out = inner === 1 ? alloc(outer) : allocZeroed(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) out[o] = pairwiseSum(xd, o * r, r);
  } else {
    for (let o = 0; o < outer; o++) {
      const ob = o * inner;
      for (let k = 0; k < r; k++) {
        const xb = (o * r + k) * inner;
        for (let j = 0; j < inner; j++) out[ob + j] += xd[xb + j]!;
      }
    }
  }
  return new Tensor(out, keptShape(x.shape, axis));
}

/** Maximum along `axis`, keeping it with length 1; NaN propagates. */
export function maxAxisKernel(x: Tensor, axis: number): Tensor {
  const [outer, r, inner] = split3(x.shape, axis);
  const xd = x.data;
  const out = alloc(outer * inner).fill(-Infinity);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let k = 0; k < r; k++) {
      const xb = (o * r + k) * inner;
      for (let j = 0; j < inner; j++) {
        const v = xd[xb + j]!;
        if (v > out[ob + j]! || v !== v) out[ob + j] = v;
      }
    }
  }
  return new Tensor(out, keptShape(x.shape, axis));
}
