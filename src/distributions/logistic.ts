/** The logistic distribution: z = loc + scale·(log u − log(1 − u)). */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, log, log1p, mul, neg, sigmoid, softplus, square, sub } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { logisticNoise } from './standard-noise.js';

const PI2_OVER_3 = (Math.PI * Math.PI) / 3;

/**
 * What {@link Logistic} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Logistic(0, 1) instanceof LogisticDistribution   // true
 */
export class LogisticDistribution extends Distribution {
  readonly name = 'Logistic';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('Logistic', loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return add(this.loc, mul(this.scale, logisticNoise(key, shape, rowOffset)));
  }

  /** −u − 2·softplus(−u) − log s with u = (x − μ)/s: no overflow for any |u|. */
  logProb(x: TensorLike): Tensor {
    const u = div(sub(x, this.loc), this.scale);
    return sub(sub(neg(u), mul(softplus(neg(u)), 2)), log(this.scale));
  }

  override mean(): Tensor {
    return broadcastTo(this.loc, this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(mul(square(this.scale), PI2_OVER_3), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(add(log(this.scale), 2), this.batchShape);
  }
  override cdf(x: TensorLike): Tensor {
    return sigmoid(div(sub(x, this.loc), this.scale));
  }
  override icdf(p: TensorLike): Tensor {
    return add(this.loc, mul(this.scale, sub(log(p), log1p(neg(p)))));
  }
}

/**
 * The logistic distribution with location `loc` and scale s > 0 (cdf σ((x − loc)/s)).
 * @example
 * Logistic(0, 1).cdf(0).item();      // 0.5
 * Logistic(0, -2);                   // throws PathwiseRangeError: Logistic: scale must be > 0, got -2
 */
export function Logistic(loc: TensorLike, scale: TensorLike): LogisticDistribution {
  return new LogisticDistribution(param('Logistic', 'loc', loc, isReal, 'finite'), param('Logistic', 'scale', scale, isPositive, '> 0'));
}
