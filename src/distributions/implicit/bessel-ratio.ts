/**
 * A(κ) = I₁(κ)/I₀(κ), the mean resultant length of vonMises(μ, κ), together with 1 − A(κ) computed
 * without cancellation (for large κ, A → 1 and 1 − A ≈ 1/(2κ) is what the von Mises gradient needs).
 *
 * Small κ (< 20): the power series I_ν(κ) = Σ (κ/2)^{2k+ν}/(k!(k+ν)!), all terms positive.
 * Large κ: the Hankel asymptotic series e^{−κ}√(2πκ) I_ν(κ) ~ Σ_k c_k(ν) κ^{−k},
 * c_k(ν) = Π_{j≤k} ((2j−1)² − 4ν²) / (k! 8^k) (Abramowitz & Stegun 9.7.1), summed until its terms stop
 * decreasing; at κ ≥ 20 the smallest term is below e^{−2κ} < 1e−17. 1 − A is the series of the difference
 * c_k(0) − c_k(1) term by term, whose k = 0 terms cancel exactly.
 */

const SERIES_BELOW = 20;

/**
 * Writes [A(κ), 1 − A(κ)] into `out` (length ≥ 2) and returns it. κ ≥ 0; NaN for NaN or negative κ.
 *
 * @example
 * ```ts
 * besselRatio(1, new Float64Array(2));    // [0.4463899658965…, 0.5536100341034…]
 * besselRatio(1000, new Float64Array(2)); // [0.9994998748748043, 5.001251251957199e-4]
 * besselRatio(0, new Float64Array(2));    // [0, 1]
 * ```
 */
export function besselRatio(kappa: number, out: Float64Array): Float64Array {
  if (!(kappa >= 0)) {
    out[0] = Number.NaN;
    out[1] = Number.NaN;
  } else if (kappa === Number.POSITIVE_INFINITY) {
    out[0] = 1;
    out[1] = 0;
  } else if (kappa < SERIES_BELOW) {
    const x = (kappa * kappa) / 4;
    let term0 = 1; // (κ²/4)^k / (k!)²
    let i0 = 1;
    let i1 = 1; // I₁ / (κ/2): Σ (κ²/4)^k / (k!(k+1)!)
    for (let k = 1; k < 200; k++) {
      term0 *= x / (k * k);
      i0 += term0;
      const term1 = term0 / (k + 1);
      i1 += term1;
      if (term0 <= 1e-17 * i0) break;
    }
    const ratio = ((kappa / 2) * i1) / i0;
    out[0] = ratio;
    out[1] = 1 - ratio; // A ≤ 0.975 here, so at most 1.6 digits are lost
  } else {
    let c0 = 1;
    let c1 = 1;
    let s0 = 1;
    let s1 = 1;
    let diff = 0;
    let prev = Number.POSITIVE_INFINITY;
    for (let k = 1; k < 200; k++) {
      const odd = (2 * k - 1) * (2 * k - 1);
      const scale = 1 / (8 * k * kappa);
      c0 *= odd * scale;
      c1 *= (odd - 4) * scale;
      const size = Math.abs(c0) + Math.abs(c1);
      if (size >= prev) break; // the asymptotic series has started to diverge
      s0 += c0;
      s1 += c1;
      diff += c0 - c1;
      prev = size;
      if (size <= 1e-18) break;
    }
    out[0] = s1 / s0;
    out[1] = diff / s0;
  }
  return out;
}
