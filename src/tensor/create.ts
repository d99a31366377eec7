/** Creating tensors from numbers, nested arrays and typed arrays. */
import { PathwiseRangeError, PathwiseTypeError, ShapeError, show } from '../errors.js';
import { checkShape, sizeOf, type Shape } from './shape.js';
import { Tensor, type NestedArray, type TensorLike } from './tensor.js';
import { newFloat64Array } from './allocate.js';

function inferShape(data: NestedArray, where: string): number[] {
  const shape: number[] = [];
  let cur: NestedArray = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0]!;
  }
  if (!Array.isArray(cur) && typeof cur !== 'number') {
    throw new PathwiseTypeError(`${where}: expected numbers, got ${show(cur)}`);
  }
  return shape;
}

function flattenInto(data: NestedArray, shape: Shape, dim: number, out: Float64Array, pos: { i: number }): void {
  if (dim === shape.length) {
    if (typeof data !== 'number') throw new ShapeError(`tensor: ragged nested array (expected a number at depth ${dim})`);
    out[pos.i++] = data;
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[dim]) {
    throw new ShapeError(`tensor: ragged nested array: expected length ${shape[dim]} at depth ${dim}, got ${show(Array.isArray(data) ? data.length : data)}`);
  }
  for (const d of data) flattenInto(d, shape, dim + 1, out, pos);
}

/**
 * A tensor from a number, a nested array or a flat array/typed array with an explicit shape.
 * A Float64Array is used without copying.
 * @example
 * tensor([[1, 2], [3, 4]]).shape        // [2, 2]
 * tensor([1, 2, 3, 4], [2, 2]).item     // reshaped flat data
 */
export function tensor(data: NestedArray | ArrayLike<number> | Float64Array, shape?: Shape): Tensor {
  if (shape !== undefined) {
    checkShape(shape, 'tensor');
    let flat: Float64Array;
    if (data instanceof Float64Array) flat = data;
    else if (typeof data === 'number') flat = new Float64Array([data]);
    else if (ArrayBuffer.isView(data) || Array.isArray(data)) {
      const arr = data as ArrayLike<NestedArray>;
      flat = newFloat64Array(arr.length, 'tensor');
      for (let i = 0; i < arr.length; i++) {
        const v = arr[i];
        if (typeof v !== 'number') throw new PathwiseTypeError(`tensor: with an explicit shape, data must be flat numbers; got ${show(v)} at index ${i}`);
        flat[i] = v;
      }
    } else throw new PathwiseTypeError(`tensor: unsupported data ${show(data)}`);
    if (flat.length !== sizeOf(shape)) {
      throw new ShapeError(`tensor: ${flat.length} values do not fill shape ${show(shape)}`);
    }
    return new Tensor(flat, [...shape]);
  }
  if (typeof data === 'number') return new Tensor(new Float64Array([data]), []);
  if (data instanceof Float64Array) return new Tensor(data, [data.length]);
  if (ArrayBuffer.isView(data)) return new Tensor(Float64Array.from(data as ArrayLike<number>), [(data as ArrayLike<number>).length]);
  if (!Array.isArray(data)) throw new PathwiseTypeError(`tensor: unsupported data ${show(data)}`);
  const inferred = inferShape(data as NestedArray, 'tensor');
  const out = newFloat64Array(sizeOf(inferred), 'tensor');
  flattenInto(data as NestedArray, inferred, 0, out, { i: 0 });
  return new Tensor(out, inferred);
}

/** A tensor of shape [] holding `x`. @example scalar(2.5).shape // [] */
export function scalar(x: number): Tensor {
  if (typeof x !== 'number') throw new PathwiseTypeError(`scalar: expected a number, got ${show(x)}`);
  return new Tensor(new Float64Array([x]), []);
}

/** Converts a number to a scalar tensor; tensors pass through. */
export function toTensor(x: TensorLike, where = 'op'): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return new Tensor(new Float64Array([x]), []);
  throw new PathwiseTypeError(`${where}: expected a Tensor or a number, got ${show(x)}`);
}

/** A tensor of the given shape filled with `value`. @example full([2, 2], 7).toArray() // [[7, 7], [7, 7]] */
export function full(shape: Shape, value: number): Tensor {
  return filled(shape, value, 'full');
}

function filled(shape: Shape, value: number, where: string): Tensor {
  checkShape(shape, where);
  const out = newFloat64Array(sizeOf(shape), where);
  if (value !== 0) out.fill(value);
  return new Tensor(out, [...shape]);
}

/** A tensor of the given shape filled with 0. @example zeros([2, 3]).toArray() // [[0, 0, 0], [0, 0, 0]] */
export function zeros(shape: Shape): Tensor {
  return filled(shape, 0, 'zeros');
}

/** A tensor of the given shape filled with 1. @example ones([3]).toArray() // [1, 1, 1] */
export function ones(shape: Shape): Tensor {
  return filled(shape, 1, 'ones');
}

/**
 * Evenly spaced values in [start, stop) with the given step, as NumPy's arange.
 * @example arange(5).toArray() // [0, 1, 2, 3, 4]
 */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step) || step === 0) {
    throw new PathwiseRangeError(`arange: start, stop and step must be finite with step ≠ 0, got ${start}, ${stop}, ${step}`);
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = newFloat64Array(n, 'arange');
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return new Tensor(out, [n]);
}

/**
 * `num` evenly spaced values from start to stop inclusive.
 * @example linspace(0, 1, 3).toArray() // [0, 0.5, 1]
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new PathwiseRangeError(`linspace: num must be a non-negative integer, got ${show(num)}`);
  const out = newFloat64Array(num, 'linspace');
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) out[i] = start + i * step;
  if (num > 1) out[num - 1] = stop;
  return new Tensor(out, [num]);
}

/** The n×n identity matrix (or n×m with ones on the main diagonal). @example eye(2, 3).toArray() // [[1, 0, 0], [0, 1, 0]] */
export function eye(n: number, m = n): Tensor {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0) {
    throw new PathwiseRangeError(`eye: sizes must be non-negative integers, got ${show(n)}, ${show(m)}`);
  }
  const out = newFloat64Array(n * m, 'eye');
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return new Tensor(out, [n, m]);
}
