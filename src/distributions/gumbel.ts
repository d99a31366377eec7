/** The (maximum) Gumbel distribution: z = loc + scale·G, G = −log(−log u). SciPy's gumbel_r. */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, exp, log, mul, neg, square, sub } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { gumbelNoise } from './standard-noise.js';

/** Euler–Mascheroni constant γ, the mean of the standard Gumbel. */
export const EULER_GAMMA = 0.5772156649015329;
const PI2_OVER_6 = (Math.PI * Math.PI) / 6;

/**
 * What {@link Gumbel} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Gumbel(0, 1) instanceof GumbelDistribution   // true
 */
export class GumbelDistribution extends Distribution {
  readonly name = 'Gumbel';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('Gumbel', loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return add(this.loc, mul(this.scale, gumbelNoise(key, shape, rowOffset)));
  }

  /** −(u + e^{−u}) − log β, u = (x − μ)/β. */
  logProb(x: TensorLike): Tensor {
    const u = div(sub(x, this.loc), this.scale);
    return neg(add(add(u, exp(neg(u))), log(this.scale)));
  }

  override mean(): Tensor {
    return broadcastTo(add(this.loc, mul(this.scale, EULER_GAMMA)), this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(mul(square(this.scale), PI2_OVER_6), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(add(log(this.scale), EULER_GAMMA + 1), this.batchShape);
  }
  override cdf(x: TensorLike): Tensor {
    return exp(neg(exp(neg(div(sub(x, this.loc), this.scale)))));
  }
  override icdf(p: TensorLike): Tensor {
    return sub(this.loc, mul(this.scale, log(neg(log(p)))));
  }
}

/**
 * The Gumbel distribution of maxima with location `loc` and scale β > 0 (cdf e^{−e^{−(x−loc)/β}}).
 * @example
 * Gumbel(0, 1).mean().item();        // γ = 0.5772…
 * Gumbel(0, 0);                      // throws PathwiseRangeError: Gumbel: scale must be > 0, got 0
 */
export function Gumbel(loc: TensorLike, scale: TensorLike): GumbelDistribution {
  return new GumbelDistribution(param('Gumbel', 'loc', loc, isReal, 'finite'), param('Gumbel', 'scale', scale, isPositive, '> 0'));
}
