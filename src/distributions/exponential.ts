/** The exponential distribution Exp(rate λ): z = E/λ with E = −log u ~ Exp(1). */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, expm1, less, log, log1p, maximum, mul, neg, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type MvdTerm, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { STREAM, subKey } from './sampling.js';
import { exponentialNoise } from './standard-noise.js';

/**
 * What {@link Exponential} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Exponential(1) instanceof ExponentialDistribution   // true
 */
export class ExponentialDistribution extends Distribution {
  readonly name = 'Exponential';
  readonly support: Support = { kind: 'positive' };
  readonly hasRsample = true;

  constructor(readonly rate: Tensor) {
    super(batchShapeOf('Exponential', rate));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return div(exponentialNoise(key, shape, rowOffset), this.rate);
  }

  /** log λ − λx for x ≥ 0, −∞ for x < 0. */
  logProb(x: TensorLike): Tensor {
    return where(less(x, 0), -Infinity, sub(log(this.rate), mul(this.rate, x)));
  }

  override mean(): Tensor {
    return broadcastTo(div(1, this.rate), this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(div(1, square(this.rate)), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(sub(1, log(this.rate)), this.batchShape);
  }
  /** 1 − e^{−λx} as −expm1(−λx) (exact for small λx), 0 for x < 0. */
  override cdf(x: TensorLike): Tensor {
    return neg(expm1(neg(mul(this.rate, maximum(x, 0)))));
  }
  override icdf(p: TensorLike): Tensor {
    return div(neg(log1p(neg(p))), this.rate);
  }

  /**
   * ∂λ Exp(λ) = (1/λ)·(Exp(λ) − Gamma(2, λ)) (Mohamed et al. 2020, §6): the positive part is the site's
   * own sample, the negative part is coupled to it as z + E/λ with E ~ Exp(1) independent (a sum of two
   * Exp(λ) variables is Gamma(2, λ)).
   */
  override mvd(key: Key, z: Tensor, rowOffset: number): MvdTerm[] {
    const rate = broadcastTo(this.rate, z.shape);
    const extra = div(exponentialNoise(subKey(key, STREAM.mvdMinus), z.shape, rowOffset), rate);
    return [{ param: rate, weight: div(1, rate), plus: 'self', minus: add(z, extra) }];
  }
}

/**
 * The exponential distribution with `rate` λ > 0 (mean 1/λ), reparameterized as E/λ.
 * @example
 * grad((r: Tensor) => mean(Exponential(r).rsample(key(0), 100_000)))(2)   // ≈ −1/4 = −1/λ²
 * Exponential(-1);                   // throws PathwiseRangeError: Exponential: rate must be > 0, got -1
 */
export function Exponential(rate: TensorLike): ExponentialDistribution {
  return new ExponentialDistribution(param('Exponential', 'rate', rate, isPositive, '> 0'));
}
