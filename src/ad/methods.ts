/**
 * Installs every op as a Tensor method, so that `x.exp()` is `exp(x)` and `x.add(y)` is `add(x, y)`.
 * The methods live here, beside the ops, because tensor/ knows nothing of differentiation.
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import * as ops from './ops/index.js';

type Axes = number | readonly number[];

declare module '../tensor/tensor.js' {
  interface Tensor {
    add(b: TensorLike): Tensor;
    sub(b: TensorLike): Tensor;
    mul(b: TensorLike): Tensor;
    div(b: TensorLike): Tensor;
    neg(): Tensor;
    pow(b: TensorLike): Tensor;
    exp(): Tensor;
    expm1(): Tensor;
    log(): Tensor;
    log1p(): Tensor;
    sqrt(): Tensor;
    square(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tan(): Tensor;
    atan(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    softplus(): Tensor;
    relu(): Tensor;
    abs(): Tensor;
    erf(): Tensor;
    erfc(): Tensor;
    normCdf(): Tensor;
    normLogCdf(): Tensor;
    invMillsRatio(): Tensor;
    normQuantile(): Tensor;
    lgamma(): Tensor;
    digamma(): Tensor;
    maximum(b: TensorLike): Tensor;
    minimum(b: TensorLike): Tensor;
    clamp(lo: TensorLike, hi: TensorLike): Tensor;
    greater(b: TensorLike): Tensor;
    less(b: TensorLike): Tensor;
    equal(b: TensorLike): Tensor;
    step(): Tensor;
    floor(): Tensor;
    sign(): Tensor;
    where(a: TensorLike, b: TensorLike): Tensor;
    sum(axis?: Axes, keepDims?: boolean): Tensor;
    mean(axis?: Axes, keepDims?: boolean): Tensor;
    max(axis?: Axes, keepDims?: boolean): Tensor;
    logsumexp(axis?: Axes, keepDims?: boolean): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    matmul(b: TensorLike): Tensor;
    reshape(shape: Shape): Tensor;
    broadcastTo(shape: Shape): Tensor;
    transpose(perm?: readonly number[]): Tensor;
    expandDims(axis: number): Tensor;
    squeeze(axis?: number): Tensor;
    slice(starts: readonly number[], sizes: readonly number[]): Tensor;
    sliceAxis(axis: number, start: number, end?: number): Tensor;
    pad(starts: readonly number[], shape: Shape): Tensor;
    gather(indices: readonly number[] | Int32Array, axis?: number): Tensor;
    concat(others: readonly TensorLike[], axis?: number): Tensor;
    stack(others: readonly TensorLike[], axis?: number): Tensor;
    stopGradient(): Tensor;
  }
}

const unary = ['neg', 'exp', 'expm1', 'log', 'log1p', 'sqrt', 'square', 'sin', 'cos', 'tan', 'atan', 'tanh', 'sigmoid',
  'softplus', 'relu', 'abs', 'erf', 'erfc', 'normCdf', 'normLogCdf', 'invMillsRatio', 'normQuantile', 'lgamma', 'digamma', 'step',
  'floor', 'sign', 'stopGradient'] as const;
const withArgs = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'clamp', 'greater', 'less', 'equal',
  'where', 'sum', 'mean', 'max', 'logsumexp', 'softmax', 'logSoftmax', 'matmul', 'reshape', 'broadcastTo',
  'transpose', 'expandDims', 'squeeze', 'slice', 'sliceAxis', 'pad', 'gather'] as const;

const proto = Tensor.prototype as unknown as Record<string, unknown>;
for (const name of [...unary, ...withArgs]) {
  const fn = ops[name] as (x: Tensor, ...args: unknown[]) => Tensor;
  proto[name] = function (this: Tensor, ...args: unknown[]) {
    return fn(this, ...args);
  };
}
proto.concat = function (this: Tensor, others: readonly TensorLike[], axis?: number) {
  return ops.concat([this, ...others], axis);
};
proto.stack = function (this: Tensor, others: readonly TensorLike[], axis?: number) {
  return ops.stack([this, ...others], axis);
};
