/**
 * Drivers for elementwise kernels. A unary kernel maps one Float64Array into another; a binary kernel is
 * one strided loop `o[oi+i] = f(a[ai + i·as], b[bi + i·bs])`, which covers equal shapes (strides 1, 1),
 * a scalar operand (stride 0) and, row by row over the innermost axis, any NumPy broadcast.
 * Each op supplies its own monomorphic loop so that V8 inlines the arithmetic (no closure per element).
 */
import { Tensor } from '../../tensor/tensor.js';
import { broadcastShapes, broadcastStrides, sizeOf, type Shape } from '../../tensor/shape.js';
import { alloc } from '../../tensor/pool.js';

export type UnaryKernel = (x: Float64Array, out: Float64Array) => void;
export type BinaryKernel = (
  a: Float64Array, ai: number, as: number,
  b: Float64Array, bi: number, bs: number,
  o: Float64Array, oi: number, n: number,
) => void;

export function mapUnary(kernel: UnaryKernel, x: Tensor): Tensor {
  const out = alloc(x.size);
  kernel(x.data, out);
  return new Tensor(out, x.shape);
}

/** Calls `row(offsets…)` once per innermost row of `shape`, for inputs with the given strides. */
function forEachRow(
  shape: Shape, sa: readonly number[], sb: readonly number[],
  row: (ai: number, bi: number, oi: number) => void,
): void {
  const nd = shape.length;
  const inner = shape[nd - 1]!;
  const rows = sizeOf(shape) / inner;
  const idx = new Array<number>(nd - 1).fill(0);
  let ai = 0;
  let bi = 0;
  for (let r = 0; r < rows; r++) {
    row(ai, bi, r * inner);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      ai += sa[d]!;
      bi += sb[d]!;
      if (idx[d]! < shape[d]!) break;
      ai -= sa[d]! * shape[d]!;
      bi -= sb[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

export function mapBinary(kernel: BinaryKernel, a: Tensor, b: Tensor, op: string): Tensor {
  const shape = a.shape.length === b.shape.length && a.size === b.size && sameDims(a.shape, b.shape)
    ? a.shape
    : broadcastShapes(a.shape, b.shape, op);
  const n = sizeOf(shape);
  const out = alloc(n);
  if (n === 0) return new Tensor(out, shape);
  if (a.size === n && b.size === n) kernel(a.data, 0, 1, b.data, 0, 1, out, 0, n);
  else if (a.size === 1 && b.size === n) kernel(a.data, 0, 0, b.data, 0, 1, out, 0, n);
  else if (b.size === 1 && a.size === n) kernel(a.data, 0, 1, b.data, 0, 0, out, 0, n);
  else if (a.size === 1 && b.size === 1) kernel(a.data, 0, 0, b.data, 0, 0, out, 0, n);
  else {
    const sa = broadcastStrides(a.shape, shape);
    const sb = broadcastStrides(b.shape, shape);
    const inner = shape[shape.length - 1]!;
    const ia = sa[shape.length - 1]!;
    const ib = sb[shape.length - 1]!;
    const ad = a.data;
    const bd = b.data;
    forEachRow(shape, sa, sb, (ai, bi, oi) => kernel(ad, ai, ia, bd, bi, ib, out, oi, inner));
  }
  return new Tensor(out, shape);
}

function sameDims(a: Shape, b: Shape): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copies `x` broadcast to `shape` into a new contiguous array. */
export function broadcastData(x: Tensor, shape: Shape): Float64Array {
  const n = sizeOf(shape);
  const out = alloc(n);
  if (n === 0) return out;
  if (x.size === n) out.set(x.data);
  else if (x.size === 1) out.fill(x.data[0]!);
  else {
    const sx = broadcastStrides(x.shape, shape);
    const inner = shape[shape.length - 1]!;
    const ix = sx[shape.length - 1]!;
    const xd = x.data;
    forEachRow(shape, sx, sx, (xi, _b, oi) => {
      if (ix === 1) out.set(xd.subarray(xi, xi + inner), oi);
      else out.fill(xd[xi]!, oi, oi + inner);
    });
  }
  return out;
}
