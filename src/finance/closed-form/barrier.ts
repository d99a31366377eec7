/**
 * Single-barrier European options under Black–Scholes with dividend yield: the eight
 * up/down × in/out × call/put types with a cash rebate, by the formulas of Reiner & Rubinstein
 * (1991, "Breaking down the barriers", Risk 4(8)) in the A–F form of Haug (2007, "The Complete Guide to
 * Option Pricing Formulas", §4.17.1), with the Broadie–Glasserman–Kou shift for discrete monitoring.
 *
 * Rebate convention (Haug's): a knock-out pays the rebate at the moment the barrier is hit; a knock-in
 * that never knocks in pays the rebate at maturity. The barrier is monitored continuously unless
 * `monitoringInterval` is given.
 */

import { blackScholesPrice } from './black-scholes.js';
import { discreteBarrierShift } from './discrete-barrier.js';
import { normCdf } from './normal.js';
import {
  kindSign,
  requireNonNegative,
  requireOneOf,
  requirePositive,
  validateVanilla,
  type VanillaOption,
} from './option-types.js';

/** A single-barrier option: `direction` says where the barrier is relative to the spot, `knock` what hitting it does. */
export interface BarrierOption extends VanillaOption {
  /** Barrier level H > 0. */
  readonly barrier: number;
  /** 'down': H below the spot; 'up': H above. */
  readonly direction: 'up' | 'down';
  /** 'out': the option dies when H is hit; 'in': it comes alive when H is hit. */
  readonly knock: 'in' | 'out';
  /** Cash rebate R ≥ 0 (default 0): paid at the hit for knock-outs, at maturity for knock-ins never knocked in. */
  readonly rebate?: number;
  /**
   * Time Δt > 0 between barrier observations, for a discretely monitored barrier: the continuous formula
   * is applied to the barrier shifted away from the spot by e^{βσ√Δt} (see {@link discreteBarrierShift}).
   */
  readonly monitoringInterval?: number;
}

/**
 * Present value of a single-barrier call or put with rebate (Reiner–Rubinstein).
 *
 * With b = r − q, μ = (b − σ²/2)/σ², λ = √(μ² + 2r/σ²), s = σ√T, φ = ±1 (call/put) and η = ±1 (down/up):
 *
 *   A = φS e^{−qT} Φ(φx₁) − φK e^{−rT} Φ(φx₁ − φs),  x₁ = ln(S/K)/s + (1+μ)s
 *   B = the same with x₂ = ln(S/H)/s + (1+μ)s
 *   C = φS e^{−qT}(H/S)^{2(μ+1)} Φ(ηy₁) − φK e^{−rT}(H/S)^{2μ} Φ(ηy₁ − ηs),  y₁ = ln(H²/(SK))/s + (1+μ)s
 *   D = the same with y₂ = ln(H/S)/s + (1+μ)s
 *   E = R e^{−rT}[Φ(ηx₂ − ηs) − (H/S)^{2μ} Φ(ηy₂ − ηs)]                  (rebate of a knock-in, at maturity)
 *   F = R[(H/S)^{μ+λ} Φ(ηz) + (H/S)^{μ−λ} Φ(ηz − 2ηλs)],  z = ln(H/S)/s + λs  (rebate of a knock-out, at the hit)
 *
 * combined per type as in Haug's table (e.g. down-and-out call with K < H: B − D + F). If the spot is already
 * at or through the barrier, a knock-out is worth its rebate and a knock-in is the vanilla option; at maturity 0
 * the price is the payoff. If r < 0 is so negative that μ² + 2r/σ² < 0, the knock-out rebate term is NaN.
 *
 * @param option - a {@link VanillaOption} plus barrier, direction, knock, optional rebate and monitoringInterval
 * @returns the price V
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field
 * @example
 * ```ts
 * // Haug's table: S = 100, r = 8 %, q = 4 %, T = 0.5, σ = 25 %, rebate 3
 * barrierPrice({ spot: 100, strike: 90, rate: 0.08, dividend: 0.04, vol: 0.25, maturity: 0.5, kind: 'call',
 *   barrier: 95, direction: 'down', knock: 'out', rebate: 3 }); // ≈ 9.0246
 * // daily monitoring (Δt = 1/252) by the Broadie–Glasserman–Kou shift
 * barrierPrice({ spot: 100, strike: 90, rate: 0.08, dividend: 0.04, vol: 0.25, maturity: 0.5, kind: 'call',
 *   barrier: 95, direction: 'down', knock: 'out', monitoringInterval: 1 / 252 }); // ≈ 7.6522 (no rebate)
 * ```
 */
export function barrierPrice(option: BarrierOption): number {
  const fn = 'barrierPrice';
  validateVanilla(fn, option);
  const h0 = requirePositive(fn, 'barrier', option.barrier);
  const direction = requireOneOf(fn, 'direction', option.direction, ['up', 'down'] as const);
  const knock = requireOneOf(fn, 'knock', option.knock, ['in', 'out'] as const);
  const rebate = option.rebate === undefined ? 0 : requireNonNegative(fn, 'rebate', option.rebate);
  const h =
    option.monitoringInterval === undefined
      ? h0
      : discreteBarrierShift(h0, option.vol, requirePositive(fn, 'monitoringInterval', option.monitoringInterval), direction);

  const { spot: s, strike: k, rate: r, dividend: q, vol, maturity: t } = option;
  const eta = direction === 'down' ? 1 : -1;
  const breached = eta * (s - h0) <= 0;
  if (breached) return knock === 'out' ? rebate : blackScholesPrice(option);
  if (t === 0) return knock === 'out' ? Math.max(kindSign(option.kind) * (s - k), 0) : rebate;

  const phi = kindSign(option.kind);
  const sd = vol * Math.sqrt(t);
  const mu = (r - q - 0.5 * vol * vol) / (vol * vol);
  const dq = s * Math.exp(-q * t);
  const dr = k * Math.exp(-r * t);
  const hs = h / s;
  const pow2mu = Math.pow(hs, 2 * mu);
  const pow2mu2 = pow2mu * hs * hs; // (H/S)^{2(μ+1)}
  const x1 = Math.log(s / k) / sd + (1 + mu) * sd;
  const x2 = Math.log(s / h) / sd + (1 + mu) * sd;
  const y1 = Math.log((h * h) / (s * k)) / sd + (1 + mu) * sd;
  const y2 = Math.log(h / s) / sd + (1 + mu) * sd;

  const a = phi * dq * normCdf(phi * x1) - phi * dr * normCdf(phi * (x1 - sd));
  const b = phi * dq * normCdf(phi * x2) - phi * dr * normCdf(phi * (x2 - sd));
  const c = phi * dq * pow2mu2 * normCdf(eta * y1) - phi * dr * pow2mu * normCdf(eta * (y1 - sd));
  const d = phi * dq * pow2mu2 * normCdf(eta * y2) - phi * dr * pow2mu * normCdf(eta * (y2 - sd));

  let rebateValue = 0;
  if (rebate > 0 && knock === 'in') {
    rebateValue = rebate * Math.exp(-r * t) * (normCdf(eta * (x2 - sd)) - pow2mu * normCdf(eta * (y2 - sd)));
  } else if (rebate > 0) {
    const lambda = Math.sqrt(mu * mu + (2 * r) / (vol * vol));
    const z = Math.log(h / s) / sd + lambda * sd;
    rebateValue =
      rebate * (Math.pow(hs, mu + lambda) * normCdf(eta * z) + Math.pow(hs, mu - lambda) * normCdf(eta * (z - 2 * lambda * sd)));
  }
  return combine(knock, direction, phi, k > h, a, b, c, d) + rebateValue;
}

/** Haug's table: which of A–D make up each of the eight types, by whether K is above H. */
function combine(
  knock: 'in' | 'out',
  direction: 'up' | 'down',
  phi: 1 | -1,
  strikeAbove: boolean,
  a: number,
  b: number,
  c: number,
  d: number,
): number {
  const call = phi === 1;
  if (knock === 'in') {
    if (direction === 'down') {
      if (call) return strikeAbove ? c : a - b + d;
      return strikeAbove ? b - c + d : a;
    }
    if (call) return strikeAbove ? a : b - c + d;
    return strikeAbove ? a - b + d : c;
  }
  if (direction === 'down') {
    if (call) return strikeAbove ? a - c : b - d;
    return strikeAbove ? a - b + c - d : 0;
  }
  if (call) return strikeAbove ? 0 : a - b + c - d;
  return strikeAbove ? b - d : a - c;
}
