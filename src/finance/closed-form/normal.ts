/**
 * The standard normal distribution function Φ and density φ, the two special functions every
 * Black–Scholes-type closed form is built from.
 */

import erfc from '@stdlib/math-base-special-erfc';
import * as dmath from '../../ad/kernels/scalar-math.js';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

/**
 * Standard normal cumulative distribution function Φ(x) = P(Z ≤ x).
 *
 * Computed as ½·erfc(−x/√2) rather than ½(1 + erf(x/√2)): the erfc form keeps full relative accuracy in
 * the lower tail (Φ(−30) ≈ 4.9e−198 instead of 0), which deep out-of-the-money prices and Greeks need.
 *
 * @param x - any number; NaN gives NaN
 * @returns Φ(x) in [0, 1]
 * @example
 * ```ts
 * normCdf(0);        // 0.5
 * normCdf(1.96);     // ≈ 0.9750021048517795
 * normCdf(-30);      // ≈ 4.906713927148e-198 (exact 4.906713927148187…e-198: relative error 3e-14 in the far tail)
 * normCdf(NaN);      // NaN
 * ```
 */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/**
 * Standard normal density φ(x) = e^{−x²/2}/√(2π).
 *
 * @param x - any number; ±Infinity gives 0, NaN gives NaN
 * @returns φ(x) ≥ 0
 * @example
 * ```ts
 * normPdf(0);   // 0.3989422804014327
 * normPdf(1);   // ≈ 0.24197072451914337
 * normPdf(Infinity); // 0
 * ```
 */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * dmath.exp(-0.5 * x * x);
}
