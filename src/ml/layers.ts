/**
 * Dense layers and multilayer perceptrons as plain functions of parameter records, so that a model's
 * parameters are a pytree that `grad`, the optimisers and `tidy` all understand. A batch is a
 * [batch, features] tensor; y = act(x·W + b) is one `matmul`, one broadcast `add` and one activation.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { zeros } from '../tensor/create.js';
import { add, matmul, mul, relu, sigmoid, softplus, tanh } from '../ad/ops/index.js';
import { split, type Key } from '../random/key.js';
import { initWeight, type InitName } from './init.js';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'softplus' | 'silu' | 'identity';

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'softplus', 'silu', 'identity'];

/** Weights [in, out] and bias [out] of one dense layer. */
export type DenseParams = {
  readonly w: Tensor;
  readonly b: Tensor;
};

/** The layers of an MLP, input to output. */
export type MlpParams = readonly DenseParams[];

/**
 * Applies an activation by name. `silu` is x·σ(x) (Elfwing, Uchibe & Doya 2018; "swish"), smooth,
 * which the diffusion model's noise predictor prefers to ReLU's kinks.
 * @example activate(tensor([-1, 2]), 'relu').toArray()   // [0, 2]
 */
export function activate(x: Tensor, activation: Activation): Tensor {
  switch (activation) {
    case 'relu': return relu(x);
    case 'tanh': return tanh(x);
    case 'sigmoid': return sigmoid(x);
    case 'softplus': return softplus(x);
    case 'silu': return mul(x, sigmoid(x));
    case 'identity': return x;
  }
  throw new PathwiseRangeError(`activate: activation must be one of ${ACTIVATIONS.join(', ')}, got ${show(activation)}`);
}

/**
 * A dense layer's parameters: weights by `init` (Glorot or He), zero bias.
 * @example initDense(key(0), 64, 256, 'he').w.shape   // [64, 256]
 */
export function initDense(k: Key, fanIn: number, fanOut: number, init: InitName = 'glorot'): DenseParams {
  return { w: initWeight(init, k, fanIn, fanOut), b: zeros([fanOut]) };
}

/**
 * act(x·W + b) for a batch x of shape [batch, in].
 * @example dense(initDense(key(0), 3, 2), tensor([[1, 2, 3]]), 'tanh').shape   // [1, 2]
 */
export function dense(p: DenseParams, x: Tensor, activation: Activation = 'identity'): Tensor {
  return activate(add(matmul(x, p.w), p.b), activation);
}

export interface MlpInitOptions {
  /** Weight scheme of the hidden layers (default: 'he' for relu/silu, else 'glorot'). */
  readonly init?: InitName;
  /** Activation the hidden layers will use, to pick the default scheme. */
  readonly activation?: Activation;
}

/**
 * An MLP's parameters for layer sizes [in, hidden…, out]. The output layer is always Glorot-initialised:
 * it feeds a loss (logits, means), not another rectifier.
 * @example initMlp(key(0), [64, 256, 64]).length   // 2 layers
 * initMlp(key(0), [64]);                          // throws PathwiseRangeError (needs ≥ 2 sizes)
 */
export function initMlp(k: Key, sizes: readonly number[], options: MlpInitOptions = {}): DenseParams[] {
  if (sizes.length < 2) throw new PathwiseRangeError(`initMlp: sizes must list at least an input and an output size, got ${show([...sizes])}`);
  const act = options.activation ?? 'relu';
  const hiddenInit: InitName = options.init ?? (act === 'relu' || act === 'silu' ? 'he' : 'glorot');
  const keys = split(k, sizes.length - 1);
  return keys.map((kk, i) => initDense(kk, sizes[i]!, sizes[i + 1]!, i === sizes.length - 2 ? 'glorot' : hiddenInit));
}

export interface MlpOptions {
  /** Activation after every hidden layer (default 'relu'). */
  readonly activation?: Activation;
  /** Activation after the last layer (default 'identity'). */
  readonly outputActivation?: Activation;
}

/**
 * Runs an MLP on a batch [batch, in] → [batch, out].
 * @example mlp(initMlp(key(0), [4, 8, 2]), zeros([5, 4])).shape   // [5, 2]
 */
export function mlp(layers: MlpParams, x: Tensor, options: MlpOptions = {}): Tensor {
  const act = options.activation ?? 'relu';
  let h = x;
  for (let i = 0; i < layers.length; i++) {
    h = dense(layers[i]!, h, i === layers.length - 1 ? (options.outputActivation ?? 'identity') : act);
  }
  return h;
}

/**
 * Number of scalar parameters of an MLP.
 * @example countParams(initMlp(key(0), [2, 3, 1]))   // 2·3 + 3 + 3·1 + 1 = 13
 */
export function countParams(layers: MlpParams): number {
  let n = 0;
  for (const l of layers) n += l.w.size + l.b.size;
  return n;
}
