/**
 * The Weibull distribution with scale λ and concentration (shape) k: z = λ·E^{1/k}, E ~ Exp(1), written
 * as λ·exp(log E / k) so that the gradient reaches k. SciPy's weibull_min(c = k, scale = λ).
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, exp, expm1, less, lgamma, log, log1p, maximum, mul, neg, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { exponentialNoise } from './standard-noise.js';
import { EULER_GAMMA } from './gumbel.js';
import { xlogy } from './xlogy.js';

/**
 * What {@link Weibull} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Weibull(1, 2) instanceof WeibullDistribution   // true
 */
export class WeibullDistribution extends Distribution {
  readonly name = 'Weibull';
  readonly support: Support = { kind: 'positive' };
  readonly hasRsample = true;

  constructor(readonly scale: Tensor, readonly concentration: Tensor) {
    super(batchShapeOf('Weibull', scale, concentration));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const logE = log(exponentialNoise(key, shape, rowOffset));
    return mul(this.scale, exp(div(logE, this.concentration)));
  }

  /** log(k/λ) + (k − 1)·log(x/λ) − (x/λ)^k for x ≥ 0 (0·log 0 = 0 when k = 1), −∞ for x < 0. */
  logProb(x: TensorLike): Tensor {
    const k = this.concentration;
    const outside = less(x, 0);
    const r = div(where(outside, 1, x), this.scale);
    const lp = sub(add(sub(log(k), log(this.scale)), xlogy(sub(k, 1), r)), exp(mul(k, log(r))));
    return where(outside, -Infinity, lp);
  }

  /** λ·Γ(1 + 1/k). */
  override mean(): Tensor {
    return broadcastTo(mul(this.scale, exp(lgamma(add(1, div(1, this.concentration))))), this.batchShape);
  }
  /** λ²·(Γ(1 + 2/k) − Γ(1 + 1/k)²) = λ²Γ(1 + 2/k)·(1 − e^{2lgΓ(1+1/k) − lgΓ(1+2/k)}), without cancellation. */
  override variance(): Tensor {
    const g1 = lgamma(add(1, div(1, this.concentration)));
    const g2 = lgamma(add(1, div(2, this.concentration)));
    const v = mul(mul(square(this.scale), exp(g2)), neg(expm1(sub(mul(g1, 2), g2))));
    return broadcastTo(v, this.batchShape);
  }
  /** γ(1 − 1/k) + log(λ/k) + 1. */
  override entropy(): Tensor {
    const k = this.concentration;
    const h = add(add(mul(sub(1, div(1, k)), EULER_GAMMA), sub(log(this.scale), log(k))), 1);
    return broadcastTo(h, this.batchShape);
  }
  /** 1 − e^{−(x/λ)^k} as −expm1(·), 0 for x ≤ 0. */
  override cdf(x: TensorLike): Tensor {
    const r = div(maximum(x, 0), this.scale);
    return neg(expm1(neg(exp(mul(this.concentration, log(r))))));
  }
  override icdf(p: TensorLike): Tensor {
    return mul(this.scale, exp(div(log(neg(log1p(neg(p)))), this.concentration)));
  }
}

/**
 * The Weibull distribution with `scale` λ > 0 and `concentration` k > 0 (cdf 1 − e^{−(x/λ)^k}).
 * @example
 * Weibull(2, 1).mean().item();       // 2 (k = 1 is Exp(1/λ))
 * Weibull(1, 0);                     // throws PathwiseRangeError: Weibull: concentration must be > 0, got 0
 */
export function Weibull(scale: TensorLike, concentration: TensorLike): WeibullDistribution {
  return new WeibullDistribution(
    param('Weibull', 'scale', scale, isPositive, '> 0'),
    param('Weibull', 'concentration', concentration, isPositive, '> 0'),
  );
}
