/**
 * The beta distribution Beta(a, b) on [0, 1]. Samples come from src/random's beta (X/(X + Y) of two
 * gammas, exact) and are differentiated in a and b by implicit reparameterization
 * (implicit-beta-sample.ts; Figurnov, Mohamed & Mnih 2018), whose kernel stays finite up to the
 * boundaries 0 and 1.
 *
 * Small shapes put much mass within one double of 0 or 1 (Beta(1e-4, 1e-4): about 46 % below 4.9e-324 and
 * 50 % above 1 − 2^−53). Those samples are returned as the atoms Number.MIN_VALUE and BETA_MAX = 1 − 2^−53
 * (representable.ts): logProb there is the log probability of the atom and the gradient is 0, so every
 * estimator is unbiased for E[f(returned x)], which is E[f(x)] for f continuous at 0 and 1.
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { add, broadcastTo, digamma, div, greater, less, lgamma, log, mul, neg, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { beta, BETA_MAX } from '../random/beta.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { perRowOf } from './sampling.js';
import { paramData } from './param-data.js';
import { betaSample } from './implicit-beta-sample.js';
import { xlog1py, xlogy } from './xlogy.js';
import { anySet, atomMask, LOG_TINY_EDGE, TINY } from './representable.js';
import { toTensor } from '../tensor/create.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/** log(1.5·2^−53): true values above 1 − 1.5·2^−53 are returned as BETA_MAX, the upper atom's edge. */
const LOG_ONE_EDGE = dmath.log(1.5) - 53 * Math.LN2;

/**
 * What {@link Beta} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Beta(2, 3) instanceof BetaDistribution   // true
 */
export class BetaDistribution extends Distribution {
  readonly name = 'Beta';
  readonly support: Support = { kind: 'unit-interval' };
  readonly hasRsample = true;

  constructor(readonly concentration1: Tensor, readonly concentration0: Tensor) {
    super(batchShapeOf('Beta', concentration1, concentration0));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const n = sizeOf(shape);
    const z = beta(key, n, paramData(this.concentration1, shape), paramData(this.concentration0, shape), {
      offset: rowOffset * perRowOf(shape), out: alloc(n),
    });
    return betaSample(this.concentration1, this.concentration0, new Tensor(z, shape), shape);
  }

  /**
   * (a − 1)·log x + (b − 1)·log(1 − x) − log B(a, b), with 0·log 0 = 0 (a = 1 at x = 0, b = 1 at x = 1);
   * −∞ outside [0, 1] (where x is replaced by ½ inside the logarithms so that no NaN is formed). At the
   * atoms the log probability of the atom, to leading order in the atom's width t (the relative error of
   * the mass is about (a + b)·t, t ≤ 1.7e-16): log P(x < 1.5·MIN_VALUE) = a·log(1.5·MIN_VALUE)
   * − log a − log B(a, b), and log P(1 − x < 1.5·2^−53) = b·log(1.5·2^−53) − log b − log B(a, b).
   */
  logProb(x: TensorLike): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    const xt = toTensor(x, 'Beta.logProb');
    const density = (y: Tensor) => {
      const outside = add(less(y, 0), greater(y, 1));
      const ys = where(outside, 0.5, y);
      return where(outside, -Infinity, sub(add(xlogy(sub(a, 1), ys), xlog1py(sub(b, 1), neg(ys))), this.logBeta()));
    };
    const low = atomMask(xt, TINY);
    const high = atomMask(xt, BETA_MAX);
    if (!anySet(low) && !anySet(high)) return density(xt);
    const lowMass = sub(sub(mul(a, LOG_TINY_EDGE), log(a)), this.logBeta());
    const highMass = sub(sub(mul(b, LOG_ONE_EDGE), log(b)), this.logBeta());
    const inner = density(where(add(low, high), 0.5, xt));
    return where(low, lowMass, where(high, highMass, inner));
  }

  private logBeta(): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    return sub(add(lgamma(a), lgamma(b)), lgamma(add(a, b)));
  }

  override mean(): Tensor {
    return broadcastTo(div(this.concentration1, add(this.concentration1, this.concentration0)), this.batchShape);
  }
  /** ab/((a + b)²(a + b + 1)). */
  override variance(): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    const s = add(a, b);
    return broadcastTo(div(mul(a, b), mul(square(s), add(s, 1))), this.batchShape);
  }
  /** log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b). */
  override entropy(): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    const s = add(a, b);
    const h = add(sub(sub(this.logBeta(), mul(sub(a, 1), digamma(a))), mul(sub(b, 1), digamma(b))), mul(sub(s, 2), digamma(s)));
    return broadcastTo(h, this.batchShape);
  }
}

/**
 * The beta distribution with shapes `concentration1` a > 0 and `concentration0` b > 0 (mean a/(a + b));
 * rsample is differentiable in both.
 * @example
 * Beta(2, 3).mean().item();          // 0.4
 * grad((a: Tensor) => mean(Beta(a, 3).rsample(key(0), 100_000)))(2)   // ≈ 3/25 = b/(a + b)²
 * Beta(0, 1);                        // throws PathwiseRangeError: Beta: concentration1 must be > 0, got 0
 */
export function Beta(concentration1: TensorLike, concentration0: TensorLike): BetaDistribution {
  return new BetaDistribution(
    param('Beta', 'concentration1', concentration1, isPositive, '> 0'),
    param('Beta', 'concentration0', concentration0, isPositive, '> 0'),
  );
}
