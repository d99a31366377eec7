/**
 * Digital (binary) options under Black–Scholes with dividend yield (Reiner & Rubinstein 1991,
 * "Unscrambling the binary code", Risk 4(9)):
 *
 * - cash-or-nothing pays a fixed amount A if the option ends in the money: V = A e^{−rT} Φ(ωd₂);
 * - asset-or-nothing pays the asset itself:                                  V = S e^{−qT} Φ(ωd₁);
 *
 * with d₁, d₂ as in Black–Scholes and ω = +1 (call: S_T > K) or −1 (put: S_T < K). Their payoffs are
 * discontinuous at K, which is exactly where the pathwise estimator fails; these closed forms are the
 * truth the likelihood-ratio and smoothed estimators are tested against.
 */

import { normCdf, normPdf } from './normal.js';
import {
  kindSign,
  requireOneOf,
  requirePositive,
  validateVanilla,
  type Greeks,
  type VanillaOption,
} from './option-types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/** A digital option: `payoff: 'cash'` pays `cash` (default 1), `payoff: 'asset'` pays one unit of the asset. */
export interface DigitalOption extends VanillaOption {
  readonly payoff: 'cash' | 'asset';
  /** Amount paid by a cash-or-nothing option (> 0, default 1); ignored for asset-or-nothing. */
  readonly cash?: number;
}

function validateDigital(fn: string, option: DigitalOption): number {
  validateVanilla(fn, option);
  requireOneOf(fn, 'payoff', option.payoff, ['cash', 'asset'] as const);
  return option.cash === undefined ? 1 : requirePositive(fn, 'cash', option.cash);
}

/**
 * Present value of a cash-or-nothing or asset-or-nothing call or put.
 *
 * At maturity 0 the price is the payoff, with the T → 0⁺ limit (half the payment) at S = K.
 *
 * @param option - a {@link VanillaOption} plus `payoff` and, for cash-or-nothing, `cash`
 * @returns the price V
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field
 * @example
 * ```ts
 * // Haug's cash-or-nothing put: S = 100, K = 80, T = 0.75, r = q = 6 %, σ = 35 %, cash 10
 * digitalPrice({ spot: 100, strike: 80, rate: 0.06, dividend: 0.06, vol: 0.35, maturity: 0.75, kind: 'put', payoff: 'cash', cash: 10 }); // ≈ 2.6710
 * // asset-or-nothing call + cash-or-nothing call with cash −K is the vanilla call
 * digitalPrice({ spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call', payoff: 'asset' }); // ≈ 63.6831
 * ```
 */
export function digitalPrice(option: DigitalOption): number {
  return digitalKernel(option, 'digitalPrice').price;
}

/**
 * Price and Greeks (conventions in {@link Greeks}) of a digital option. For cash-or-nothing,
 * with D = A e^{−rT}:
 *
 * - delta = ω D φ(d₂)/(Sσ√T),  gamma = −ω D φ(d₂) d₁/(S²σ²T),  vega = −ω D φ(d₂) d₁/σ,
 * - rho = −T V + ω D φ(d₂)√T/σ,  theta = rV − ω D φ(d₂)·∂d₂/∂T with ∂d₂/∂T = b/(σ√T) − d₁/(2T);
 *
 * and for asset-or-nothing, with D = S e^{−qT}:
 *
 * - delta = e^{−qT}(Φ(ωd₁) + ω φ(d₁)/(σ√T)),  gamma = −ω e^{−qT} φ(d₁) d₂/(Sσ²T),  vega = −ω D φ(d₁) d₂/σ,
 * - rho = ω D φ(d₁)√T/σ,  theta = qV − ω D φ(d₁)·∂d₁/∂T with ∂d₁/∂T = b/(σ√T) − d₂/(2T);
 *
 * where b = r − q. At maturity 0 the Greeks are their T → 0⁺ limits away from the strike; at S = K
 * exactly they do not exist and are NaN.
 *
 * @param option - a {@link VanillaOption} plus `payoff` and, for cash-or-nothing, `cash`
 * @returns `{ price, delta, gamma, vega, rho, theta }`
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field
 * @example
 * ```ts
 * const g = digitalGreeks({ spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call', payoff: 'cash' });
 * g.price; // ≈ 0.5323248154537634
 * g.delta; // ≈ 0.018762017345846895
 * ```
 */
export function digitalGreeks(option: DigitalOption): Greeks {
  return digitalKernel(option, 'digitalGreeks');
}

function digitalKernel(option: DigitalOption, fn: string): Greeks {
  const cash = validateDigital(fn, option);
  const { spot: s, strike: k, rate: r, dividend: q, vol, maturity: t } = option;
  const w = kindSign(option.kind);
  const isCash = option.payoff === 'cash';
  if (t === 0) return digitalAtExpiry(s, k, r, q, w, isCash ? cash : 0);

  const sqrtT = Math.sqrt(t);
  const sd = vol * sqrtT;
  const b = r - q;
  const d1 = (dmath.log(s / k) + (b + 0.5 * vol * vol) * t) / sd;
  const d2 = d1 - sd;
  if (isCash) {
    const disc = cash * dmath.exp(-r * t);
    const price = disc * normCdf(w * d2);
    const dens = w * disc * normPdf(d2); // ∂V/∂d₂
    return {
      price,
      delta: dens / (s * sd),
      gamma: (-dens * d1) / (s * s * sd * sd),
      vega: (-dens * d1) / vol,
      rho: -t * price + (dens * sqrtT) / vol,
      theta: r * price - dens * (b / sd - d1 / (2 * t)),
    };
  }
  const fwd = s * dmath.exp(-q * t);
  const price = fwd * normCdf(w * d1);
  const dens = w * fwd * normPdf(d1); // ∂V/∂d₁ at fixed prefactor
  return {
    price,
    delta: price / s + dens / (s * sd),
    gamma: (-dens * d2) / (s * s * sd * sd),
    vega: (-dens * d2) / vol,
    rho: (dens * sqrtT) / vol,
    theta: q * price - dens * (b / sd - d2 / (2 * t)),
  };
}

/** T → 0⁺ limits; `cash` is 0 for asset-or-nothing. */
function digitalAtExpiry(s: number, k: number, r: number, q: number, w: 1 | -1, cash: number): Greeks {
  const isCash = cash > 0;
  if (s === k) {
    const price = 0.5 * (isCash ? cash : s);
    return { price, delta: NaN, gamma: NaN, vega: NaN, rho: NaN, theta: NaN };
  }
  const inTheMoney = w * (s - k) > 0;
  if (!inTheMoney) return { price: 0, delta: 0, gamma: 0, vega: 0, rho: 0, theta: 0 };
  return isCash
    ? { price: cash, delta: 0, gamma: 0, vega: 0, rho: 0, theta: r * cash }
    : { price: s, delta: 1, gamma: 0, vega: 0, rho: 0, theta: q * s };
}
