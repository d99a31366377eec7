/** The log-normal distribution: z = exp(loc + scale·ε), ε ~ N(0, 1), so log z ~ N(loc, scale²). */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, exp, expm1, greater, log, maximum, mul, normCdf, normQuantile, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { normalNoise } from './sampling.js';

const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * What {@link LogNormal} returns (for `instanceof` and types); the factory validates the parameters.
 * @example LogNormal(0, 1) instanceof LogNormalDistribution   // true
 */
export class LogNormalDistribution extends Distribution {
  readonly name = 'LogNormal';
  readonly support: Support = { kind: 'positive' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('LogNormal', loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return exp(add(this.loc, mul(this.scale, normalNoise(key, shape, rowOffset))));
  }

  /**
   * log N(log x; loc, scale²) − log x (the Jacobian of the exponential); −∞ for x ≤ 0, where the formula
   * would give −∞ + ∞ = NaN (the logarithm is taken of a harmless 1 there, keeping gradients finite).
   */
  logProb(x: TensorLike): Tensor {
    const inside = greater(x, 0);
    const lx = log(where(inside, x, 1));
    const u = div(sub(lx, this.loc), this.scale);
    return where(inside, sub(mul(square(u), -0.5), add(add(log(this.scale), LOG_SQRT_2PI), lx)), -Infinity);
  }

  override mean(): Tensor {
    return broadcastTo(exp(add(this.loc, mul(square(this.scale), 0.5))), this.batchShape);
  }
  /** (e^{σ²} − 1)·e^{2μ + σ²}, with expm1 so that small σ keeps its digits. */
  override variance(): Tensor {
    const s2 = square(this.scale);
    return broadcastTo(mul(expm1(s2), exp(add(mul(this.loc, 2), s2))), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(add(add(this.loc, log(this.scale)), 0.5 + LOG_SQRT_2PI), this.batchShape);
  }
  /** Φ((log x − loc)/scale), 0 for x ≤ 0. */
  override cdf(x: TensorLike): Tensor {
    return normCdf(div(sub(log(maximum(x, 0)), this.loc), this.scale));
  }
  override icdf(p: TensorLike): Tensor {
    return exp(add(this.loc, mul(this.scale, normQuantile(p))));
  }
}

/**
 * The log-normal distribution whose logarithm has mean `loc` and standard deviation `scale` (> 0).
 * @example
 * LogNormal(0, 1).mean().item();     // e^{1/2} = 1.6487…
 * LogNormal(0, 0);                   // throws PathwiseRangeError: LogNormal: scale must be > 0, got 0
 */
export function LogNormal(loc: TensorLike, scale: TensorLike): LogNormalDistribution {
  return new LogNormalDistribution(param('LogNormal', 'loc', loc, isReal, 'finite'), param('LogNormal', 'scale', scale, isPositive, '> 0'));
}
