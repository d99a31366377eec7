/** The normal distribution N(loc, scale²): reparameterized as loc + scale·ε, ε ~ N(0, 1). */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { tensor } from '../tensor/create.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, div, log, mul, normCdf, normQuantile, square, sub, sqrt } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type MvdTerm, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { gammaNoise, normalNoise, STREAM, subKey, uniformNoise } from './sampling.js';

const LOG_SQRT_2PI = 0.9189385332046728;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * What {@link Normal} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Normal(0, 1) instanceof NormalDistribution   // true
 */
export class NormalDistribution extends Distribution {
  readonly name = 'Normal';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('Normal', loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    return add(this.loc, mul(this.scale, normalNoise(key, shape, rowOffset)));
  }

  logProb(x: TensorLike): Tensor {
    const u = div(sub(x, this.loc), this.scale);
    return sub(mul(square(u), -0.5), add(log(this.scale), LOG_SQRT_2PI));
  }

  override mean(): Tensor {
    return broadcastTo(this.loc, this.batchShape);
  }
  override variance(): Tensor {
    return broadcastTo(square(this.scale), this.batchShape);
  }
  override entropy(): Tensor {
    return broadcastTo(add(log(this.scale), 0.5 + LOG_SQRT_2PI), this.batchShape);
  }
  override cdf(x: TensorLike): Tensor {
    return normCdf(div(sub(x, this.loc), this.scale));
  }
  override icdf(p: TensorLike): Tensor {
    return add(this.loc, mul(this.scale, normQuantile(p)));
  }

  /**
   * Mean: ∂μ N = (1/(σ√2π))·(μ + σW vs μ − σW), W ~ Rayleigh, the two coupled antithetically.
   * Scale: ∂σ N = (1/σ)·(double-sided Maxwell μ + σM vs N(μ, σ²)), the latter the site's own sample.
   */
  override mvd(key: Key, z: Tensor, rowOffset: number): MvdTerm[] {
    const shape = z.shape;
    const w = sqrt(mul(log(uniformNoise(subKey(key, STREAM.mvdPlus), shape, rowOffset)), -2));
    const chi3 = mul(gammaNoise(subKey(key, STREAM.mvdMinus), shape, rowOffset, 1.5), 2);
    const signs = uniformNoise(subKey(key, STREAM.mvdSign), shape, rowOffset).data.map((u) => (u < 0.5 ? -1 : 1));
    const maxwell = mul(sqrt(chi3), tensor(signs, shape));
    const loc = broadcastTo(this.loc, shape);
    const scale = broadcastTo(this.scale, shape);
    return [
      { param: loc, weight: div(INV_SQRT_2PI, scale), plus: add(loc, mul(scale, w)), minus: sub(loc, mul(scale, w)) },
      { param: scale, weight: div(1, scale), plus: add(loc, mul(scale, maxwell)), minus: 'self' },
    ];
  }
}

/**
 * The normal distribution with mean `loc` and standard deviation `scale` (> 0); parameters broadcast.
 * @example
 * const d = Normal(0, 2);
 * d.logProb(0).item();               // −log(2√(2π)) = −1.612…
 * Normal(0, -1);                     // throws PathwiseRangeError: Normal: scale must be > 0, got -1
 */
export function Normal(loc: TensorLike, scale: TensorLike): NormalDistribution {
  return new NormalDistribution(param('Normal', 'loc', loc, isReal, 'finite'), param('Normal', 'scale', scale, isPositive, '> 0'));
}

