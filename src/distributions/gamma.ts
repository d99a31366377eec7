/**
 * The gamma distribution Gamma(concentration α, rate β), density β^α z^(α−1) e^(−βz) / Γ(α). Samples by
 * Marsaglia–Tsang and differentiates them by implicit reparameterization (see implicit-sample.ts).
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, digamma, div, lgamma, log, mul, sub } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { gammaNoise } from './sampling.js';
import { gammaSample } from './implicit-sample.js';
import { paramData } from './param-data.js';

export class GammaDistribution extends Distribution {
  readonly name = 'Gamma';
  readonly support: Support = { kind: 'positive' };
  readonly hasRsample = true;

  constructor(readonly concentration: Tensor, readonly rate: Tensor) {
    super(batchShapeOf('Gamma', concentration, rate));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const z = gammaNoise(key, shape, rowOffset, paramData(this.concentration, shape));
    return div(gammaSample(this.concentration, z, shape), this.rate);
  }

  logProb(x: TensorLike): Tensor {
    const a = this.concentration;
    return sub(add(mul(a, log(this.rate)), mul(sub(a, 1), log(x))), add(mul(this.rate, x), lgamma(a)));
  }

  override mean(): Tensor {
    return broadcastTo(div(this.concentration, this.rate), this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(div(this.concentration, mul(this.rate, this.rate)), this.batchShape);
  }
  override entropy(): Tensor {
    const a = this.concentration;
    return broadcastTo(add(sub(a, log(this.rate)), add(lgamma(a), mul(sub(1, a), digamma(a)))), this.batchShape);
  }
}

/**
 * The gamma distribution with shape `concentration` α > 0 and `rate` β > 0 (mean α/β), reparameterized
 * implicitly: gradients flow to both parameters.
 * @example
 * grad((a: Tensor) => mean(Gamma(a, 1).rsample(key(0), 100_000)))(2.5)   // ≈ 1 (d/dα of E[z] = α)
 */
export function Gamma(concentration: TensorLike, rate: TensorLike = 1): GammaDistribution {
  return new GammaDistribution(
    param('Gamma', 'concentration', concentration, isPositive, '> 0'),
    param('Gamma', 'rate', rate, isPositive, '> 0'),
  );
}
