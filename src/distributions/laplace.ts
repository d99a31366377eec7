/** The Laplace (double exponential) distribution: z = loc + scale·L, L standard Laplace by inversion. */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { abs, add, broadcastTo, div, exp, less, log, log1p, mul, neg, sign, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { laplaceNoise } from './standard-noise.js';

const LN2 = Math.LN2;

/**
 * What {@link Laplace} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Laplace(0, 1) instanceof LaplaceDistribution   // true
 */
export class LaplaceDistribution extends Distribution {
  readonly name = 'Laplace';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('Laplace', loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return add(this.loc, mul(this.scale, laplaceNoise(key, shape, rowOffset)));
  }

  logProb(x: TensorLike): Tensor {
    return neg(add(div(abs(sub(x, this.loc)), this.scale), add(log(this.scale), LN2)));
  }

  override mean(): Tensor {
    return broadcastTo(this.loc, this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(mul(square(this.scale), 2), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(add(log(this.scale), 1 + LN2), this.batchShape);
  }
  /**
   * ½e^{−|x−μ|/b} below the mean, 1 − ½e^{−|x−μ|/b} above: the exponent is never positive, so neither
   * branch of the `where` can overflow (an overflowing unselected branch would poison the gradient).
   */
  override cdf(x: TensorLike): Tensor {
    const d = sub(x, this.loc);
    const half = mul(exp(neg(div(abs(d), this.scale))), 0.5);
    return where(less(d, 0), half, sub(1, half));
  }
  override icdf(p: TensorLike): Tensor {
    const v = sub(p, 0.5);
    return sub(this.loc, mul(mul(this.scale, sign(v)), log1p(mul(abs(v), -2))));
  }
}

/**
 * The Laplace distribution with location `loc` and scale b > 0 (density e^{−|x−loc|/b}/(2b)).
 * @example
 * Laplace(0, 1).logProb(0).item();   // −log 2
 * Laplace(0, NaN);                   // throws PathwiseRangeError: Laplace: scale must be > 0, got NaN
 */
export function Laplace(loc: TensorLike, scale: TensorLike): LaplaceDistribution {
  return new LaplaceDistribution(param('Laplace', 'loc', loc, isReal, 'finite'), param('Laplace', 'scale', scale, isPositive, '> 0'));
}
