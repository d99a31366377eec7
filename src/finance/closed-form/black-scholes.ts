/**
 * Black–Scholes–Merton prices and Greeks of European calls and puts on an asset paying a continuous
 * dividend yield q (Black & Scholes 1973; Merton 1973, "Theory of rational option pricing").
 *
 * With b = r − q, d₁ = (ln(S/K) + (b + σ²/2)T)/(σ√T), d₂ = d₁ − σ√T and ω = +1 (call) or −1 (put):
 *
 *   V = ω·(S e^{−qT} Φ(ωd₁) − K e^{−rT} Φ(ωd₂)).
 *
 * These are the ground truth that Monte Carlo Greeks are tested against, so every Greek is the exact
 * analytic derivative (conventions in {@link Greeks}), not a bump.
 */

import { normCdf, normPdf } from './normal.js';
import { kindSign, validateVanilla, type Greeks, type VanillaOption } from './option-types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/**
 * Present value of a European call or put under Black–Scholes with dividend yield.
 *
 * At maturity 0 the price is the intrinsic value max(ω(S − K), 0).
 *
 * @param option - spot, strike, rate, dividend, vol (> 0), maturity (≥ 0) and kind
 * @returns the price V
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field (spot ≤ 0, vol ≤ 0, maturity < 0, NaN …)
 * @example
 * ```ts
 * // Hull's textbook example: S = 42, K = 40, r = 10 %, σ = 20 %, T = 0.5
 * blackScholesPrice({ spot: 42, strike: 40, rate: 0.1, dividend: 0, vol: 0.2, maturity: 0.5, kind: 'call' }); // ≈ 4.7594
 * blackScholesPrice({ spot: 42, strike: 40, rate: 0.1, dividend: 0, vol: 0.2, maturity: 0.5, kind: 'put' });  // ≈ 0.8086
 * blackScholesPrice({ spot: 42, strike: 40, rate: 0.1, dividend: 0, vol: 0.2, maturity: 0, kind: 'call' });   // 2
 * blackScholesPrice({ spot: -1, strike: 40, rate: 0.1, dividend: 0, vol: 0.2, maturity: 1, kind: 'call' });
 * // throws PathwiseRangeError: blackScholesPrice: spot must be > 0, got -1
 * ```
 */
export function blackScholesPrice(option: VanillaOption): number {
  validateVanilla('blackScholesPrice', option);
  const { spot: s, strike: k, rate: r, dividend: q, vol, maturity: t } = option;
  const w = kindSign(option.kind);
  if (t === 0) return Math.max(w * (s - k), 0);
  const sqrtT = Math.sqrt(t);
  const d1 = (dmath.log(s / k) + (r - q + 0.5 * vol * vol) * t) / (vol * sqrtT);
  const d2 = d1 - vol * sqrtT;
  return w * (s * dmath.exp(-q * t) * normCdf(w * d1) - k * dmath.exp(-r * t) * normCdf(w * d2));
}

/**
 * Price and the five Greeks of a European call or put under Black–Scholes with dividend yield:
 *
 * - delta = ∂V/∂S = ω e^{−qT} Φ(ωd₁)
 * - gamma = ∂²V/∂S² = e^{−qT} φ(d₁)/(Sσ√T)
 * - vega  = ∂V/∂σ = S e^{−qT} φ(d₁) √T
 * - rho   = ∂V/∂r = ω K T e^{−rT} Φ(ωd₂)
 * - theta = −∂V/∂T = −S e^{−qT} φ(d₁) σ/(2√T) − ω r K e^{−rT} Φ(ωd₂) + ω q S e^{−qT} Φ(ωd₁)
 *
 * Theta is the derivative with respect to calendar time (time passing shortens T), per year.
 * At maturity 0 the Greeks are their limits as T → 0⁺: away from the strike delta is 0 or ω and
 * gamma, vega and rho are 0; at S = K exactly, delta is ω/2 and gamma is +∞, theta −∞.
 *
 * @param option - spot, strike, rate, dividend, vol (> 0), maturity (≥ 0) and kind
 * @returns `{ price, delta, gamma, vega, rho, theta }`
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field
 * @example
 * ```ts
 * const g = blackScholesGreeks({ spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call' });
 * g.price; // ≈ 10.450583572185565
 * g.delta; // ≈ 0.6368306511756191
 * g.vega;  // ≈ 37.52403469169379
 * g.theta; // ≈ -6.414027546438197 (per year)
 * ```
 */
export function blackScholesGreeks(option: VanillaOption): Greeks {
  validateVanilla('blackScholesGreeks', option);
  const { spot: s, strike: k, rate: r, dividend: q, vol, maturity: t } = option;
  const w = kindSign(option.kind);
  if (t === 0) return greeksAtExpiry(s, k, r, q, w);

  const sqrtT = Math.sqrt(t);
  const sd = vol * sqrtT;
  const d1 = (dmath.log(s / k) + (r - q + 0.5 * vol * vol) * t) / sd;
  const d2 = d1 - sd;
  const dq = dmath.exp(-q * t);
  const dr = dmath.exp(-r * t);
  const n1 = normCdf(w * d1);
  const n2 = normCdf(w * d2);
  const pdf1 = normPdf(d1);
  return {
    price: w * (s * dq * n1 - k * dr * n2),
    delta: w * dq * n1,
    gamma: (dq * pdf1) / (s * sd),
    vega: s * dq * pdf1 * sqrtT,
    rho: w * k * t * dr * n2,
    theta: (-s * dq * pdf1 * vol) / (2 * sqrtT) - w * r * k * dr * n2 + w * q * s * dq * n1,
  };
}

/** The T → 0⁺ limits of the Greeks (see {@link blackScholesGreeks}). */
function greeksAtExpiry(s: number, k: number, r: number, q: number, w: 1 | -1): Greeks {
  if (s === k) {
    return { price: 0, delta: 0.5 * w, gamma: Infinity, vega: 0, rho: 0, theta: -Infinity };
  }
  const inTheMoney = w * (s - k) > 0;
  return {
    price: inTheMoney ? w * (s - k) : 0,
    delta: inTheMoney ? w : 0,
    gamma: 0,
    vega: 0,
    rho: 0,
    theta: inTheMoney ? w * (q * s - r * k) : 0,
  };
}
