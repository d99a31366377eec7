/**
 * The categorical distribution over {0, …, k − 1}; the last parameter axis is the class axis, so a
 * parameter of shape [...batch, k] gives batch shape [...batch] and scalar events. Discrete, so it has no
 * reparameterized sampler (see relaxed-one-hot-categorical.ts for the Gumbel-softmax relaxation).
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { arange, full, ones, toTensor } from '../tensor/create.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import {
  broadcastTo, div, equal, expandDims, exp, log, logSoftmax, mul, neg, reshape, sliceAxis, sum, where,
} from '../ad/ops/index.js';
import { concrete } from '../ad/trace.js';
import type { Key } from '../random/key.js';
import { Distribution, type MvdTerm, type Support } from './distribution.js';
import { isReal, param } from './validate.js';
import { uniformNoise } from './sampling.js';
import { isLogitsArg, type ProbsOrLogits } from './probs-or-logits.js';

/**
 * What {@link Categorical} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Categorical(tensor([0.2, 0.8])) instanceof CategoricalDistribution   // true
 */
export class CategoricalDistribution extends Distribution {
  readonly name = 'Categorical';
  readonly support: Support;
  readonly hasRsample = false;
  /** Normalized log-probabilities, [...batch, k] (−∞ for classes of probability 0). */
  readonly logits: Tensor;
  /** Normalized probabilities, [...batch, k]. */
  readonly probs: Tensor;
  readonly numClasses: number;

  constructor(logits: Tensor, probs?: Tensor) {
    super(logits.shape.slice(0, -1));
    this.numClasses = logits.shape[logits.ndim - 1]!;
    this.support = { kind: 'integer-interval', low: 0, high: this.numClasses - 1 };
    this.logits = logSoftmax(logits, -1);
    this.probs = probs ?? exp(this.logits);
  }

  /** Inversion on one uniform per element: the first class j with u < F_j (F the cumulative probabilities). */
  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const u = uniformNoise(key, shape, rowOffset);
    const k = this.numClasses;
    const p = concrete(this.probs).data;
    const batch = sizeOf(this.batchShape);
    const cdf = new Float64Array(p.length);
    for (let b = 0; b < batch; b++) {
      let acc = 0;
      for (let j = 0; j < k; j++) cdf[b * k + j] = acc += p[b * k + j]!;
      for (let j = 0; j < k; j++) cdf[b * k + j] = cdf[b * k + j]! / acc;   // absorb rounding in the total
    }
    const ud = u.data;
    const out = alloc(ud.length);   // noise is shared within a batch (sampling.ts): never write into it
    for (let i = 0; i < out.length; i++) {
      const base = (i % batch) * k;
      const v = ud[i]!;
      let j = 0;
      while (j < k - 1 && !(v < cdf[base + j]!)) j++;
      out[i] = j;
    }
    return new Tensor(out, shape);
  }

  /**
   * The log-probability of class x, picked by comparing x with 0 … k − 1 (a `where`, not a one-hot
   * product, so that classes of probability 0 contribute 0 rather than 0·(−∞)). The comparison is a
   * discontinuous op; estimators evaluate log-densities in an untracked region, so it is not reported.
   * Values that are not a class (negative, ≥ k, fractional) get −∞.
   */
  logProb(x: TensorLike): Tensor {
    const hit = equal(expandDims(toTensor(x, 'Categorical.logProb'), -1), arange(this.numClasses));
    return where(sum(hit, -1), sum(where(hit, this.logits, 0), -1), -Infinity);
  }

  /** −Σ p_j log p_j, with 0·log 0 = 0. */
  override entropy(): Tensor {
    const terms = where(equal(this.probs, 0), 0, mul(this.probs, this.logits));
    return broadcastTo(neg(sum(terms, -1)), this.batchShape);
  }

  /** Per class j: ∂/∂p_j E[f(x)] = f(j) (the probabilities as free coordinates; weight 1, no negative part). */
  override mvd(_key: Key, z: Tensor, _rowOffset = 0): MvdTerm[] {
    const terms: MvdTerm[] = [];
    for (let j = 0; j < this.numClasses; j++) {
      const pj = reshape(sliceAxis(this.probs, -1, j, j + 1), this.batchShape);
      terms.push({ param: broadcastTo(pj, z.shape), weight: ones(z.shape), plus: full(z.shape, j), minus: null });
    }
    return terms;
  }
}

function checkClassAxis(dist: string, t: Tensor, name: string): void {
  if (t.ndim === 0 || t.shape[t.ndim - 1]! < 1) {
    throw new PathwiseRangeError(`${dist}: ${name} needs a class axis (last axis, length ≥ 1), got shape ${show(t.shape)}`);
  }
}

/**
 * Validates class probabilities (non-negative, finite, a positive sum per row; normalized here) or
 * `{ logits }` (finite) for `dist`; returns log-probabilities up to a constant per row, and the
 * normalized probabilities when they were given.
 */
export function classParams(dist: string, arg: ProbsOrLogits): { logits: Tensor; probs?: Tensor } {
  if (isLogitsArg(arg)) {
    if (arg === null || !('logits' in arg)) throw new PathwiseTypeError(`${dist}: expected probs or { logits }, got ${show(arg)}`);
    const logits = param(dist, 'logits', arg.logits, isReal, 'finite');
    checkClassAxis(dist, logits, 'logits');
    return { logits };
  }
  const p = param(dist, 'probs', arg, (v) => v >= 0 && v < Infinity, '≥ 0 and finite');
  checkClassAxis(dist, p, 'probs');
  const total = sum(p, -1, true);
  const t = concrete(total).data;
  for (let b = 0; b < t.length; b++) {
    if (!(t[b]! > 0)) throw new PathwiseRangeError(`${dist}: probs must have a positive sum along the class axis, got ${show(t[b])}${t.length > 1 ? ` (row ${b})` : ''}`);
  }
  const probs = div(p, total);
  const zero = equal(probs, 0);
  // log 0 = −∞ is kept (logSoftmax keeps it); the inner `where` keeps the other entries' gradients finite.
  return { logits: where(zero, -Infinity, log(where(zero, 1, probs))), probs };
}

/**
 * The categorical distribution with probabilities `probs` (non-negative, normalized along the last axis;
 * each row must have a positive sum) or `{ logits }` (unnormalized log-probabilities).
 * @example
 * Categorical(tensor([0.2, 0.5, 0.3])).logProb(1).item();   // log 0.5
 * Categorical({ logits: tensor([0, 0]) }).entropy().item();  // log 2
 * Categorical(tensor([0.5, -0.1]));  // throws PathwiseRangeError: Categorical: probs must be ≥ 0 and finite, got -0.1 (element 1)
 */
export function Categorical(probs: ProbsOrLogits): CategoricalDistribution {
  const c = classParams('Categorical', probs);
  return new CategoricalDistribution(c.logits, c.probs);
}
