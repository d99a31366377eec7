/** Smooth elementwise functions: exp, expm1, log, log1p, sqrt, sin, cos, tan, atan, tanh, sigmoid, softplus. */
import type { Tensor, TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { bind } from '../trace.js';
import type { UnaryKernel } from '../kernels/elementwise.js';
import { applyTranscendental } from '../kernels/transcendental.js';
import { elementwise } from './define.js';
import { add, div, mul, neg, sub } from './arithmetic.js';
import * as dmath from '../kernels/scalar-math.js';


// Kernels are module-level functions: a closure created per call would be re-optimized every time.
// exp, expm1, log, log1p, sin, cos, tanh, sigmoid and softplus run in the WebAssembly SIMD kernels of
// ../kernels/transcendental.ts (≤ 1 ulp, a bit-identical JavaScript fallback); V8's scalar Math.* costs
// 7–13 ns per element. sigmoid is 1/(1 + e^−x) evaluated without overflow, softplus max(x, 0) + log1p(e^−|x|).
const atanKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = dmath.atan(x[i]!);
};
const sqrtKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]!);
};
const tanKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = dmath.tan(x[i]!);
};
const expKernel: UnaryKernel = (x, o) => applyTranscendental('exp', x, o);
const expm1Kernel: UnaryKernel = (x, o) => applyTranscendental('expm1', x, o);
const logKernel: UnaryKernel = (x, o) => applyTranscendental('log', x, o);
const log1pKernel: UnaryKernel = (x, o) => applyTranscendental('log1p', x, o);
const sinKernel: UnaryKernel = (x, o) => applyTranscendental('sin', x, o);
const cosKernel: UnaryKernel = (x, o) => applyTranscendental('cos', x, o);
const tanhKernel: UnaryKernel = (x, o) => applyTranscendental('tanh', x, o);
const sigmoidKernel: UnaryKernel = (x, o) => applyTranscendental('sigmoid', x, o);
const softplusKernel: UnaryKernel = (x, o) => applyTranscendental('softplus', x, o);


const expP = elementwise('exp', 'smooth', { unary: expKernel }, [(_, y) => y]);

const expm1P = elementwise('expm1', 'smooth', { unary: expm1Kernel }, [(_, y) => add(y, 1)]);

const logP = elementwise('log', 'smooth', { unary: logKernel }, [([x]) => div(1, x!)]);

const log1pP = elementwise('log1p', 'smooth', { unary: log1pKernel }, [([x]) => div(1, add(x!, 1))]);

const sqrtP = elementwise('sqrt', 'smooth', { unary: sqrtKernel, expr: (x: string) => `Math.sqrt(${x})` }, [(_, y) => div(0.5, y)]);

const sinP = elementwise('sin', 'smooth', { unary: sinKernel }, [([x]) => cos(x!)]);

const cosP = elementwise('cos', 'smooth', { unary: cosKernel }, [([x]) => neg(sin(x!))]);

const tanP = elementwise('tan', 'smooth', { unary: tanKernel, expr: (x: string) => `dmath.tan(${x})` }, [(_, y) => add(1, mul(y, y))]);

const atanP = elementwise('atan', 'smooth', { unary: atanKernel, expr: (x: string) => `dmath.atan(${x})` }, [([x]) => div(1, add(1, mul(x!, x!)))]);

const tanhP = elementwise('tanh', 'smooth', { unary: tanhKernel }, [(_, y) => sub(1, mul(y, y))]);

const sigmoidP = elementwise('sigmoid', 'smooth', { unary: sigmoidKernel }, [(_, y) => mul(y, sub(1, y))]);

const softplusP = elementwise('softplus', 'smooth', { unary: softplusKernel }, [([x]) => sigmoid(x!)]);

/** Elementwise e^x. @example exp(0).item() // 1 */
export function exp(x: TensorLike): Tensor {
  return bind(expP, [toTensor(x, 'exp')], undefined);
}
/** Elementwise e^x − 1, accurate for small x. @example expm1(1e-20).item() // 1e-20 */
export function expm1(x: TensorLike): Tensor {
  return bind(expm1P, [toTensor(x, 'expm1')], undefined);
}
/** Elementwise natural logarithm (NaN for x < 0, −∞ at 0). @example log(1).item() // 0 */
export function log(x: TensorLike): Tensor {
  return bind(logP, [toTensor(x, 'log')], undefined);
}
/** Elementwise log(1 + x), accurate for small x. @example log1p(1e-20).item() // 1e-20 */
export function log1p(x: TensorLike): Tensor {
  return bind(log1pP, [toTensor(x, 'log1p')], undefined);
}
/** Elementwise square root. @example sqrt(4).item() // 2 */
export function sqrt(x: TensorLike): Tensor {
  return bind(sqrtP, [toTensor(x, 'sqrt')], undefined);
}
/** Elementwise sine. @example sin(0).item() // 0 */
export function sin(x: TensorLike): Tensor {
  return bind(sinP, [toTensor(x, 'sin')], undefined);
}
/** Elementwise cosine. @example cos(0).item() // 1 */
export function cos(x: TensorLike): Tensor {
  return bind(cosP, [toTensor(x, 'cos')], undefined);
}
/** Elementwise tangent. @example tan(0).item() // 0 */
export function tan(x: TensorLike): Tensor {
  return bind(tanP, [toTensor(x, 'tan')], undefined);
}
/** Elementwise arctangent, in (−π/2, π/2). @example atan(1).item() // π/4 = 0.7853981633974483 */
export function atan(x: TensorLike): Tensor {
  return bind(atanP, [toTensor(x, 'atan')], undefined);
}
/** Elementwise hyperbolic tangent. @example tanh(0).item() // 0 */
export function tanh(x: TensorLike): Tensor {
  return bind(tanhP, [toTensor(x, 'tanh')], undefined);
}
/** Elementwise logistic function 1 / (1 + e^−x), stable for any x. @example sigmoid(0).item() // 0.5 */
export function sigmoid(x: TensorLike): Tensor {
  return bind(sigmoidP, [toTensor(x, 'sigmoid')], undefined);
}
/** Elementwise log(1 + e^x), stable for any x. @example softplus(1000).item() // 1000 */
export function softplus(x: TensorLike): Tensor {
  return bind(softplusP, [toTensor(x, 'softplus')], undefined);
}
/** Elementwise x², composed as x · x (exact; its derivative 2x follows). @example square(3).item() // 9 */
export function square(x: TensorLike): Tensor {
  const t = toTensor(x, 'square');
  return mul(t, t);
}
