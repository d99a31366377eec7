/**
 * log I₀(κ) and A(κ) = I₁(κ)/I₀(κ) as primitives, for the von Mises normalizer 2π·I₀(κ):
 *
 *   d/dκ log I₀(κ) = A(κ),    d/dκ A(κ) = 1 − A/κ − A²
 *
 * (from I₀' = I₁ and I₁' = I₀ − I₁/κ). Both rules are written with these primitives and ops, so
 * derivatives of every order compose. A comes from the kernel in ./implicit/bessel-ratio.ts.
 *
 * log I₀: the power series Σ (κ²/4)^k/(k!)² for κ < 20 (positive terms, no cancellation), the Hankel
 * expansion log I₀ = κ − ½log(2πκ) + log Σ_k c_k κ^{−k}, c_k = Π_{j≤k}(2j − 1)²/(k!·8^k) (Abramowitz &
 * Stegun 9.7.1) for κ ≥ 20, summed while its terms decrease (the smallest is below e^{−2κ} < 1e−17).
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { bind } from '../ad/trace.js';
import { mapUnary } from '../ad/kernels/elementwise.js';
import { elementwise } from '../ad/ops/define.js';
import { div, mul, sub } from '../ad/ops/index.js';
import { besselRatio as besselRatioKernel } from './implicit/bessel-ratio.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const SERIES_BELOW = 20;
const LOG_2PI = dmath.log(2 * Math.PI);

/** log I₀(κ) for κ ≥ 0 (NaN for negative or NaN κ). */
export function logBesselI0Scalar(kappa: number): number {
  if (!(kappa >= 0)) return NaN;
  if (kappa === Infinity) return Infinity;
  if (kappa < SERIES_BELOW) {
    const x = (kappa * kappa) / 4;
    let term = 1;
    let s = 1;
    for (let k = 1; k < 200; k++) {
      term *= x / (k * k);
      s += term;
      if (term <= 1e-17 * s) break;
    }
    return dmath.log(s);
  }
  let c = 1;
  let s = 1;
  for (let k = 1; k < 200; k++) {
    const next = c * ((2 * k - 1) * (2 * k - 1)) / (8 * k * kappa);
    if (next >= c) break;   // the asymptotic series has started to diverge
    c = next;
    s += c;
    if (c <= 1e-18) break;
  }
  return kappa - 0.5 * (LOG_2PI + dmath.log(kappa)) + dmath.log(s);
}

const scratch = new Float64Array(2);

const besselRatioP = elementwise('besselRatio', 'smooth', ([x]) => mapUnary((x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = besselRatioKernel(x[i]!, scratch)[0]!;
}, x!), [([k], a) => sub(sub(1, div(a, k!)), mul(a, a))]);

const logBesselI0P = elementwise('logBesselI0', 'smooth', ([x]) => mapUnary((x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = logBesselI0Scalar(x[i]!);
}, x!), [([k]) => besselRatio(k!)]);

/**
 * A(κ) = I₁(κ)/I₀(κ), elementwise (the mean resultant length of a von Mises with concentration κ).
 * @example besselRatio(1).item() // 0.44638996589…
 */
export function besselRatio(kappa: TensorLike): Tensor {
  return bind(besselRatioP, [toTensor(kappa, 'besselRatio')], undefined);
}

/**
 * log I₀(κ), elementwise, without overflow for large κ.
 * @example logBesselI0(1000).item() // 995.6273…  (I₀(1000) overflows a double)
 */
export function logBesselI0(kappa: TensorLike): Tensor {
  return bind(logBesselI0P, [toTensor(kappa, 'logBesselI0')], undefined);
}

