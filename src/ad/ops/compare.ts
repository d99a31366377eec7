/**
 * Piecewise-constant primitives: comparisons (1 where true, 0 where false), step, floor, sign. Their
 * derivative is zero wherever it exists, and they jump: a pathwise gradient through them is biased,
 * so they are `discontinuous` and consuming a sampled value is recorded (ad/tracking.ts).
 */
import type { Tensor, TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { bind } from '../trace.js';
import type { BinaryKernel, UnaryKernel } from '../kernels/elementwise.js';
import { piecewiseConstant } from './define.js';


// Kernels are module-level functions: a closure created per call would be re-optimized every time.
const greaterKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! > b[bi]! ? 1 : 0;
};
const lessKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! < b[bi]! ? 1 : 0;
};
const equalKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! === b[bi]! ? 1 : 0;
};
const stepKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; o[i] = v > 0 ? 1 : v <= 0 ? 0 : v; }
};
const floorKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.floor(x[i]!);
};
const signKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) { const v = x[i]!; o[i] = v > 0 ? 1 : v < 0 ? -1 : v; }
};

const greaterP = piecewiseConstant('greater', 2, { binary: greaterKernel, expr: (a, b) => `${a} > ${b} ? 1 : 0` });

const lessP = piecewiseConstant('less', 2, { binary: lessKernel, expr: (a, b) => `${a} < ${b} ? 1 : 0` });

const equalP = piecewiseConstant('equal', 2, { binary: equalKernel, expr: (a, b) => `${a} === ${b} ? 1 : 0` });

const stepP = piecewiseConstant('step', 1, { unary: stepKernel, expr: (x: string) => `${x} > 0 ? 1 : ${x} <= 0 ? 0 : ${x}` });

const floorP = piecewiseConstant('floor', 1, { unary: floorKernel, expr: (x: string) => `Math.floor(${x})` });

const signP = piecewiseConstant('sign', 1, { unary: signKernel, expr: (x: string) => `${x} > 0 ? 1 : ${x} < 0 ? -1 : ${x}` });

/** 1 where a > b, else 0 (broadcasting). @example greater(tensor([1, 3]), 2).toArray() // [0, 1] */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return bind(greaterP, [toTensor(a, 'greater'), toTensor(b, 'greater')], undefined);
}
/** 1 where a < b, else 0 (broadcasting). @example less(tensor([1, 3]), 2).toArray() // [1, 0] */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return bind(lessP, [toTensor(a, 'less'), toTensor(b, 'less')], undefined);
}
/** 1 where a = b, else 0 (broadcasting). @example equal(tensor([1, 2]), 2).toArray() // [0, 1] */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return bind(equalP, [toTensor(a, 'equal'), toTensor(b, 'equal')], undefined);
}
/**
 * Heaviside step: 1 for x > 0, 0 for x ≤ 0 (NaN stays NaN).
 * @example step(tensor([-1, 0, 2])).toArray() // [0, 0, 1]
 */
export function step(x: TensorLike): Tensor {
  return bind(stepP, [toTensor(x, 'step')], undefined);
}
/** Elementwise floor. @example floor(tensor([1.5, -1.5])).toArray() // [1, -2] */
export function floor(x: TensorLike): Tensor {
  return bind(floorP, [toTensor(x, 'floor')], undefined);
}
/** Elementwise sign: −1, 0 or 1 (NaN stays NaN). @example sign(tensor([-2, 0, 3])).toArray() // [-1, 0, 1] */
export function sign(x: TensorLike): Tensor {
  return bind(signP, [toTensor(x, 'sign')], undefined);
}
