/**
 * Student's t distribution with `df` ν, location and scale, reparameterized as
 *
 *   z = loc + scale·ε / √(χ²/ν),  ε ~ N(0, 1),  χ² = 2G,  G ~ Gamma(ν/2, 1),
 *
 * with G entering through the implicit gamma sample (implicit-sample.ts; Figurnov, Mohamed & Mnih 2018),
 * so that gradients flow to ν as well as to loc and scale.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, digamma, div, greater, lgamma, log, log1p, mul, sqrt, square, sub, where } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { gammaNoise, normalNoise, STREAM, subKey } from './sampling.js';
import { gammaSample } from './implicit-sample.js';
import { paramData } from './param-data.js';

const LOG_PI = Math.log(Math.PI);
const LGAMMA_HALF = 0.5 * LOG_PI;   // log Γ(½) = log √π

export class StudentTDistribution extends Distribution {
  readonly name = 'StudentT';
  readonly support: Support = { kind: 'real' };
  readonly hasRsample = true;

  constructor(readonly df: Tensor, readonly loc: Tensor, readonly scale: Tensor) {
    super(batchShapeOf('StudentT', df, loc, scale));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const half = div(this.df, 2);
    const g = gammaNoise(subKey(key, STREAM.second), shape, rowOffset, paramData(half, shape));
    const chi2OverDf = div(mul(gammaSample(half, g, shape), 2), this.df);
    return add(this.loc, mul(this.scale, div(normalNoise(key, shape, rowOffset), sqrt(chi2OverDf))));
  }

  /** log Γ((ν+1)/2) − log Γ(ν/2) − ½log(νπ) − log σ − (ν+1)/2 · log(1 + u²/ν). */
  logProb(x: TensorLike): Tensor {
    const nu = this.df;
    const u = div(sub(x, this.loc), this.scale);
    const c = sub(sub(lgamma(div(add(nu, 1), 2)), lgamma(div(nu, 2))), add(mul(add(log(nu), LOG_PI), 0.5), log(this.scale)));
    return sub(c, mul(div(add(nu, 1), 2), log1p(div(square(u), nu))));
  }

  /** loc for ν > 1, NaN otherwise (as SciPy). */
  override mean(): Tensor {
    return broadcastTo(where(greater(this.df, 1), this.loc, NaN), this.batchShape);
  }
  /** σ²ν/(ν − 2) for ν > 2, +∞ for 1 < ν ≤ 2, NaN for ν ≤ 1 (as SciPy). */
  override variance(): Tensor {
    const nu = this.df;
    const v = div(mul(square(this.scale), nu), sub(nu, 2));
    return broadcastTo(where(greater(nu, 2), v, where(greater(nu, 1), Infinity, NaN)), this.batchShape);
  }
  /** (ν+1)/2·(ψ((ν+1)/2) − ψ(ν/2)) + ½log ν + log B(ν/2, ½) + log σ. */
  override entropy(): Tensor {
    const nu = this.df;
    const a = div(nu, 2);
    const b = div(add(nu, 1), 2);
    const logBeta = sub(add(lgamma(a), LGAMMA_HALF), lgamma(b));
    const h = add(add(mul(b, sub(digamma(b), digamma(a))), mul(log(nu), 0.5)), add(logBeta, log(this.scale)));
    return broadcastTo(h, this.batchShape);
  }
}

/**
 * Student's t with `df` ν > 0, location `loc` and `scale` > 0; rsample is differentiable in all three.
 * @example
 * StudentT(3, 0, 1).variance().item();   // 3
 * StudentT(0, 0, 1);                     // throws PathwiseRangeError: StudentT: df must be > 0, got 0
 */
export function StudentT(df: TensorLike, loc: TensorLike = 0, scale: TensorLike = 1): StudentTDistribution {
  return new StudentTDistribution(
    param('StudentT', 'df', df, isPositive, '> 0'),
    param('StudentT', 'loc', loc, isReal, 'finite'),
    param('StudentT', 'scale', scale, isPositive, '> 0'),
  );
}
