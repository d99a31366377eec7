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

import { add, div, exp, log, mul, neg, normCdf, sqrt, square, sub } from '../../ad/index.js';
import { scalar } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import { blackScholesPrice } from './black-scholes.js';
import { BGK_BETA, discreteBarrierShift } from './discrete-barrier.js';
import {
  kindSign,
  requireNonNegative,
  requireOneOf,
  requirePositive,
  validateVanilla,
  type VanillaOption,
} from './option-types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

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
  if (option.monitoringInterval !== undefined) requirePositive(fn, 'monitoringInterval', option.monitoringInterval);

  const { spot: s, maturity: t } = option;
  const eta = direction === 'down' ? 1 : -1;
  const breached = eta * (s - h0) <= 0;
  if (breached) return knock === 'out' ? rebate : blackScholesPrice(option);
  if (t === 0) return knock === 'out' ? Math.max(kindSign(option.kind) * (s - option.strike), 0) : rebate;
  const x = { spot: scalar(s), vol: scalar(option.vol), rate: scalar(option.rate), maturity: scalar(t) };
  return barrierValue({ ...option, direction, knock, rebate }, x).item();
}

/** The differentiable inputs of {@link barrierValue}: scalar tensors (tracers under jvp). */
export interface BarrierInputs {
  readonly spot: Tensor;
  readonly vol: Tensor;
  readonly rate: Tensor;
  readonly maturity: Tensor;
}

/**
 * The Reiner–Rubinstein value (see {@link barrierPrice}) written with the engine's ops, so forward mode gives
 * its exact derivatives in spot, vol, rate and maturity (the Greeks of {@link barrierGreeks}). The option
 * record supplies strike, dividend, barrier, type, rebate and monitoring interval (held fixed); it must be
 * valid, with the spot strictly on the alive side of the barrier and maturity > 0.
 *
 * @example
 * ```ts
 * const o = { spot: 100, strike: 90, rate: 0.08, dividend: 0.04, vol: 0.25, maturity: 0.5, kind: 'call' as const,
 *   barrier: 95, direction: 'down' as const, knock: 'out' as const, rebate: 3 };
 * barrierValue(o, { spot: scalar(100), vol: scalar(0.25), rate: scalar(0.08), maturity: scalar(0.5) }).item(); // ≈ 9.0246
 * ```
 */
export function barrierValue(option: BarrierOption, x: BarrierInputs): Tensor {
  const { strike: k, dividend: q, direction, knock } = option;
  const rebate = option.rebate ?? 0;
  const eta = direction === 'down' ? 1 : -1;
  const phi = kindSign(option.kind);
  const { spot: s, vol, rate: r, maturity: t } = x;
  // the BGK shift e^{±βσ√Δt} moves the barrier away from the spot; it depends on σ (Δt is fixed)
  const lnH = option.monitoringInterval === undefined
    ? scalar(dmath.log(option.barrier))
    : add(mul(vol, -eta * BGK_BETA * Math.sqrt(option.monitoringInterval)), dmath.log(option.barrier));
  const lnS = log(s);
  const variance = square(vol);
  const sd = mul(vol, sqrt(t));
  const mu = div(sub(sub(r, q), mul(variance, 0.5)), variance);
  const onePlusMuSd = mul(add(mu, 1), sd);
  const dq = mul(s, exp(mul(t, -q)));
  const dr = mul(exp(neg(mul(r, t))), k);
  const lnHS = sub(lnH, lnS);   // ln(H/S)
  const pow2mu = exp(mul(mul(mu, 2), lnHS));
  const pow2mu2 = mul(pow2mu, exp(mul(lnHS, 2)));
  const lnK = dmath.log(k);
  const x1 = add(div(sub(lnS, lnK), sd), onePlusMuSd);
  const x2 = add(div(neg(lnHS), sd), onePlusMuSd);
  const y1 = add(div(sub(add(lnHS, lnH), lnK), sd), onePlusMuSd);
  const y2 = add(div(lnHS, sd), onePlusMuSd);
  const cdf = (sign: number, v: Tensor): Tensor => normCdf(mul(v, sign));
  // φ[S e^{−qT}·wS·Φ(ς·d) − K e^{−rT}·wK·Φ(ς·(d − s))]: A, B with weights 1 and ς = φ; C, D with the reflection weights and ς = η
  const leg = (d: Tensor, sign: number, wS: Tensor | null, wK: Tensor | null): Tensor => {
    const first = mul(wS === null ? dq : mul(dq, wS), cdf(sign, d));
    const second = mul(wK === null ? dr : mul(dr, wK), cdf(sign, sub(d, sd)));
    return mul(sub(first, second), phi);
  };
  const A = (): Tensor => leg(x1, phi, null, null);
  const B = (): Tensor => leg(x2, phi, null, null);
  const C = (): Tensor => leg(y1, eta, pow2mu2, pow2mu);
  const D = (): Tensor => leg(y2, eta, pow2mu2, pow2mu);
  const shifted = option.monitoringInterval === undefined
    ? option.barrier
    : discreteBarrierShift(option.barrier, option.vol, option.monitoringInterval, direction);
  let value = combine(knock, direction, phi, k > shifted, A, B, C, D);
  if (rebate > 0 && knock === 'in') {
    const hit = sub(cdf(eta, sub(x2, sd)), mul(pow2mu, cdf(eta, sub(y2, sd))));
    value = add(value, mul(mul(exp(neg(mul(r, t))), hit), rebate));
  } else if (rebate > 0) {
    const lambda = sqrt(add(square(mu), div(mul(r, 2), variance)));
    const z = add(div(lnHS, sd), mul(lambda, sd));
    const up = mul(exp(mul(add(mu, lambda), lnHS)), cdf(eta, z));
    const down = mul(exp(mul(sub(mu, lambda), lnHS)), cdf(eta, sub(z, mul(mul(lambda, sd), 2))));
    value = add(value, mul(add(up, down), rebate));
  }
  return value;
}

/** Haug's table: which of A–D make up each of the eight types, by whether K is above H. */
function combine(
  knock: 'in' | 'out',
  direction: 'up' | 'down',
  phi: 1 | -1,
  strikeAbove: boolean,
  a: () => Tensor,
  b: () => Tensor,
  c: () => Tensor,
  d: () => Tensor,
): Tensor {
  const call = phi === 1;
  const sum = (...terms: [1 | -1, () => Tensor][]): Tensor =>
    terms.reduce<Tensor | null>((acc, [sign, f]) => {
      const v = f();
      if (acc === null) return sign === 1 ? v : neg(v);
      return sign === 1 ? add(acc, v) : sub(acc, v);
    }, null)!;
  if (knock === 'in') {
    if (direction === 'down') {
      if (call) return strikeAbove ? c() : sum([1, a], [-1, b], [1, d]);
      return strikeAbove ? sum([1, b], [-1, c], [1, d]) : a();
    }
    if (call) return strikeAbove ? a() : sum([1, b], [-1, c], [1, d]);
    return strikeAbove ? sum([1, a], [-1, b], [1, d]) : c();
  }
  if (direction === 'down') {
    if (call) return strikeAbove ? sum([1, a], [-1, c]) : sum([1, b], [-1, d]);
    return strikeAbove ? sum([1, a], [-1, b], [1, c], [-1, d]) : scalar(0);
  }
  if (call) return strikeAbove ? scalar(0) : sum([1, a], [-1, b], [1, c], [-1, d]);
  return strikeAbove ? sum([1, b], [-1, d]) : sum([1, a], [-1, c]);
}
