/** add, sub, mul, div, neg, pow: the arithmetic primitives, with NumPy broadcasting. */
import { Tensor, type TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { bind } from '../trace.js';
import type { BinaryKernel, UnaryKernel } from '../kernels/elementwise.js';
import { elementwise } from './define.js';
import { equal } from './compare.js';
import { where } from './where.js';
import { log } from './math.js';
import * as dmath from '../kernels/scalar-math.js';


// Kernels are module-level functions: a closure created per call would be re-optimized every time.
const addKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! + b[bi]!;
};
const subKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! - b[bi]!;
};
const mulKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! * b[bi]!;
};
const divKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = a[ai]! / b[bi]!;
};
const powKernel: BinaryKernel = (a, ai, as, b, bi, bs, o, oi, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) o[oi + i] = dmath.pow(a[ai]!, b[bi]!);
};
const negKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = -x[i]!;
};

const addP = elementwise('add', 'smooth', { binary: addKernel, expr: (a, b) => `${a} + ${b}` }, [() => 1, () => 1]);

const subP = elementwise('sub', 'smooth', { binary: subKernel, expr: (a, b) => `${a} - ${b}` }, [() => 1, () => -1]);

const mulP = elementwise('mul', 'smooth', { binary: mulKernel, expr: (a, b) => `${a} * ${b}` }, [([, b]) => b!, ([a]) => a!]);

const divP = elementwise('div', 'smooth', { binary: divKernel, expr: (a, b) => `${a} / ${b}` }, [([, b]) => div(1, b!), ([, b], y) => neg(div(y, b!))]);

const negP = elementwise('neg', 'smooth', { unary: negKernel, expr: (x: string) => `-${x}` }, [() => -1]);

// ∂/∂b a^b = a^b log a; taken as 0 where a^b = 0 (a = 0, b > 0), the limit, instead of 0 · (−∞) = NaN.
const powP = elementwise('pow', 'smooth', { binary: powKernel, expr: (a, b) => `dmath.pow(${a}, ${b})` }, [
  ([a, b]) => mul(b!, pow(a!, sub(b!, 1))),
  ([a], y) => where(equal(y, 0), 0, mul(y, log(a!))),
]);

/**
 * Elementwise a + b with broadcasting.
 * @example add(tensor([1, 2]), 10).toArray()   // [11, 12]
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return bind(addP, [toTensor(a, 'add'), toTensor(b, 'add')], undefined);
}

/** Elementwise a − b with broadcasting. @example sub(tensor([3, 5]), 1).toArray() // [2, 4] */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return bind(subP, [toTensor(a, 'sub'), toTensor(b, 'sub')], undefined);
}

/** Elementwise a · b with broadcasting. @example mul(tensor([[1], [2]]), tensor([1, 10])).toArray() // [[1, 10], [2, 20]] */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return bind(mulP, [toTensor(a, 'mul'), toTensor(b, 'mul')], undefined);
}

/** Elementwise a / b with broadcasting (IEEE: x/0 = ±∞, 0/0 = NaN). @example div(tensor([1, 3]), 2).toArray() // [0.5, 1.5] */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return bind(divP, [toTensor(a, 'div'), toTensor(b, 'div')], undefined);
}

/** Elementwise −x. @example neg(tensor([1, -2])).toArray() // [-1, 2] */
export function neg(x: TensorLike): Tensor {
  return bind(negP, [toTensor(x, 'neg')], undefined);
}

/**
 * Elementwise a^b with a tensor exponent; differentiable in both.
 * @example pow(tensor([2, 3]), 2).toArray()   // [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return bind(powP, [toTensor(a, 'pow'), toTensor(b, 'pow')], undefined);
}
