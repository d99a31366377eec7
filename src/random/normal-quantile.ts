/**
 * The inverse of the standard normal CDF, Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16):
 * M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3) (1988) 477–484. Three rational approximations of degree 7/7: one in
 * q = p − ½ for |q| ≤ 0.425, two in r = √(−log min(p, 1−p)) for the tails (r ≤ 5 and r > 5), with a
 * relative accuracy of about 1e-16 over the whole double range (p down to 1e-300, |z| ≈ 37).
 * Wichura's 20-digit coefficients are written in their shortest round-trip form: the same doubles.
 *
 * Pseudo-random and quasi-random uniforms both reach the normal through this one function, so Sobol
 * points and Philox samples are transformed identically, and the transform is monotone (a property
 * inverse-CDF sampling has and Box–Muller or the ziggurat lack), which keeps common-random-number
 * couplings and QMC's low discrepancy intact.
 */
import * as dmath from '../ad/kernels/scalar-math.js';

/**
 * Φ⁻¹(p), the standard normal quantile. Returns −∞ at 0, +∞ at 1 and NaN outside [0, 1] or for NaN.
 * For p > ½ the upper tail is computed from 1 − p, exact in double precision; to reach the upper tail
 * beyond z ≈ 8.3, pass the complement and negate: Φ⁻¹(1 − q) = −Φ⁻¹(q).
 *
 * @param p - a probability
 * @returns z with Φ(z) = p
 *
 * @example
 * ```ts
 * normalQuantile(0.975);   // 1.9599639845400536
 * normalQuantile(1e-300);  // -37.0470962993612
 * normalQuantile(0);       // -Infinity
 * normalQuantile(2);       // NaN
 * ```
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (q >= -0.425 && q <= 0.425) return normalQuantileCentral(q);
  if (!(p >= 0 && p <= 1)) return NaN;        // also catches NaN
  const s = q < 0 ? p : 1 - p;                 // 1 − p is exact for p ≥ ½ (Sterbenz)
  if (s === 0) return q < 0 ? -Infinity : Infinity;
  return normalQuantileTail(dmath.log(s), q < 0);
}

/**
 * The tails of AS 241 from log s, where s = min(p, 1 − p) > 0 and `lower` is p < ½: Φ⁻¹(p) for
 * |p − ½| > 0.425. Exported so that the batched normal kernel (normal.ts) can take log s from the
 * elementwise log kernel, which gives the bits of the scalar log used here.
 *
 * @example
 * ```ts
 * normalQuantileTail(Math.log(0.025), false);   // ≈ 1.95996, as normalQuantile(0.975)
 * ```
 */
export function normalQuantileTail(logS: number, lower: boolean): number {
  let r = Math.sqrt(-logS);
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r
      + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r
      + 4.630337846156546) * r + 1.4234371107496835)
      / (((((((1.0507500716444169e-09 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r
        + 0.14810397642748008) * r + 0.6897673349851) * r + 1.6763848301838038) * r
        + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    z = (((((((2.0103343992922881e-07 * r + 2.7115555687434876e-05) * r + 0.0012426609473880784) * r
      + 0.026532189526576124) * r + 0.29656057182850487) * r + 1.7848265399172913) * r
      + 5.463784911164114) * r + 6.657904643501103)
      / (((((((2.0442631033899397e-15 * r + 1.421511758316446e-07) * r + 1.8463183175100548e-05) * r
        + 0.0007868691311456133) * r + 0.014875361290850615) * r + 0.1369298809227358) * r
        + 0.599832206555888) * r + 1);
  }
  return lower ? -z : z;
}

/**
 * The central rational function of AS 241 in q = p − ½, valid for |q| ≤ 0.425 (0.075 ≤ p ≤ 0.925).
 * Exported so that the batched normal kernel (normal.ts) evaluates exactly the same expression.
 *
 * @example
 * ```ts
 * normalQuantileCentral(0.25);   // 0.6744897501960817, as normalQuantile(0.75)
 * ```
 */
export function normalQuantileCentral(q: number): number {
  const r = 0.180625 - q * q;
  return (q * (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r
      + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) * r
      + 133.14166789178438) * r + 3.3871328727963665))
      / (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r
        + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) * r
        + 42.31333070160091) * r + 1);
}
