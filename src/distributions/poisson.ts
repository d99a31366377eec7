/** The Poisson distribution on {0, 1, 2, …}: discrete, so it has no reparameterized sampler. */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { ones } from '../tensor/create.js';
import { add, broadcastTo, less, lgamma, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { poisson } from '../random/poisson.js';
import { Distribution, type MvdTerm, type Support } from './distribution.js';
import { batchShapeOf, isNonNegative, param } from './validate.js';
import { perRowOf } from './sampling.js';
import { paramData } from './param-data.js';
import { xlogy } from './xlogy.js';

/**
 * What {@link Poisson} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Poisson(2) instanceof PoissonDistribution   // true
 */
export class PoissonDistribution extends Distribution {
  readonly name = 'Poisson';
  readonly support: Support = { kind: 'nonnegative-integer' };
  readonly hasRsample = false;

  constructor(readonly rate: Tensor) {
    super(batchShapeOf('Poisson', rate));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const n = sizeOf(shape);
    const out = poisson(key, n, paramData(this.rate, shape), { offset: rowOffset * perRowOf(shape), out: alloc(n) });
    return new Tensor(out, shape);
  }

  /** k·log λ − λ − log k!, with 0·log 0 = 0 so that λ = 0 gives log P(0) = 0; −∞ for k < 0. */
  logProb(x: TensorLike): Tensor {
    const outside = less(x, 0);
    const k = where(outside, 0, x);
    return where(outside, -Infinity, sub(sub(xlogy(k, this.rate), this.rate), lgamma(add(k, 1))));
  }

  override mean(): Tensor {
    return broadcastTo(this.rate, this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(this.rate, this.batchShape);
  }

  /**
   * ∂λ Poisson(λ)(k) = P(k − 1) − P(k): weight 1, the positive part is the site's sample shifted by one
   * (k + 1 where k ~ Poisson(λ) has law P(· − 1)), the negative part the sample itself.
   */
  override mvd(_key: Key, z: Tensor, _rowOffset = 0): MvdTerm[] {
    return [{ param: broadcastTo(this.rate, z.shape), weight: ones(z.shape), plus: add(z, 1), minus: 'self' }];
  }
}

/**
 * The Poisson distribution with `rate` λ ≥ 0 (mean and variance λ).
 * @example
 * Poisson(2).logProb(0).item();      // −2
 * Poisson(-1);                       // throws PathwiseRangeError: Poisson: rate must be ≥ 0 and finite, got -1
 */
export function Poisson(rate: TensorLike): PoissonDistribution {
  return new PoissonDistribution(param('Poisson', 'rate', rate, isNonNegative, '≥ 0 and finite'));
}
