/**
 * The Cauchy distribution: z = loc + scale·tan(π(u − ½)). Its mean and variance do not exist; like
 * SciPy, `mean()` and `variance()` return NaN rather than throwing, so tables of moments still print.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { full } from '../tensor/create.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, less, log, log1p, mul, neg, square, sub, tan, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { cauchyNoise } from './standard-noise.js';
import { atan } from '../ad/ops/index.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const LOG_PI = dmath.log(Math.PI);

/**
 * What {@link Cauchy} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Cauchy(0, 1) instanceof CauchyDistribution   // true
 */
export class CauchyDistribution extends Distribution {
  readonly name = 'Cauchy';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('Cauchy', loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return add(this.loc, mul(this.scale, cauchyNoise(key, shape, rowOffset)));
  }

  /** −log(πs) − log(1 + u²), u = (x − μ)/s. */
  logProb(x: TensorLike): Tensor {
    const u = div(sub(x, this.loc), this.scale);
    return neg(add(add(log(this.scale), LOG_PI), log1p(square(u))));
  }

  /** Undefined: NaN (as SciPy). */
  override mean(): Tensor {
    return full(this.batchShape, NaN);
  }
  /** Undefined: NaN (as SciPy; Student's t with ν ≤ 1 likewise). */
  override variance(): Tensor {
    return full(this.batchShape, NaN);
  }
  override entropy(): Tensor {
    return broadcastTo(add(log(this.scale), dmath.log(4 * Math.PI)), this.batchShape);
  }
  /**
   * ½ + atan(u)/π for u ≥ 0; in the lower tail the same value as atan(−1/u)/π, which keeps its relative
   * accuracy where ½ + atan(u)/π would cancel (its argument is made harmless where it is not selected).
   */
  override cdf(x: TensorLike): Tensor {
    const u = div(sub(x, this.loc), this.scale);
    const lower = less(u, 0);
    const tail = div(atan(div(-1, where(lower, u, -1))), Math.PI);
    return where(lower, tail, add(div(atan(u), Math.PI), 0.5));
  }
  /** loc + scale·tan(π(p − ½)), as −cot(πp) below ½ and cot(π(1 − p)) above (accurate in both tails). */
  override icdf(p: TensorLike): Tensor {
    const lower = neg(div(1, tan(mul(p, Math.PI))));
    const upper = div(1, tan(mul(sub(1, p), Math.PI)));
    return add(this.loc, mul(this.scale, where(less(p, 0.5), lower, upper)));
  }
}

/**
 * The Cauchy distribution with location `loc` and scale s > 0 (density 1/(πs(1 + ((x − loc)/s)²))).
 * @example
 * Cauchy(0, 1).cdf(1).item();        // 0.75
 * Cauchy(0, 1).mean().item();        // NaN: the mean does not exist
 * Cauchy(0, Infinity);               // throws PathwiseRangeError: Cauchy: scale must be > 0, got Infinity
 */
export function Cauchy(loc: TensorLike, scale: TensorLike): CauchyDistribution {
  return new CauchyDistribution(param('Cauchy', 'loc', loc, isReal, 'finite'), param('Cauchy', 'scale', scale, isPositive, '> 0'));
}
