/** The binomial distribution on {0, …, totalCount}: discrete, so it has no reparameterized sampler. */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { add, broadcastTo, greater, less, lgamma, mul, softplus, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { binomial } from '../random/binomial.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isNonNegativeInteger, isProbability, param } from './validate.js';
import { perRowOf } from './sampling.js';
import { paramData } from './param-data.js';
import { binaryParams, type ProbsOrLogits } from './probs-or-logits.js';
import { xlog1py, xlogy } from './xlogy.js';

/**
 * What {@link Binomial} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Binomial(10, 0.3) instanceof BinomialDistribution   // true
 */
export class BinomialDistribution extends Distribution {
  readonly name = 'Binomial';
  readonly support: Support = { kind: 'integer-interval', low: 0, high: 'param' };
  readonly hasRsample = false;

  constructor(readonly totalCount: Tensor, readonly probs: Tensor, readonly logits: Tensor, private readonly fromLogits: boolean) {
    super(batchShapeOf('Binomial', totalCount, probs));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const n = sizeOf(shape);
    const out = binomial(key, n, paramData(this.totalCount, shape), paramData(this.probs, shape), {
      offset: rowOffset * perRowOf(shape), out: alloc(n),
    });
    return new Tensor(out, shape);
  }

  /**
   * log C(n, k) + k·log p + (n − k)·log(1 − p), from log-odds as k·ℓ − n·softplus(ℓ) (exact for extreme
   * ℓ); −∞ outside 0 … n.
   */
  logProb(x: TensorLike): Tensor {
    const n = this.totalCount;
    const nk = sub(n, x);
    const logChoose = sub(lgamma(add(n, 1)), add(lgamma(add(x, 1)), lgamma(add(nk, 1))));
    const tail = this.fromLogits
      ? sub(mul(x, this.logits), mul(n, softplus(this.logits)))
      : add(xlogy(x, this.probs), xlog1py(nk, mul(this.probs, -1)));
    return where(add(less(x, 0), greater(x, n)), -Infinity, add(logChoose, tail));
  }

  override mean(): Tensor {
    return broadcastTo(mul(this.totalCount, this.probs), this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(mul(mul(this.totalCount, this.probs), sub(1, this.probs)), this.batchShape);
  }
}

/**
 * The binomial distribution: successes in `totalCount` (a non-negative integer) trials of probability
 * `probs` ∈ [0, 1], or `{ logits }`.
 * @example
 * Binomial(10, 0.3).mean().item();   // 3
 * Binomial(2.5, 0.3);                // throws PathwiseRangeError: Binomial: totalCount must be a non-negative integer, got 2.5
 */
export function Binomial(totalCount: TensorLike, probs: ProbsOrLogits): BinomialDistribution {
  const n = param('Binomial', 'totalCount', totalCount, isNonNegativeInteger, 'a non-negative integer');
  const p = binaryParams('Binomial', probs, isProbability, 'in [0, 1]');
  return new BinomialDistribution(n, p.probs, p.logits, p.fromLogits);
}
