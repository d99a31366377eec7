/** Log-density of the Gamma distribution, the helper the implicit Gamma gradient's callers need. */

import gammaln from '@stdlib/math-base-special-gammaln';
import * as dmath from '../../ad/kernels/scalar-math.js';

/**
 * log q(z; α, β) for z ~ Gamma(shape α, rate β): α log β + (α − 1) log z − βz − log Γ(α).
 * Kernel semantics: NaN for NaN input or α ≤ 0, β ≤ 0; −Infinity for z < 0. At z = 0 the density is
 * +Infinity (α < 1), 1·β (α = 1) or 0 (α > 1), and the log follows.
 *
 * @example
 * ```ts
 * gammaLogProb(1, 1);        // -1                  (Exponential(1) at 1)
 * gammaLogProb(2, 3, 0.5);   // -2.3862943611198904 = log(0.5³·2²·e^(−1)/Γ(3))
 * gammaLogProb(0, 0.5);      // Infinity
 * gammaLogProb(-1, 2);       // -Infinity
 * gammaLogProb(1, -1);       // NaN
 * ```
 */
export function gammaLogProb(z: number, alpha: number, rate = 1): number {
  if (Number.isNaN(z) || !(alpha > 0) || !(rate > 0)) return Number.NaN;
  if (z < 0) return Number.NEGATIVE_INFINITY;
  if (z === 0) {
    if (alpha < 1) return Number.POSITIVE_INFINITY;
    return alpha === 1 ? dmath.log(rate) : Number.NEGATIVE_INFINITY;
  }
  // (α − 1)·log z is written out so that α = 1 gives exactly 0 even for z = Infinity.
  const powerTerm = alpha === 1 ? 0 : (alpha - 1) * dmath.log(z);
  return alpha * dmath.log(rate) + powerTerm - rate * z - gammaln(alpha);
}
