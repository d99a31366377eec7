/**
 * The von Mises distribution on the circle [−π, π) with location μ and concentration κ, density
 * e^{κ cos(x − μ)}/(2π I₀(κ)). Samples are z = wrap(μ + ξ), ξ ~ vonMises(0, κ) by Best & Fisher's
 * rejection sampler (von-mises-sampler.ts): pathwise in μ (dz/dμ = 1), implicitly reparameterized in κ
 * (implicit-von-mises-sample.ts). The wrap subtracts a multiple of 2π computed from the concrete values,
 * so it records no discontinuity; a cost that is not 2π-periodic sees the jump at ±π, as it should.
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { add, broadcastTo, cos, mul, sub } from '../ad/ops/index.js';
import { concrete } from '../ad/trace.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { batchShapeOf, isPositive, isReal, param } from './validate.js';
import { perRowOf } from './sampling.js';
import { paramData } from './param-data.js';
import { vonMisesSamples } from './von-mises-sampler.js';
import { vonMisesSample } from './implicit-sample.js';
import { besselRatio, logBesselI0 } from './bessel-i0.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const LOG_2PI = dmath.log(2 * Math.PI);
const TWO_PI = 2 * Math.PI;

/**
 * What {@link VonMises} returns (for `instanceof` and types); the factory validates the parameters.
 * @example VonMises(0, 1) instanceof VonMisesDistribution   // true
 */
export class VonMisesDistribution extends Distribution {
  readonly name = 'VonMises';
  readonly support: Support = { kind: 'circle' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly concentration: Tensor) {
    super(batchShapeOf('VonMises', loc, concentration));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const n = sizeOf(shape);
    const xi = vonMisesSamples(key, n, paramData(this.concentration, shape), { offset: rowOffset * perRowOf(shape), out: alloc(n) });
    const v = add(this.loc, vonMisesSample(this.concentration, new Tensor(xi, shape), shape));
    const vd = concrete(v).data;
    const shift = alloc(n);
    for (let i = 0; i < n; i++) {
      let s = TWO_PI * Math.floor((vd[i]! + Math.PI) / TWO_PI);
      if (vd[i]! - s >= Math.PI) s += TWO_PI;   // rounding at the upper end: keep the interval half-open
      shift[i] = s;
    }
    return sub(v, new Tensor(shift, shape));
  }

  /** κ cos(x − μ) − log(2π I₀(κ)). */
  logProb(x: TensorLike): Tensor {
    const k = this.concentration;
    return sub(mul(k, cos(sub(x, this.loc))), add(logBesselI0(k), LOG_2PI));
  }

  /** The circular mean μ. */
  override mean(): Tensor {
    return broadcastTo(this.loc, this.batchShape);
  }
  /** The circular variance 1 − E[cos(z − μ)] = 1 − I₁(κ)/I₀(κ) (as PyTorch; not the linear variance). */
  override variance(): Tensor {
    return broadcastTo(sub(1, besselRatio(this.concentration)), this.batchShape);
  }
  /** log(2π I₀(κ)) − κ·I₁(κ)/I₀(κ). */
  override entropy(): Tensor {
    const k = this.concentration;
    return broadcastTo(sub(add(logBesselI0(k), LOG_2PI), mul(k, besselRatio(k))), this.batchShape);
  }
}

/**
 * The von Mises distribution with location `loc` (any real; samples are wrapped to [−π, π)) and
 * `concentration` κ > 0; rsample is differentiable in both.
 * @example
 * VonMises(0, 2).logProb(0).item();  // 2 − log(2π I₀(2)) = −0.66187…
 * VonMises(0, 0);                    // throws PathwiseRangeError: VonMises: concentration must be > 0, got 0
 */
export function VonMises(loc: TensorLike, concentration: TensorLike): VonMisesDistribution {
  return new VonMisesDistribution(
    param('VonMises', 'loc', loc, isReal, 'finite'),
    param('VonMises', 'concentration', concentration, isPositive, '> 0'),
  );
}
