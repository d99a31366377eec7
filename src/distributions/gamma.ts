/**
 * The gamma distribution Gamma(concentration α, rate β), density β^α z^(α−1) e^(−βz) / Γ(α). Samples by
 * Marsaglia–Tsang in logarithms (random/gamma.ts: log G, exact for every α > 0), z = e^(log G − log β),
 * differentiated by implicit reparameterization in log space (implicit-sample.ts).
 *
 * Small shapes: the true sample is often below the smallest positive double (P(z < 4.9e-324) ≈ 99.93 %
 * at α = 1e-6, 52 % at α = 1e-3, 0.06 % at α = 0.01 for β = 1). Such samples are returned as
 * Number.MIN_VALUE, an atom (representable.ts): logProb there is log P(z < 1.5·MIN_VALUE) and the sample's
 * gradient is 0, so every estimator is unbiased for E[f(returned z)]. That equals E[f(z)] for any f
 * continuous at 0 (z, z², 1 − e^(−z), …), but not for functions of log z: for those use ExpGamma, the
 * same samples as log z. (At the other end nothing is handled: only a rate below about 1e-300 could push
 * samples past 1.8e308, where they are capped and logProb is the density there.)
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, digamma, div, lgamma, log, mul, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, param } from './validate.js';
import { logGammaNoise } from './sampling.js';
import { logGammaSample } from './implicit-sample.js';
import { paramData } from './param-data.js';
import { anySet, atomMask, expAtLeastTiny, LOG_TINY_EDGE, TINY } from './representable.js';

/**
 * What {@link Gamma} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Gamma(2, 1) instanceof GammaDistribution   // true
 */
export class GammaDistribution extends Distribution {
  readonly name = 'Gamma';
  readonly support: Support = { kind: 'positive' };
  readonly hasRsample = true;

  constructor(readonly concentration: Tensor, readonly rate: Tensor) {
    super(batchShapeOf('Gamma', concentration, rate));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const l = logGammaNoise(key, shape, rowOffset, paramData(this.concentration, shape));
    return expAtLeastTiny(sub(logGammaSample(this.concentration, l, shape), log(this.rate)));
  }

  /**
   * α log β + (α − 1) log x − βx − log Γ(α); at x = Number.MIN_VALUE (the atom of samples below it) the log
   * probability of the atom, log P(z < 1.5·MIN_VALUE) = α·log(1.5·MIN_VALUE·β) − log Γ(α + 1) (β·MIN_VALUE
   * ≤ 2^−50, so the next terms are below double precision).
   */
  logProb(x: TensorLike): Tensor {
    const a = this.concentration;
    const xt = toTensor(x, 'Gamma.logProb');
    const density = (y: TensorLike) =>
      sub(add(mul(a, log(this.rate)), mul(sub(a, 1), log(y))), add(mul(this.rate, y), lgamma(a)));
    const atom = atomMask(xt, TINY);
    if (!anySet(atom)) return density(xt);
    const atomMass = sub(mul(a, add(log(this.rate), LOG_TINY_EDGE)), lgamma(add(a, 1)));
    return where(atom, atomMass, density(where(atom, 1, xt)));
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
 * implicitly: gradients flow to both parameters. Samples below 4.9e-324 are returned as Number.MIN_VALUE,
 * an atom (common for α ≲ 1e-2; see the class comment); for log z at small shapes use ExpGamma.
 * @example
 * grad((a: Tensor) => mean(Gamma(a, 1).rsample(key(0), 100_000)))(2.5)   // ≈ 1 (d/dα of E[z] = α)
 */
export function Gamma(concentration: TensorLike, rate: TensorLike = 1): GammaDistribution {
  return new GammaDistribution(
    param('Gamma', 'concentration', concentration, isPositive, '> 0'),
    param('Gamma', 'rate', rate, isPositive, '> 0'),
  );
}
