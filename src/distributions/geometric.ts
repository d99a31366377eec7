/**
 * The geometric distribution counted as the number of failures before the first success, support
 * {0, 1, 2, …}, P(k) = p(1 − p)^k (SciPy's geom counts trials instead: geom(p, loc = −1) is this one).
 * Discrete, so it has no reparameterized sampler. Sampled by inversion: ⌊log u / log(1 − p)⌋.
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { add, broadcastTo, div, expm1, floor, less, log, log1p, maximum, mul, neg, softplus, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf } from './validate.js';
import { uniformNoise } from './sampling.js';
import { paramArray } from './param-data.js';
import { binaryParams, type ProbsOrLogits } from './probs-or-logits.js';
import { xlog1py } from './xlogy.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/**
 * What {@link Geometric} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Geometric(0.3) instanceof GeometricDistribution   // true
 */
export class GeometricDistribution extends Distribution {
  readonly name = 'Geometric';
  readonly support: Support = { kind: 'nonnegative-integer' };
  readonly hasRsample = false;

  constructor(readonly probs: Tensor, readonly logits: Tensor, private readonly fromLogits: boolean) {
    super(batchShapeOf('Geometric', probs));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const u = uniformNoise(key, shape, rowOffset);
    const p = paramArray(this.probs, shape);
    const ud = u.data;
    const out = alloc(ud.length);   // noise is shared within a batch (sampling.ts): never write into it
    // p = 1 gives log1p(−1) = −∞ and log u / −∞ = 0: the first trial always succeeds.
    for (let i = 0; i < out.length; i++) out[i] = Math.floor(dmath.log(ud[i]!) / dmath.log1p(-p[i]!));
    return new Tensor(out, shape);
  }

  /** k·log(1 − p) + log p; from log-odds ℓ as −k·softplus(ℓ) − softplus(−ℓ); −∞ for k < 0. */
  logProb(x: TensorLike): Tensor {
    const lp = this.fromLogits
      ? neg(add(mul(x, softplus(this.logits)), softplus(neg(this.logits))))
      : add(xlog1py(x, neg(this.probs)), log(this.probs));
    return where(less(x, 0), -Infinity, lp);
  }

  override mean(): Tensor {
    return broadcastTo(div(sub(1, this.probs), this.probs), this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(div(sub(1, this.probs), square(this.probs)), this.batchShape);
  }
  /** (−(1 − p)·log(1 − p) − p·log p)/p. */
  override entropy(): Tensor {
    const p = this.probs;
    const h = div(neg(add(xlog1py(sub(1, p), neg(p)), mul(p, log(p)))), p);
    return broadcastTo(h, this.batchShape);
  }
  /** P(X ≤ x) = 1 − (1 − p)^{⌊x⌋+1}, 0 for x < 0. */
  override cdf(x: TensorLike): Tensor {
    const m = maximum(add(floor(x), 1), 0);
    return neg(expm1(mul(m, log1p(neg(this.probs)))));
  }
}

const inHalfOpenUnit = (v: number): boolean => v > 0 && v <= 1;

/**
 * The number of failures before the first success in trials of probability `probs` ∈ (0, 1] (or
 * `{ logits }`); mean (1 − p)/p.
 * @example
 * Geometric(0.25).mean().item();     // 3
 * Geometric(0);                      // throws PathwiseRangeError: Geometric: probs must be in (0, 1], got 0
 */
export function Geometric(probs: ProbsOrLogits): GeometricDistribution {
  const p = binaryParams('Geometric', probs, inHalfOpenUnit, 'in (0, 1]');
  return new GeometricDistribution(p.probs, p.logits, p.fromLogits);
}
