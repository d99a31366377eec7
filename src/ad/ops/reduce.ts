/**
 * Reductions. Two primitives, sum and max along one axis (kept with length 1); everything else is
 * composed: sums over several axes, mean, logsumexp (max-shifted, so it never overflows), softmax and
 * logSoftmax (from logsumexp, accurate for extreme logits).
 */
import { Tensor, type TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { normalizeAxis } from '../../tensor/shape.js';
import { definePrimitive, type Primitive } from '../primitive.js';
import { bind } from '../trace.js';
import { maxAxisKernel, sumAxisKernel } from '../kernels/reduce.js';
import { add, div, mul, sub } from './arithmetic.js';
import { equal } from './compare.js';
import { exp, log } from './math.js';
import { broadcastTo, reshape } from './structure.js';
import { stopGradient } from '../stop-gradient.js';

const sumP: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: 'sum',
  smoothness: 'smooth',
  impl: ([x], { axis }) => sumAxisKernel(x!, axis),
  vjp: (g, [x]) => [broadcastTo(g, x!.shape)],
  jvp: ([t], _x, _y, params) => bind(sumP, [t!], params),
});

// The cotangent is shared evenly among tied maxima, so the rule is exact for max(x, x) = x.
const maxP = definePrimitive<{ axis: number }>({
  name: 'max',
  smoothness: 'kinked',
  impl: ([x], { axis }) => maxAxisKernel(x!, axis),
  vjp: (g, [x], y, { axis }) => {
    const mask = equal(x!, y);
    return [mul(mask, div(g, bind(sumP, [mask], { axis })))];
  },
  jvp: ([t], [x], y, { axis }) => {
    const mask = equal(x!, y);
    return div(bind(sumP, [mul(mask, t!)], { axis }), bind(sumP, [mask], { axis }));
  },
});

type Axes = number | readonly number[] | undefined;

function resolveAxes(x: Tensor, axis: Axes, op: string): number[] {
  if (axis === undefined) return [...Array(x.ndim).keys()];
  const list = typeof axis === 'number' ? [axis] : [...axis];
  return [...new Set(list.map((a) => normalizeAxis(a, x.ndim, op)))].sort((a, b) => a - b);
}

function dropAxes(x: Tensor, axes: readonly number[], keepDims: boolean): Tensor {
  if (keepDims) return x;
  return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
}

/** Sum over the given axes, keeping them with length 1 (used by un-broadcasting). */
export function sumAxes(x: Tensor, axes: readonly number[]): Tensor {
  let acc = x;
  for (const a of axes) acc = bind(sumP, [acc], { axis: a });
  return acc;
}

/**
 * Sum along `axis` (a number, a list, or all axes when omitted).
 * @example sum(tensor([[1, 2], [3, 4]]), 0).toArray() // [4, 6]
 */
export function sum(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor(x, 'sum');
  const axes = resolveAxes(t, axis, 'sum');
  // A full reduction of a multi-axis tensor runs as one contiguous pairwise sum.
  if (axes.length === t.ndim && t.ndim > 1) {
    const s = bind(sumP, [reshape(t, [t.size])], { axis: 0 });
    return reshape(s, keepDims ? t.shape.map(() => 1) : []);
  }
  return dropAxes(sumAxes(t, axes), axes, keepDims);
}

/** Mean along `axis` (all axes when omitted). @example mean(tensor([1, 2, 3])).item() // 2 */
export function mean(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor(x, 'mean');
  const axes = resolveAxes(t, axis, 'mean');
  const count = axes.reduce((n, a) => n * t.shape[a]!, 1);
  return div(sum(t, axes, keepDims), count);
}

/** Maximum along `axis` (all axes when omitted). @example max(tensor([1, 5, 2])).item() // 5 */
export function max(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor(x, 'max');
  const axes = resolveAxes(t, axis, 'max');
  let acc = t;
  for (const a of axes) acc = bind(maxP, [acc], { axis: a });
  return dropAxes(acc, axes, keepDims);
}

/**
 * log Σ exp(x) along `axis`, shifted by the maximum so that it never overflows.
 * @example logsumexp(tensor([1000, 1000])).item() // 1000.6931471805599
 */
export function logsumexp(x: TensorLike, axis?: Axes, keepDims = false): Tensor {
  const t = toTensor(x, 'logsumexp');
  const axes = resolveAxes(t, axis, 'logsumexp');
  // The shift is a constant for differentiation: d/dx of the result does not depend on it.
  // An infinite maximum is replaced by 0 so that exp(x − shift) stays defined (±∞ then propagate as IEEE says).
  const m = stopGradient(max(t, axes, true));
  const shift = new Tensor(m.data.map((v) => (Number.isFinite(v) ? v : 0)), m.shape);
  const lse = add(log(sum(exp(sub(t, shift)), axes, true)), shift);
  return dropAxes(lse, axes, keepDims);
}

/** log softmax along `axis` (default −1): x − logsumexp(x). @example logSoftmax(tensor([0, 0])).toArray() // [−0.693…, −0.693…] */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x, 'logSoftmax');
  return sub(t, logsumexp(t, axis, true));
}

/** softmax along `axis` (default −1), via logSoftmax. @example softmax(tensor([0, 0])).toArray() // [0.5, 0.5] */
export function softmax(x: TensorLike, axis = -1): Tensor {
  return exp(logSoftmax(x, axis));
}
