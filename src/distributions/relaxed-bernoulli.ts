/**
 * The binary Concrete (relaxed Bernoulli) distribution of Maddison, Mnih & Teh, "The Concrete
 * Distribution: A Continuous Relaxation of Discrete Random Variables", ICLR 2017 (§3.3; the same
 * relaxation as Jang, Gu & Poole, "Categorical Reparameterization with Gumbel-Softmax", ICLR 2017):
 *
 *   z = σ((ℓ + L)/τ),  L = log u − log(1 − u) logistic noise, ℓ the log-odds, τ > 0 the temperature,
 *
 * with density τ α x^{−τ−1}(1 − x)^{−τ−1} / (α x^{−τ} + (1 − x)^{−τ})², α = e^ℓ. Everything is computed
 * in log-odds space: σ saturates to exactly 0 or 1 for |y| ≳ 37 without NaN, and its derivative y(1 − y)
 * is then 0, so small temperatures and extreme log-odds stay finite.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, clamp, div, log, log1p, mul, neg, sigmoid, softplus, sub } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { logisticNoise } from './standard-noise.js';
import { binaryParams, type ProbsOrLogits } from './probs-or-logits.js';

/** Inputs of logProb are kept this far inside (0, 1), where their log-odds are finite (−744.4 … 36.7). */
const X_MIN = Number.MIN_VALUE;
const X_MAX = 1 - 2 ** -53;

/**
 * What {@link RelaxedBernoulli} returns (for `instanceof` and types); the factory validates the parameters.
 * @example RelaxedBernoulli(0.5, 0.3) instanceof RelaxedBernoulliDistribution   // true
 */
export class RelaxedBernoulliDistribution extends Distribution {
  readonly name: string = 'RelaxedBernoulli';
  readonly support: Support = { kind: 'unit-interval' };
  readonly hasRsample = true;

  constructor(readonly temperature: Tensor, readonly probs: Tensor, readonly logits: Tensor) {
    super(batchShapeOf('RelaxedBernoulli', temperature, logits));
  }

  /** The relaxed sample's log-odds (ℓ + L)/τ. */
  protected relaxedLogits(key: Key, shape: Shape, rowOffset: number): Tensor {
    return div(add(this.logits, logisticNoise(key, shape, rowOffset)), this.temperature);
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return sigmoid(this.relaxedLogits(key, shape, rowOffset));
  }

  /**
   * The Concrete log-density from the log-odds y = log x − log(1 − x): with a = ℓ − τy,
   * log p(x) = log τ + a − 2·softplus(a) + softplus(y) + softplus(−y) (the logistic density of L times the
   * Jacobians of y ↦ L and x ↦ y), every term free of overflow. x is first clamped into
   * [MIN_VALUE, 1 − 2⁻⁵³], so samples that rounded to exactly 0 or 1 give a finite value.
   */
  logProb(x: TensorLike): Tensor {
    const xc = clamp(x, X_MIN, X_MAX);
    const y = sub(log(xc), log1p(neg(xc)));
    const a = sub(this.logits, mul(this.temperature, y));
    const tau = log(this.temperature);
    return add(add(sub(add(tau, a), mul(softplus(a), 2)), softplus(y)), softplus(neg(y)));
  }
}

const inOpenUnit = (v: number): boolean => v > 0 && v < 1;

/** Parses (temperature, probs | { logits }) for the relaxed and straight-through Bernoulli. */
export function relaxedBernoulliParams(dist: string, temperature: TensorLike, probs: ProbsOrLogits): [Tensor, Tensor, Tensor] {
  const t = param(dist, 'temperature', temperature, isPositive, '> 0');
  const p = binaryParams(dist, probs, inOpenUnit, 'in (0, 1)');
  return [t, p.probs, p.logits];
}

/**
 * The relaxed Bernoulli (binary Concrete) with `temperature` τ > 0 and success probability `probs`
 * ∈ (0, 1) or `{ logits }`. As τ → 0 its samples approach Bernoulli samples; rsample is differentiable
 * in τ and the log-odds.
 * @example
 * const z = RelaxedBernoulli(0.5, { logits: 2 }).rsample(key(0), 4);   // values in [0, 1]
 * RelaxedBernoulli(0, 0.5);          // throws PathwiseRangeError: RelaxedBernoulli: temperature must be > 0, got 0
 */
export function RelaxedBernoulli(temperature: TensorLike, probs: ProbsOrLogits): RelaxedBernoulliDistribution {
  return new RelaxedBernoulliDistribution(...relaxedBernoulliParams('RelaxedBernoulli', temperature, probs));
}
