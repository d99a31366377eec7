/** Shape arithmetic: sizes, row-major strides, NumPy broadcasting, axis normalization. */
import { PathwiseRangeError, PathwiseTypeError, ShapeError, show } from '../errors.js';

export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks that every dimension is a non-negative integer; `where` names the caller in the error. */
export function checkShape(shape: Shape, where: string): void {
  if (!Array.isArray(shape)) throw new PathwiseTypeError(`${where}: shape must be an array of integers, got ${show(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new PathwiseRangeError(`${where}: shape dimensions must be non-negative integers, got ${show(shape)}`);
    }
  }
}

/** The NumPy broadcast of two shapes; throws a ShapeError naming `op` and both shapes. */
export function broadcastShapes(a: Shape, b: Shape, op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${op}: shapes ${show(a)} and ${show(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen through a broadcast to `target` (0 along broadcast dimensions). */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const s = stridesOf(shape);
  const out = new Array<number>(target.length).fill(0);
  const off = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 ? 0 : s[i]!;
  return out;
}

/** Maps a possibly negative axis into [0, ndim); throws naming `op` when out of range. */
export function normalizeAxis(axis: number, ndim: number, op: string): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= Math.max(ndim, 1)) {
    throw new PathwiseRangeError(`${op}: axis ${show(axis)} is out of range for a tensor with ${ndim} dimension(s)`);
  }
  return axis < 0 ? axis + ndim : axis;
}
