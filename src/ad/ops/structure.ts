/**
 * Shape primitives: reshape, broadcastTo, transpose, slice and its adjoint pad, concat, gather and its
 * adjoint scatterAdd. All are linear, so each JVP is the op itself applied to the tangent and each VJP
 * is the adjoint op. Tensors are always contiguous: transpose and slice copy.
 */
import { PathwiseRangeError, ShapeError, show } from '../../errors.js';
import { Tensor, type TensorLike } from '../../tensor/tensor.js';
import { toTensor, zeros } from '../../tensor/create.js';
import { broadcastShapes, checkShape, normalizeAxis, shapesEqual, sizeOf, stridesOf, type Shape } from '../../tensor/shape.js';
import { definePrimitive, type Primitive } from '../primitive.js';
import { bind } from '../trace.js';
import { broadcastData } from '../kernels/elementwise.js';
import { split3 } from '../kernels/reduce.js';
import { sumAxes } from './reduce.js';
import { alloc, allocZeroed } from '../../tensor/pool.js';

const reshapeP = definePrimitive<{ shape: Shape }>({
  name: 'reshape',
  smoothness: 'smooth',
  impl: ([x], { shape }) => new Tensor(x!.data, shape),
  vjp: (g, [x]) => [reshape(g, x!.shape)],
  jvp: ([t], _x, _y, { shape }) => reshape(t!, shape),
});

const broadcastToP = definePrimitive<{ shape: Shape }>({
  name: 'broadcastTo',
  smoothness: 'smooth',
  impl: ([x], { shape }) => new Tensor(broadcastData(x!, shape), shape),
  vjp: (g, [x]) => [sumToShape(g, x!.shape)],
  jvp: ([t], _x, _y, { shape }) => broadcastTo(t!, shape),
});

const transposeP = definePrimitive<{ perm: readonly number[] }>({
  name: 'transpose',
  smoothness: 'smooth',
  impl: ([x], { perm }) => transposeKernel(x!, perm),
  vjp: (g, _x, _y, { perm }) => {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => (inv[p] = i));
    return [transpose(g, inv)];
  },
  jvp: ([t], _x, _y, { perm }) => transpose(t!, perm),
});

function transposeKernel(x: Tensor, perm: readonly number[]): Tensor {
  const nd = x.shape.length;
  const inStrides = stridesOf(x.shape);
  const outShape = perm.map((p) => x.shape[p]!);
  const st = perm.map((p) => inStrides[p]!);
  const n = x.size;
  const out = alloc(n);
  if (n === 0) return new Tensor(out, outShape);
  const xd = x.data;
  const inner = outShape[nd - 1]!;
  const si = st[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, p = base; j < inner; j++, p += si) out[o + j] = xd[p]!;
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      base += st[d]!;
      if (idx[d]! < outShape[d]!) break;
      base -= st[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
  return new Tensor(out, outShape);
}

/** Copies the block [starts, starts + sizes) of `x` into `out` (or the reverse when `scatter`). */
function copyBlock(big: Tensor, bigData: Float64Array, small: Float64Array, starts: readonly number[], sizes: readonly number[], scatter: boolean): void {
  const nd = sizes.length;
  const n = sizeOf(sizes);
  if (n === 0) return;
  const bs = stridesOf(big.shape);
  const inner = nd === 0 ? 1 : sizes[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let base = 0;
  for (let d = 0; d < nd; d++) base += starts[d]! * bs[d]!;
  // Short rows (a column of a [paths, d] state) are copied element by element: a subarray per row
  // costs far more than the copy itself.
  const short = inner < 32;
  for (let o = 0; o < n; o += inner) {
    if (short) {
      if (scatter) for (let j = 0; j < inner; j++) bigData[base + j] = small[o + j]!;
      else for (let j = 0; j < inner; j++) small[o + j] = bigData[base + j]!;
    } else if (scatter) bigData.set(small.subarray(o, o + inner), base);
    else small.set(bigData.subarray(base, base + inner), o);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      base += bs[d]!;
      if (idx[d]! < sizes[d]!) break;
      base -= bs[d]! * sizes[d]!;
      idx[d] = 0;
    }
  }
}

const sliceP: Primitive<{ starts: readonly number[]; sizes: readonly number[] }> = definePrimitive<{ starts: readonly number[]; sizes: readonly number[] }>({
  name: 'slice',
  smoothness: 'smooth',
  impl: ([x], { starts, sizes }) => {
    const out = alloc(sizeOf(sizes));
    copyBlock(x!, x!.data, out, starts, sizes, false);
    return new Tensor(out, sizes);
  },
  vjp: (g, [x], _y, { starts }) => [pad(g, starts, x!.shape)],
  jvp: ([t], _x, _y, { starts, sizes }) => bind(sliceP, [t!], { starts, sizes }),
});

const padP: Primitive<{ starts: readonly number[]; shape: Shape }> = definePrimitive<{ starts: readonly number[]; shape: Shape }>({
  name: 'pad',
  smoothness: 'smooth',
  impl: ([x], { starts, shape }) => {
    const out = new Tensor(allocZeroed(sizeOf(shape)), shape);
    copyBlock(out, out.data, x!.data, starts, x!.shape, true);
    return out;
  },
  vjp: (g, [x], _y, { starts }) => [bind(sliceP, [g], { starts, sizes: x!.shape })],
  jvp: ([t], _x, _y, params) => bind(padP, [t!], params),
});

const concatP: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: 'concat',
  smoothness: 'smooth',
  impl: (xs, { axis }) => {
    const shape = [...xs[0]!.shape];
    shape[axis] = xs.reduce((s, x) => s + x.shape[axis]!, 0);
    const [outer, , inner] = split3(shape, axis);
    const out = alloc(sizeOf(shape));
    const rowLen = shape[axis]! * inner;
    let off = 0;
    for (const x of xs) {
      const len = x.shape[axis]! * inner;
      const xd = x.data;
      if (len < 32) for (let o = 0; o < outer; o++) for (let j = 0; j < len; j++) out[o * rowLen + off + j] = xd[o * len + j]!;
      else for (let o = 0; o < outer; o++) out.set(xd.subarray(o * len, (o + 1) * len), o * rowLen + off);
      off += len;
    }
    return new Tensor(out, shape);
  },
  vjp: (g, xs, _y, { axis }, needs) => {
    let start = 0;
    return xs.map((x, i) => {
      const s = start;
      start += x.shape[axis]!;
      return needs[i] ? sliceAxis(g, axis, s, s + x.shape[axis]!) : null;
    });
  },
  jvp: (ts, xs, _y, { axis }) => bind(concatP, ts.map((t, i) => t ?? zeros(xs[i]!.shape)), { axis }),
});

const gatherP: Primitive<{ axis: number; indices: Int32Array }> = definePrimitive<{ axis: number; indices: Int32Array }>({
  name: 'gather',
  smoothness: 'smooth',
  impl: ([x], { axis, indices }) => {
    const [outer, r, inner] = split3(x!.shape, axis);
    const k = indices.length;
    const shape = [...x!.shape];
    shape[axis] = k;
    const out = alloc(outer * k * inner);
    const xd = x!.data;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const src = (o * r + indices[j]!) * inner;
        const dst = (o * k + j) * inner;
        if (inner < 32) for (let i = 0; i < inner; i++) out[dst + i] = xd[src + i]!;
        else out.set(xd.subarray(src, src + inner), dst);
      }
    }
    return new Tensor(out, shape);
  },
  vjp: (g, [x], _y, { axis, indices }) => [bind(scatterAddP, [g], { axis, indices, size: x!.shape[axis]! })],
  jvp: ([t], _x, _y, params) => bind(gatherP, [t!], params),
});

const scatterAddP: Primitive<{ axis: number; indices: Int32Array; size: number }> = definePrimitive<{ axis: number; indices: Int32Array; size: number }>({
  name: 'scatterAdd',
  smoothness: 'smooth',
  impl: ([g], { axis, indices, size }) => {
    const [outer, k, inner] = split3(g!.shape, axis);
    const shape = [...g!.shape];
    shape[axis] = size;
    const out = allocZeroed(outer * size * inner);
    const gd = g!.data;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const dst = (o * size + indices[j]!) * inner;
        const src = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) out[dst + i] += gd[src + i]!;
      }
    }
    return new Tensor(out, shape);
  },
  vjp: (g, _x, _y, { axis, indices }) => [bind(gatherP, [g], { axis, indices })],
  jvp: ([t], _x, _y, params) => bind(scatterAddP, [t!], params),
});

/**
 * The same values with a new shape (one dimension may be −1 and is inferred).
 * @example reshape(arange(6), [2, -1]).shape // [2, 3]
 */
export function reshape(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x, 'reshape');
  const s = [...shape];
  const free = s.indexOf(-1);
  if (free >= 0) {
    const known = s.reduce((p, d, i) => (i === free ? p : p * d), 1);
    s[free] = known === 0 ? 0 : t.size / known;
  }
  checkShape(s, 'reshape');
  if (sizeOf(s) !== t.size) throw new ShapeError(`reshape: cannot reshape a tensor of shape ${show(t.shape)} (${t.size} elements) into ${show(shape)}`);
  return bind(reshapeP, [t], { shape: s });
}

/** Broadcasts `x` to `shape` (NumPy rules). @example broadcastTo(1, [2, 2]).toArray() // [[1, 1], [1, 1]] */
export function broadcastTo(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x, 'broadcastTo');
  const target = broadcastShapes(t.shape, shape, 'broadcastTo');
  if (!shapesEqual(target, shape)) throw new ShapeError(`broadcastTo: shape ${show(t.shape)} cannot be broadcast to ${show(shape)}`);
  return bind(broadcastToP, [t], { shape: [...shape] });
}

/**
 * Sums `x` down to `shape`, the adjoint of broadcasting (used to un-broadcast cotangents).
 * @example sumToShape(ones([2, 3]), [3]).toArray() // [2, 2, 2]
 */
export function sumToShape(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const lead = x.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < x.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? sumAxes(x, axes) : x;
  return reshape(summed, shape);
}

/**
 * Permutes the axes (default: reverses them).
 * @example transpose(tensor([[1, 2], [3, 4]])).toArray() // [[1, 3], [2, 4]]
 */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor(x, 'transpose');
  const nd = t.shape.length;
  const p = perm === undefined ? [...Array(nd).keys()].reverse() : perm.map((a) => normalizeAxis(a, nd, 'transpose'));
  if (p.length !== nd || new Set(p).size !== nd) {
    throw new PathwiseRangeError(`transpose: perm ${show(perm)} is not a permutation of the ${nd} axes of shape ${show(t.shape)}`);
  }
  return bind(transposeP, [t], { perm: p });
}

/**
 * The block of `x` starting at `starts` with extent `sizes` (−1: to the end of that axis).
 * @example slice(arange(5), [1], [3]).toArray() // [1, 2, 3]
 */
export function slice(x: TensorLike, starts: readonly number[], sizes: readonly number[]): Tensor {
  const t = toTensor(x, 'slice');
  if (starts.length !== t.ndim || sizes.length !== t.ndim) {
    throw new ShapeError(`slice: starts ${show(starts)} and sizes ${show(sizes)} must each have one entry per axis of shape ${show(t.shape)}`);
  }
  const sz = sizes.map((s, i) => (s === -1 ? t.shape[i]! - starts[i]! : s));
  for (let i = 0; i < t.ndim; i++) {
    if (!Number.isInteger(starts[i]) || !Number.isInteger(sz[i]) || starts[i]! < 0 || sz[i]! < 0 || starts[i]! + sz[i]! > t.shape[i]!) {
      throw new PathwiseRangeError(`slice: block starts ${show(starts)} sizes ${show(sizes)} is outside shape ${show(t.shape)}`);
    }
  }
  return bind(sliceP, [t], { starts: [...starts], sizes: sz });
}

/**
 * Elements [start, end) along one axis (negative indices count from the end).
 * @example sliceAxis(tensor([[1, 2, 3], [4, 5, 6]]), 1, -2).toArray() // [[2, 3], [5, 6]]
 */
export function sliceAxis(x: TensorLike, axis: number, start: number, end?: number): Tensor {
  const t = toTensor(x, 'sliceAxis');
  const a = normalizeAxis(axis, t.ndim, 'sliceAxis');
  const n = t.shape[a]!;
  const s = start < 0 ? start + n : start;
  const e = end === undefined ? n : end < 0 ? end + n : end;
  const starts = t.shape.map((_, i) => (i === a ? s : 0));
  const sizes = t.shape.map((d, i) => (i === a ? e - s : d));
  return slice(t, starts, sizes);
}

/**
 * Places `x` into zeros of `shape` at offset `starts` (the adjoint of slice).
 * @example pad(tensor([1, 2]), [1], [4]).toArray() // [0, 1, 2, 0]
 */
export function pad(x: TensorLike, starts: readonly number[], shape: Shape): Tensor {
  const t = toTensor(x, 'pad');
  const fits = t.ndim === shape.length && starts.length === t.ndim &&
    t.shape.every((d, i) => Number.isInteger(starts[i]) && starts[i]! >= 0 && starts[i]! + d <= shape[i]!);
  if (!fits) throw new ShapeError(`pad: block of shape ${show(t.shape)} at ${show(starts)} does not fit in ${show(shape)}`);
  return bind(padP, [t], { starts: [...starts], shape: [...shape] });
}

/** Joins tensors along an existing axis. @example concat([tensor([1]), tensor([2, 3])]).toArray() // [1, 2, 3] */
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  if (xs.length === 0) throw new PathwiseRangeError('concat: needs at least one tensor, got an empty list');
  const ts = xs.map((x) => toTensor(x, 'concat'));
  const a = normalizeAxis(axis, ts[0]!.ndim, 'concat');
  for (const t of ts) {
    if (t.ndim !== ts[0]!.ndim || t.shape.some((d, i) => i !== a && d !== ts[0]!.shape[i])) {
      throw new ShapeError(`concat: shapes ${show(ts.map((u) => u.shape))} differ outside axis ${a}`);
    }
  }
  return bind(concatP, ts, { axis: a });
}

/**
 * Selects entries along `axis` at integer `indices` (repeats allowed); the gradient scatters back.
 * @example gather(tensor([10, 20, 30]), [2, 0, 2]).toArray() // [30, 10, 30]
 */
export function gather(x: TensorLike, indices: readonly number[] | Int32Array, axis = 0): Tensor {
  const t = toTensor(x, 'gather');
  const a = normalizeAxis(axis, t.ndim, 'gather');
  const n = t.shape[a]!;
  const idx = Int32Array.from(indices, (i) => (i < 0 ? i + n : i));
  for (let j = 0; j < idx.length; j++) {
    if (!Number.isInteger(indices[j]) || idx[j]! < 0 || idx[j]! >= n) {
      throw new PathwiseRangeError(`gather: index ${show(indices[j])} is out of range for axis ${a} of length ${n}`);
    }
  }
  return bind(gatherP, [t], { axis: a, indices: idx });
}
