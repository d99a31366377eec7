/**
 * The pieces every sensitivity estimator shares: the terminal state of one chunk of paths, the loss as a
 * per-path vector, and per-parameter accumulation of per-path values into mergeable moments.
 */
import { ShapeError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { tidy } from '../tensor/pool.js';
import { reshape } from '../ad/ops/index.js';
import { Moments } from '../stats/moments.js';
import { estimate, type Estimate } from '../stats/estimate.js';
import type { BrownianSource } from './brownian-source.js';
import { initialState } from './problem.js';
import type { Problem } from './problem.js';

/** X at t1 for paths first … first + n − 1, with parameters given as tensors. */
export function terminalState(pr: Problem, params: Readonly<Record<string, Tensor>>, source: BrownianSource, first: number, n: number): Tensor {
  const { sys, scheme, t0, h, steps } = pr;
  let x = initialState(pr.x0, n);
  for (let s = 0; s < steps; s++) {
    const xs = x;
    x = tidy(() => scheme.step(sys, t0 + s * h, h, xs, params, source.step(first, n, s)));
  }
  return x;
}

/** The loss of a chunk as a vector [n]; refuses outputs that are not one value per path. */
export function lossVector(loss: (xT: Tensor) => TensorLike, x: Tensor, n: number): Tensor {
  const v = toTensor(loss(x), 'sde.sensitivity loss');
  if (v.size !== n || v.shape[0] !== n) {
    throw new ShapeError(`sde.sensitivity: loss must return one value per path (shape [${n}] or [${n}, 1]), got shape ${show(v.shape)}`);
  }
  return v.ndim === 1 ? v : reshape(v, [n]);
}

/** Per-parameter moments of per-path derivatives, plus the moments of the per-path value. */
export class GradAccumulator {
  readonly value = new Moments();
  readonly grads: Moments[];

  constructor(readonly names: readonly string[]) {
    this.grads = names.map(() => new Moments());
  }

  result(): { value: Estimate; grad: Record<string, Estimate> } {
    return { value: estimate(this.value), grad: Object.fromEntries(this.names.map((k, i) => [k, estimate(this.grads[i]!)])) };
  }
}
