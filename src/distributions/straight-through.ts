/**
 * Straight-through Gumbel estimators (Bengio, Léonard & Courville 2013; Jang, Gu & Poole 2017, §2.2):
 * the forward value is the hard (discrete) sample, the gradient is the relaxed sample's,
 *
 *   z_st = hard + (z − ⊥z),
 *
 * which equals `hard` exactly (z − z = 0 in floating point) and has z's derivative. The hard sample is
 * the rounding (Bernoulli) or the arg-max (categorical) of the relaxed sample, built from its concrete
 * values by a plain loop: no step or comparison op is recorded, so no discontinuity event is raised —
 * the bias is declared instead by `biased = true`, which diagnostics report. The hard samples have
 * exactly the discrete law (σ(ℓ + L) > ½ ⇔ ℓ + L > 0, probability σ(ℓ); Gumbel-max for the arg-max),
 * so logProb is the discrete log-mass.
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { add, mul, softplus, stopGradient, sub, sum, where } from '../ad/ops/index.js';
import { concrete } from '../ad/trace.js';
import type { Key } from '../random/key.js';
import type { Support } from './distribution.js';
import { RelaxedBernoulliDistribution, relaxedBernoulliParams } from './relaxed-bernoulli.js';
import { RelaxedOneHotCategoricalDistribution, relaxedCategoricalParams } from './relaxed-one-hot-categorical.js';
import type { ProbsOrLogits } from './probs-or-logits.js';

function straightThrough(relaxed: Tensor, hard: Float64Array): Tensor {
  return add(new Tensor(hard, relaxed.shape), sub(relaxed, stopGradient(relaxed)));
}

/**
 * What {@link StraightThroughBernoulli} returns (for `instanceof` and types); the factory validates the parameters.
 * @example StraightThroughBernoulli(0.5, 0.3) instanceof StraightThroughBernoulliDistribution   // true
 */
export class StraightThroughBernoulliDistribution extends RelaxedBernoulliDistribution {
  override readonly name = 'StraightThroughBernoulli';
  override readonly support: Support = { kind: 'boolean' };
  /** The gradient is that of the relaxation, not of the discrete sample: biased by design. */
  override readonly biased = true;

  protected override draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const z = super.draw(key, shape, rowOffset);
    const zd = concrete(z).data;
    const hard = alloc(zd.length);
    for (let i = 0; i < zd.length; i++) hard[i] = zd[i]! > 0.5 ? 1 : 0;
    return straightThrough(z, hard);
  }

  /** The Bernoulli log-mass x·ℓ − softplus(ℓ) of a hard sample x ∈ {0, 1}. */
  override logProb(x: TensorLike): Tensor {
    return sub(mul(x, this.logits), softplus(this.logits));
  }
}

/**
 * What {@link StraightThroughOneHotCategorical} returns (for `instanceof` and types); the factory validates the parameters.
 * @example StraightThroughOneHotCategorical(0.5, tensor([0.2, 0.8])) instanceof StraightThroughOneHotCategoricalDistribution   // true
 */
export class StraightThroughOneHotCategoricalDistribution extends RelaxedOneHotCategoricalDistribution {
  override readonly name = 'StraightThroughOneHotCategorical';
  override readonly support: Support = { kind: 'one-hot' };
  override readonly biased = true;

  protected override draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const z = super.draw(key, shape, rowOffset);
    const zd = concrete(z).data;
    const k = this.numClasses;
    const hard = alloc(zd.length);
    hard.fill(0);
    for (let r = 0; r < zd.length; r += k) {
      let best = r;
      for (let j = r + 1; j < r + k; j++) if (zd[j]! > zd[best]!) best = j;
      hard[best] = 1;
    }
    return straightThrough(z, hard);
  }

  /** The categorical log-mass Σ_j x_j·log p_j of a one-hot x (a `where`, so that p_j = 0 off x adds 0). */
  override logProb(x: TensorLike): Tensor {
    return sum(where(x, this.logits, 0), -1);
  }
}

/**
 * Straight-through Bernoulli: hard {0, 1} samples whose gradient is the relaxed Bernoulli's at
 * `temperature` (biased, low variance). `probs` ∈ (0, 1) or `{ logits }`.
 * @example
 * const z = StraightThroughBernoulli(0.5, 0.3).rsample(key(0), 5);   // values 0 or 1, differentiable
 * StraightThroughBernoulli(0.5, 0.3).biased;                          // true
 */
export function StraightThroughBernoulli(temperature: TensorLike, probs: ProbsOrLogits): StraightThroughBernoulliDistribution {
  return new StraightThroughBernoulliDistribution(...relaxedBernoulliParams('StraightThroughBernoulli', temperature, probs));
}

/**
 * Straight-through Gumbel-softmax: one-hot samples whose gradient is the relaxed one-hot
 * categorical's at `temperature`. `probs` (last axis) or `{ logits }`.
 * @example
 * StraightThroughOneHotCategorical(1, tensor([0.2, 0.8])).rsample(key(0), 3).shape;   // [3, 2], rows one-hot
 */
export function StraightThroughOneHotCategorical(temperature: TensorLike, probs: ProbsOrLogits): StraightThroughOneHotCategoricalDistribution {
  return new StraightThroughOneHotCategoricalDistribution(...relaxedCategoricalParams('StraightThroughOneHotCategorical', temperature, probs));
}
