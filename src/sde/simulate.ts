/**
 * The pieces every sensitivity estimator shares: the terminal state of one chunk of paths, the loss as a
 * per-path vector, and per-parameter accumulation of per-path values into mergeable moments.
 */
import { ShapeError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { tidy } from '../tensor/pool.js';
import { reshape } from '../ad/ops/index.js';
import type { BrownianSource } from './brownian-source.js';
import { fusedStep, fusionSite, noiseInputs, noiseOf } from './fused-step.js';
import { initialState } from './problem.js';
import type { Problem } from './problem.js';

/** X at t1 for paths first … first + n − 1, with parameters given as tensors. */
export function terminalState(pr: Problem, params: Readonly<Record<string, Tensor>>, source: BrownianSource, first: number, n: number): Tensor {
  const { sys, scheme, t0, h, steps } = pr;
  let x = initialState(pr.x0, n);
  const site = fusionSite(sys.autonomous === true);
  let spare: Float64Array[] = [];
  for (let s = 0; s < steps; s++) {
    const xs = x;
    const into = spare;
    const wasFused = s > 0 && site.fused;
    x = tidy(() => {
      const noise = source.step(first, n, s);
      return fusedStep(site, [xs, ...noiseInputs(noise)], (xa, ...w) => [scheme.step(sys, t0 + s * h, h, xa, params, scheme.needsLevyArea ? noise : noiseOf(w))], n, into)[0]!;
    });
    spare = site.fused && wasFused ? [xs.data] : [];
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

/** Per-path values of one column of a block, appended chunk by chunk in path order. */
export class ColumnAppender {
  readonly data: Float64Array;
  private at = 0;

  constructor(n: number) {
    this.data = new Float64Array(n);
  }

  addBatch(x: Float64Array): this {
    const m = Math.min(x.length, this.data.length - this.at);
    this.data.set(x.subarray(0, m), this.at);
    this.at += m;
    return this;
  }
}

/** The per-path value and per-parameter derivatives of one block of paths, filled by an estimator. */
export class GradAccumulator {
  readonly value: ColumnAppender;
  readonly grads: ColumnAppender[];

  constructor(readonly names: readonly string[], readonly first: number, readonly count: number) {
    this.value = new ColumnAppender(count);
    this.grads = names.map(() => new ColumnAppender(count));
  }

  /** Calls fn(first, n) for the block's chunks of at most `size` paths. */
  chunks(size: number, fn: (first: number, n: number) => void): void {
    for (let at = 0; at < this.count; at += size) fn(this.first + at, Math.min(size, this.count - at));
  }

  /** Columns: the value, then one per parameter. */
  columns(): Float64Array[] {
    return [this.value.data, ...this.grads.map((g) => g.data)];
  }
}
