/**
 * Kinked primitives: continuous everywhere, differentiable except at isolated points (abs, maximum,
 * minimum). Pathwise gradients through them stay unbiased, so they are not discontinuity events. At a tie
 * the subgradient is split evenly between the arguments (as JAX does), which keeps max(x, x) = x exact.
 */
import type { Tensor, TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { bind } from '../trace.js';
import type { BinaryKernel, UnaryKernel } from '../kernels/elementwise.js';
import { elementwise } from './define.js';
import { add, mul } from './arithmetic.js';
import { equal, greater, less, sign } from './compare.js';


// Kernels are module-level functions: a closure created per call would be re-optimized every time.
const maximumKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) { const x = a[ai]!, y = b[bi]!; o[oi + i] = x > y || x !== x ? x : y; }
};
const minimumKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) { const x = a[ai]!, y = b[bi]!; o[oi + i] = x < y || x !== x ? x : y; }
};
const absKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.abs(x[i]!);
};

const absP = elementwise('abs', 'kinked', { unary: absKernel, expr: (x: string) => `Math.abs(${x})` }, [([x]) => sign(x!)]);

const halfTie = (a: Tensor, b: Tensor) => mul(equal(a, b), 0.5);

const maximumP = elementwise('maximum', 'kinked', { binary: maximumKernel, expr: (a, b) => `${a} > ${b} || ${a} !== ${a} ? ${a} : ${b}` }, [
  ([a, b]) => add(greater(a!, b!), halfTie(a!, b!)),
  ([a, b]) => add(greater(b!, a!), halfTie(a!, b!)),
]);

const minimumP = elementwise('minimum', 'kinked', { binary: minimumKernel, expr: (a, b) => `${a} < ${b} || ${a} !== ${a} ? ${a} : ${b}` }, [
  ([a, b]) => add(less(a!, b!), halfTie(a!, b!)),
  ([a, b]) => add(less(b!, a!), halfTie(a!, b!)),
]);

/** Elementwise |x|. @example abs(tensor([-2, 3])).toArray() // [2, 3] */
export function abs(x: TensorLike): Tensor {
  return bind(absP, [toTensor(x, 'abs')], undefined);
}
/** Elementwise maximum with broadcasting (NaN propagates). @example maximum(tensor([1, 5]), 3).toArray() // [3, 5] */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return bind(maximumP, [toTensor(a, 'maximum'), toTensor(b, 'maximum')], undefined);
}
/** Elementwise minimum with broadcasting (NaN propagates). @example minimum(tensor([1, 5]), 3).toArray() // [1, 3] */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return bind(minimumP, [toTensor(a, 'minimum'), toTensor(b, 'minimum')], undefined);
}
/** max(x, 0), composed from maximum. @example relu(tensor([-1, 2])).toArray() // [0, 2] */
export function relu(x: TensorLike): Tensor {
  return maximum(x, 0);
}
/** Clamps x into [lo, hi], composed from maximum and minimum. @example clamp(tensor([-5, 0.5, 5]), 0, 1).toArray() // [0, 0.5, 1] */
export function clamp(x: TensorLike, lo: TensorLike, hi: TensorLike): Tensor {
  return minimum(maximum(x, lo), hi);
}
