/**
 * ExpGamma(α, β): the law of y = log z for z ~ Gamma(α, rate β), density β^α e^(αy − βe^y) / Γ(α) on the
 * real line (TensorFlow Probability's ExpGamma). It is the same sample as Gamma's, kept in logarithms:
 * y = log G − log β with log G from Marsaglia–Tsang in logs (random/gamma.ts), differentiated by implicit
 * reparameterization in log space, dy/dα = (dG/dα)/G (implicit/gamma-sample-grad.ts). Nothing
 * underflows, so for small shapes (α = 1e-6: y ≈ −1e6·Exp(1)), where Gamma's own samples are mostly the
 * atom Number.MIN_VALUE, this is the family to use for functions of log z.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, digamma, exp, lgamma, log, mul, polygamma, sub } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { logGammaNoise } from './sampling.js';
import { logGammaSample } from './implicit-sample.js';
import { paramData } from './param-data.js';

/**
 * What {@link ExpGamma} returns (for `instanceof` and types); the factory validates the parameters.
 * @example ExpGamma(2) instanceof ExpGammaDistribution   // true
 */
export class ExpGammaDistribution extends Distribution {
  readonly name = 'ExpGamma';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly concentration: Tensor, readonly rate: Tensor) {
    super(batchShapeOf('ExpGamma', concentration, rate));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const l = logGammaNoise(key, shape, rowOffset, paramData(this.concentration, shape));
    return sub(logGammaSample(this.concentration, l, shape), log(this.rate));
  }

  /** α log β + αy − βe^y − log Γ(α), finite for every finite y. */
  logProb(y: TensorLike): Tensor {
    const a = this.concentration;
    return sub(sub(mul(a, add(y, log(this.rate))), mul(this.rate, exp(y))), lgamma(a));
  }

  /** ψ(α) − log β. */
  override mean(): Tensor {
    return broadcastTo(sub(digamma(this.concentration), log(this.rate)), this.batchShape);
  }
  /** ψ′(α). */
  override variance(): Tensor {
    return broadcastTo(polygamma(1, this.concentration), this.batchShape);
  }
}

/**
 * The log of a Gamma(`concentration` α > 0, `rate` β > 0) variable; rsample is differentiable in both.
 * @example
 * ExpGamma(1e-6).mean().item();     // ψ(1e-6) ≈ −1000000.58
 * grad((a: Tensor) => mean(ExpGamma(a).rsample(key(0), 100_000)))(1e-6)   // ≈ ψ′(1e-6) ≈ 1e12
 * ExpGamma(0);                      // throws PathwiseRangeError: ExpGamma: concentration must be > 0, got 0
 */
export function ExpGamma(concentration: TensorLike, rate: TensorLike = 1): ExpGammaDistribution {
  return new ExpGammaDistribution(
    param('ExpGamma', 'concentration', concentration, isPositive, '> 0'),
    param('ExpGamma', 'rate', rate, isPositive, '> 0'),
  );
}
