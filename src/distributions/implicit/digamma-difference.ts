/**
 * ψ(x + h) − ψ(x) without cancellation. The Beta gradients need ψ(a + b) − ψ(a); subtracting two digamma
 * values loses about log10(x/h) digits when h ≪ x (e.g. a = 1000, b = 0.01), so the difference is
 * formed analytically instead.
 */

import digamma from '@stdlib/math-base-special-digamma';
import expm1 from '@stdlib/math-base-special-expm1';
import log1p from '@stdlib/math-base-special-log1p';

/** B_{2k}/(2k), k = 1 … 7: coefficients of the asymptotic series ψ(y) ~ log y − 1/(2y) − Σ c_k y^{−2k}. */
const C = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12];
/** Below this argument the asymptotic series is not used directly: the recurrence shifts x up to it. */
const ASYMPTOTIC_FROM = 10;

/**
 * ψ(x + h) − ψ(x) for x > 0, h ≥ 0, accurate to a few ulps of the result.
 *
 * When h ≥ x the two digamma values differ by at least ~log 2 or 1/x and are simply subtracted. Otherwise
 * x is shifted above 10 by ψ(y + 1) = ψ(y) + 1/y, which contributes Σ h/((x+k)(x+h+k)), and the
 * asymptotic series is differenced term by term: log1p(h/x) + h/(2x(x+h)) − Σ c_k x^{−2k} expm1(−2k·log1p(h/x)).
 *
 * @example
 * ```ts
 * digammaDifference(1000, 0.01);  // 1.0004951616975166e-5 (direct subtraction keeps ~11 digits)
 * digammaDifference(1, 1);        // 1  (= ψ(2) − ψ(1))
 * digammaDifference(2, 0);        // 0
 * ```
 */
export function digammaDifference(x: number, h: number): number {
  if (Number.isNaN(x) || Number.isNaN(h)) return Number.NaN;
  if (h === 0) return 0;
  if (h >= x) return digamma(x + h) - digamma(x);
  let shift = 0;
  while (x < ASYMPTOTIC_FROM) {
    shift += h / (x * (x + h));
    x += 1;
  }
  const lr = log1p(h / x);
  let series = 0;
  let inv2k = 1; // x^{−2k}
  const invX2 = 1 / (x * x);
  for (let k = 1; k <= C.length; k++) {
    inv2k *= invX2;
    series += C[k - 1]! * inv2k * expm1(-2 * k * lr);
  }
  return shift + lr + h / (2 * x * (x + h)) - series;
}
