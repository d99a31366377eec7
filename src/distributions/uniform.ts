/** The continuous uniform distribution on [low, high]: z = low + (high − low)·u, u ~ U(0, 1). */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, clamp, div, greater, less, log, mul, neg, square, sub, where } from '../ad/ops/index.js';
import { concrete } from '../ad/trace.js';
import { broadcastData } from '../ad/kernels/elementwise.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isReal, param } from './validate.js';
import { uniformNoise } from './sampling.js';

/**
 * What {@link Uniform} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Uniform(0, 1) instanceof UniformDistribution   // true
 */
export class UniformDistribution extends Distribution {
  readonly name = 'Uniform';
  readonly support: Support = { kind: 'interval', low: 'param', high: 'param' };
  readonly hasRsample = true;

  constructor(readonly low: Tensor, readonly high: Tensor) {
    super(batchShapeOf('Uniform', low, high));
  }

  private get width(): Tensor {
    return sub(this.high, this.low);
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return add(this.low, mul(this.width, uniformNoise(key, shape, rowOffset)));
  }

  /** −log(high − low) on [low, high], −∞ outside. */
  logProb(x: TensorLike): Tensor {
    const outside = add(less(x, this.low), greater(x, this.high));
    return where(outside, -Infinity, neg(log(this.width)));
  }

  override mean(): Tensor {
    return broadcastTo(mul(add(this.low, this.high), 0.5), this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(div(square(this.width), 12), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(log(this.width), this.batchShape);
  }
  override cdf(x: TensorLike): Tensor {
    return clamp(div(sub(x, this.low), this.width), 0, 1);
  }
  override icdf(p: TensorLike): Tensor {
    return add(this.low, mul(this.width, p));
  }
}

/**
 * The uniform distribution on [low, high] (finite, low < high elementwise); differentiable in both ends.
 * @example
 * Uniform(0, 4).variance().item();   // 16/12 = 1.333…
 * Uniform(1, 1);                     // throws PathwiseRangeError: Uniform: high must be > low, got high 1 and low 1
 */
export function Uniform(low: TensorLike = 0, high: TensorLike = 1): UniformDistribution {
  const lo = param('Uniform', 'low', low, isReal, 'finite');
  const hi = param('Uniform', 'high', high, isReal, 'finite');
  const shape = batchShapeOf('Uniform', lo, hi);
  const l = broadcastData(concrete(lo), shape);
  const h = broadcastData(concrete(hi), shape);
  for (let i = 0; i < l.length; i++) {
    if (!(h[i]! > l[i]!)) {
      const at = l.length > 1 ? ` (element ${i})` : '';
      throw new PathwiseRangeError(`Uniform: high must be > low, got high ${show(h[i])} and low ${show(l[i])}${at}`);
    }
  }
  return new UniformDistribution(lo, hi);
}
