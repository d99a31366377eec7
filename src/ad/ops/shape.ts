/** expandDims, squeeze and stack, composed from reshape and concat. */
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor, TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { normalizeAxis } from '../../tensor/shape.js';
import { concat, reshape } from './structure.js';

/** Inserts an axis of length 1 at `axis`. @example expandDims(tensor([1, 2]), 1).shape // [2, 1] */
export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = toTensor(x, 'expandDims');
  const a = normalizeAxis(axis, t.ndim + 1, 'expandDims');
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return reshape(t, shape);
}

/** Removes axes of length 1 (all of them, or the one given). @example squeeze(zeros([2, 1])).shape // [2] */
export function squeeze(x: TensorLike, axis?: number): Tensor {
  const t = toTensor(x, 'squeeze');
  if (axis === undefined) return reshape(t, t.shape.filter((d) => d !== 1));
  const a = normalizeAxis(axis, t.ndim, 'squeeze');
  if (t.shape[a] !== 1) throw new PathwiseRangeError(`squeeze: axis ${axis} of shape ${show(t.shape)} has length ${t.shape[a]}, not 1`);
  return reshape(t, t.shape.filter((_, i) => i !== a));
}

/** Stacks equally shaped tensors along a new axis. @example stack([tensor([1, 2]), tensor([3, 4])]).shape // [2, 2] */
export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  if (xs.length === 0) throw new PathwiseRangeError('stack: needs at least one tensor, got an empty list');
  const ts = xs.map((x) => toTensor(x, 'stack'));
  const a = normalizeAxis(axis, ts[0]!.ndim + 1, 'stack');
  return concat(ts.map((t) => expandDims(t, a)), a);
}
