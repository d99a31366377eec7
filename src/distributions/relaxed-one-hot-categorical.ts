/**
 * The Concrete (Gumbel-softmax) distribution on the simplex, of Maddison, Mnih & Teh, "The Concrete
 * Distribution", ICLR 2017 (§3.1, the density p_{α,λ}) and Jang, Gu & Poole, "Categorical
 * Reparameterization with Gumbel-Softmax", ICLR 2017:
 *
 *   z = softmax((ℓ + G)/τ),  G iid standard Gumbel, ℓ the class logits, τ > 0 the temperature,
 *
 * with density (k − 1)! τ^{k−1} Π_i (α_i x_i^{−τ−1}) / (Σ_i α_i x_i^{−τ})^k, α = e^ℓ. The sample is
 * exp(logSoftmax(·)) and the density is evaluated from log x with a logsumexp, so τ = 1e-3 and logits
 * of ±50 stay finite. Event shape [k]; the temperature broadcasts against the batch shape.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { broadcastShapes, type Shape } from '../tensor/shape.js';
import { add, clamp, div, exp, expandDims, lgamma, log, logSoftmax, logsumexp, mul, sub, sum } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { isPositive, param } from './validate.js';
import { gumbelNoise } from './standard-noise.js';
import type { ProbsOrLogits } from './probs-or-logits.js';
import { classParams } from './categorical.js';

const X_MIN = Number.MIN_VALUE;

/**
 * What {@link RelaxedOneHotCategorical} returns (for `instanceof` and types); the factory validates the parameters.
 * @example RelaxedOneHotCategorical(0.5, tensor([0.2, 0.8])) instanceof RelaxedOneHotCategoricalDistribution   // true
 */
export class RelaxedOneHotCategoricalDistribution extends Distribution {
  readonly name: string = 'RelaxedOneHotCategorical';
  readonly support: Support = { kind: 'simplex' };
  readonly hasRsample = true;
  /** Normalized class log-probabilities, [...batch, k]. */
  readonly logits: Tensor;
  readonly numClasses: number;

  constructor(readonly temperature: Tensor, logits: Tensor) {
    const k = logits.shape[logits.ndim - 1]!;
    super(broadcastShapes(temperature.shape, logits.shape.slice(0, -1), 'RelaxedOneHotCategorical'), [k]);
    this.numClasses = k;
    this.logits = logSoftmax(logits, -1);
  }

  /** τ with a trailing class axis, to broadcast against [..., k]. */
  protected get tau(): Tensor {
    return expandDims(this.temperature, -1);
  }

  /** log z = logSoftmax((ℓ + G)/τ) of the relaxed sample. */
  protected logSample(key: Key, shape: Shape, rowOffset: number): Tensor {
    return logSoftmax(div(add(this.logits, gumbelNoise(key, shape, rowOffset)), this.tau), -1);
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return exp(this.logSample(key, shape, rowOffset));
  }

  /**
   * log (k−1)! + (k−1)·log τ + Σ_i (ℓ_i − (τ+1)·log x_i) − k·logsumexp_i(ℓ_i − τ·log x_i), summed over the
   * event. Entries of x that rounded to 0 are read as the smallest positive double, so a sample's own
   * log-density is finite.
   */
  logProb(x: TensorLike): Tensor {
    const k = this.numClasses;
    const tau = this.tau;
    const lx = log(clamp(x, X_MIN, 1));
    const terms = sum(sub(this.logits, mul(add(tau, 1), lx)), -1);
    const norm = mul(logsumexp(sub(this.logits, mul(tau, lx)), -1), k);
    return add(add(mul(log(this.temperature), k - 1), lgamma(k)), sub(terms, norm));
  }
}

/** Parses (temperature, probs | { logits }) for the relaxed and straight-through categoricals. */
export function relaxedCategoricalParams(dist: string, temperature: TensorLike, probs: ProbsOrLogits): [Tensor, Tensor] {
  const t = param(dist, 'temperature', temperature, isPositive, '> 0');
  return [t, classParams(dist, probs).logits];
}

/**
 * The relaxed one-hot categorical (Concrete / Gumbel-softmax) with `temperature` τ > 0 and class
 * probabilities `probs` (last axis) or `{ logits }`; samples lie in the simplex and approach one-hot
 * vectors as τ → 0.
 * @example
 * const d = RelaxedOneHotCategorical(0.5, { logits: tensor([1, 0, -1]) });
 * d.rsample(key(0), 2).shape;        // [2, 3]
 * RelaxedOneHotCategorical(-1, tensor([0.5, 0.5]));   // throws PathwiseRangeError: RelaxedOneHotCategorical: temperature must be > 0, got -1
 */
export function RelaxedOneHotCategorical(temperature: TensorLike, probs: ProbsOrLogits): RelaxedOneHotCategoricalDistribution {
  return new RelaxedOneHotCategoricalDistribution(...relaxedCategoricalParams('RelaxedOneHotCategorical', temperature, probs));
}
