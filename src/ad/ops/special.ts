/**
 * Special functions: erf, erfc, the log of the normal CDF, the normal quantile, lgamma, digamma and
 * polygamma. Values come from @stdlib's float64 implementations; the derivative chain
 * lgamma → digamma → polygamma(1) → polygamma(2) → … makes derivatives of every order available.
 */
import erfcScalar from '@stdlib/math-base-special-erfc';
import erfcxScalar from '@stdlib/math-base-special-erfcx';
import erfcinvScalar from '@stdlib/math-base-special-erfcinv';
import gammalnScalar from '@stdlib/math-base-special-gammaln';
import digammaScalar from '@stdlib/math-base-special-digamma';
import trigammaScalar from '@stdlib/math-base-special-trigamma';
import log1pScalar from '@stdlib/math-base-special-log1p';
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor, TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { definePrimitive } from '../primitive.js';
import { bind } from '../trace.js';
import { mapUnary, type UnaryKernel } from '../kernels/elementwise.js';
import { applyTranscendental } from '../kernels/transcendental.js';
import { elementwise } from './define.js';
import { add, mul, neg } from './arithmetic.js';
import { exp } from './math.js';
import { polygammaScalar } from './polygamma-scalar.js';
import * as dmath from '../kernels/scalar-math.js';


// Kernels are module-level functions: a closure created per call would be re-optimized every time.
// erf, erfc and normLogCdf run in the WebAssembly SIMD kernels of ../kernels/transcendental.ts (≤ 2 ulp;
// @stdlib's scalar erf/erfc cost ~80 ns per element here). The scalar log-CDF below serves the quantile's
// Newton step; erfcScalar and erfcxScalar the Mills ratio.
const erfKernel: UnaryKernel = (x, o) => applyTranscendental('erf', x, o);
const erfcKernel: UnaryKernel = (x, o) => applyTranscendental('erfc', x, o);
const invMillsRatioKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = invMillsScalar(x[i]!);
};
const normLogCdfKernel: UnaryKernel = (x, o) => applyTranscendental('normLogCdf', x, o);
const normQuantileKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = normQuantileScalar(x[i]!);
};
const lgammaKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = gammalnScalar(x[i]!);
};
const digammaKernel: UnaryKernel = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = digammaScalar(x[i]!);
};

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const SQRT_2_OVER_PI = 0.7978845608028654;
const SQRT_2PI = 2.5066282746310002;
const LOG_SQRT_2PI = 0.9189385332046728;

const erfP = elementwise('erf', 'smooth', { unary: erfKernel }, [([x]) => mul(exp(neg(mul(x!, x!))), TWO_OVER_SQRT_PI)]);

const erfcP = elementwise('erfc', 'smooth', { unary: erfcKernel }, [([x]) => mul(exp(neg(mul(x!, x!))), -TWO_OVER_SQRT_PI)]);

/** log Φ(x) without underflow: for x < −1, Φ(x) = ½·erfcx(−x/√2)·e^{−x²/2}; for x > 0, log1p(−Q(x)). */
function normLogCdfScalar(x: number): number {
  if (x < -1) return dmath.log(0.5 * erfcxScalar(-x * Math.SQRT1_2)) - 0.5 * x * x;
  if (x > 0) return log1pScalar(-0.5 * erfcScalar(x * Math.SQRT1_2));
  return dmath.log(0.5 * erfcScalar(-x * Math.SQRT1_2));
}

/** The inverse Mills ratio φ(x)/Φ(x), the derivative of log Φ; erfcx keeps it exact far in the lower tail. */
function invMillsScalar(x: number): number {
  if (x < -1) return SQRT_2_OVER_PI / erfcxScalar(-x * Math.SQRT1_2);
  return dmath.exp(-0.5 * x * x - LOG_SQRT_2PI) / (0.5 * erfcScalar(-x * Math.SQRT1_2));
}

// d/dx h(x) = −h(x)·(x + h(x)) for h = φ/Φ.
const invMillsRatioP = elementwise('invMillsRatio', 'smooth', { unary: invMillsRatioKernel }, [([x], h) => neg(mul(h, add(x!, h)))]);

const normLogCdfP = elementwise('normLogCdf', 'smooth', { unary: normLogCdfKernel }, [([x]) => invMillsRatio(x!)]);

/**
 * Φ⁻¹(p) = −√2·erfcinv(2p), which keeps the lower tail where the erfinv form 2p − 1 rounds to −1.
 * The upper half is mirrored (1 − p is exact there, by Sterbenz's lemma). Far in the tail erfcinv's
 * rational approximation drifts to ~1e-13 relative, so one Newton step on log Φ(z) = log p, with the
 * accurate normLogCdf, restores full precision.
 */
function normQuantileScalar(p: number): number {
  if (p > 0.5) return -normQuantileScalar(1 - p);
  const z = -Math.SQRT2 * erfcinvScalar(2 * p);
  if (!(p < 1e-8) || p <= 0) return z;
  return z - (normLogCdfScalar(z) - dmath.log(p)) / invMillsScalar(z);
}

const normQuantileP = elementwise('normQuantile', 'smooth', { unary: normQuantileKernel }, [(_, z) => mul(exp(mul(mul(z, z), 0.5)), SQRT_2PI)]);

const lgammaP = elementwise('lgamma', 'smooth', { unary: lgammaKernel }, [([x]) => digamma(x!)]);

const digammaP = elementwise('digamma', 'smooth', { unary: digammaKernel }, [([x]) => polygamma(1, x!)]);

const polygammaP = definePrimitive<{ n: number }>({
  name: 'polygamma',
  elementwise: {},
  smoothness: 'smooth',
  impl: ([x], { n }) => mapUnary(n === 1
    ? (x, o) => { for (let i = 0; i < x.length; i++) o[i] = trigammaScalar(x[i]!); }
    : (x, o) => { for (let i = 0; i < x.length; i++) o[i] = polygammaScalar(n, x[i]!); }, x!),
  vjp: (g, [x], _y, { n }, needs) => [needs[0] ? mul(g, polygamma(n + 1, x!)) : null],
  jvp: ([t], [x], _y, { n }) => (t === null ? null : mul(t!, polygamma(n + 1, x!))),
});

/** Error function. @example erf(0).item() // 0 */
export function erf(x: TensorLike): Tensor {
  return bind(erfP, [toTensor(x, 'erf')], undefined);
}
/** Complementary error function 1 − erf(x), accurate where erf(x) → 1. @example erfc(0).item() // 1 */
export function erfc(x: TensorLike): Tensor {
  return bind(erfcP, [toTensor(x, 'erfc')], undefined);
}
/** φ(x)/Φ(x), the derivative of normLogCdf; accurate far into the lower tail. @example invMillsRatio(0).item() // ≈ 0.797884560802865 (√(2/π)) */
export function invMillsRatio(x: TensorLike): Tensor {
  return bind(invMillsRatioP, [toTensor(x, 'invMillsRatio')], undefined);
}
/** Standard normal CDF Φ(x) = ½·erfc(−x/√2) (accurate in both tails). @example normCdf(0).item() // 0.5 */
export function normCdf(x: TensorLike): Tensor {
  return mul(erfc(mul(toTensor(x, 'normCdf'), -Math.SQRT1_2)), 0.5);
}
/**
 * log Φ(x), accurate far in the lower tail (x = −1e4 gives ≈ −5e7 instead of −∞).
 * @example normLogCdf(-40).item() // -804.6084420137538
 */
export function normLogCdf(x: TensorLike): Tensor {
  return bind(normLogCdfP, [toTensor(x, 'normLogCdf')], undefined);
}
/** Standard normal quantile Φ⁻¹(p), accurate in both tails. @example normQuantile(0.975).item() // 1.959963984540054 */
export function normQuantile(p: TensorLike): Tensor {
  return bind(normQuantileP, [toTensor(p, 'normQuantile')], undefined);
}
/** log|Γ(x)|. @example lgamma(5).item() // 3.1780538303479458 (log 24) */
export function lgamma(x: TensorLike): Tensor {
  return bind(lgammaP, [toTensor(x, 'lgamma')], undefined);
}
/** Digamma ψ(x) = d/dx log Γ(x). @example digamma(1).item() // -0.5772156649015329 */
export function digamma(x: TensorLike): Tensor {
  return bind(digammaP, [toTensor(x, 'digamma')], undefined);
}
/** Polygamma ψ⁽ⁿ⁾(x), the n-th derivative of digamma (n ≥ 1). @example polygamma(1, 1).item() // π²/6 */
export function polygamma(n: number, x: TensorLike): Tensor {
  if (!Number.isInteger(n) || n < 1) throw new PathwiseRangeError(`polygamma: order n must be an integer ≥ 1, got ${show(n)}`);
  return bind(polygammaP, [toTensor(x, 'polygamma')], { n });
}
