/**
 * Greeks of single-barrier options by Richardson-extrapolated central differences of the closed-form
 * price ({@link barrierPrice}).
 *
 * The analytic derivatives of the Reiner–Rubinstein formula run to dozens of terms per type; differencing
 * the exact price instead is short, covers all eight types with rebates and the BGK shift at once, and —
 * because the price is smooth and known to rounding level — loses almost nothing: with step h the central
 * difference D(h) has error O(h²), and (4D(h/2) − D(h))/3 cancels that term, leaving O(h⁴) ≈ 1e−9 relative
 * for h of 1 % of the input, far below any Monte Carlo standard error these values are compared with.
 */

import { barrierPrice, type BarrierOption } from './barrier.js';
import type { Greeks } from './option-types.js';

type Bumpable = 'spot' | 'vol' | 'rate' | 'maturity';

function firstDerivative(option: BarrierOption, key: Bumpable, h: number): number {
  const x = option[key];
  const d = (step: number): number =>
    (barrierPrice({ ...option, [key]: x + step }) - barrierPrice({ ...option, [key]: x - step })) / (2 * step);
  return (4 * d(h / 2) - d(h)) / 3;
}

function secondSpotDerivative(option: BarrierOption, h: number, price: number): number {
  const s = option.spot;
  const d2 = (step: number): number =>
    (barrierPrice({ ...option, spot: s + step }) - 2 * price + barrierPrice({ ...option, spot: s - step })) / (step * step);
  return (4 * d2(h / 2) - d2(h)) / 3;
}

/**
 * Price and Greeks of a single-barrier option (conventions in {@link Greeks}: delta = ∂V/∂S,
 * gamma = ∂²V/∂S², vega = ∂V/∂σ, rho = ∂V/∂r, theta = −∂V/∂T), by Richardson-extrapolated central
 * differences of {@link barrierPrice}; relative accuracy about 1e−8 away from the barrier.
 *
 * The spot step never reaches the barrier (it is at most a quarter of the distance to it) and the maturity
 * step is at most a quarter of T, so every bumped price lies on the same side of the barrier's kink. With a discretely monitored barrier
 * the shifted barrier moves with σ, and vega includes that effect. If the spot is already through the
 * barrier the option is a vanilla or a constant, and its Greeks are those of that; at maturity 0, or with
 * the spot exactly on the barrier, the derivatives are one-sided limits and NaN is returned for them.
 *
 * @param option - as for {@link barrierPrice}
 * @returns `{ price, delta, gamma, vega, rho, theta }`
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field
 * @example
 * ```ts
 * const g = barrierGreeks({ spot: 100, strike: 100, rate: 0.05, dividend: 0.02, vol: 0.3, maturity: 1,
 *   kind: 'call', barrier: 90, direction: 'down', knock: 'out' });
 * g.price; // ≈ 8.5108 (the vanilla call: 13.0203)
 * g.delta; // ≈ 0.8395: more than the vanilla's 0.5869, since a falling spot also nears the knock-out
 * g.vega;  // ≈ 6.174: small, because more volatility also means more knock-outs
 * ```
 */
export function barrierGreeks(option: BarrierOption): Greeks {
  const price = barrierPrice(option); // validates
  const { spot: s, barrier: h, vol, maturity: t } = option;
  const distance = Math.abs(s - h);
  if (t === 0 || distance === 0) {
    return { price, delta: NaN, gamma: NaN, vega: NaN, rho: NaN, theta: NaN };
  }
  // On either side, a step that crossed the barrier would difference across its kink.
  const hs = Math.min(0.01 * s, 0.25 * distance);
  return {
    price,
    delta: firstDerivative(option, 'spot', hs),
    gamma: secondSpotDerivative(option, hs, price),
    vega: firstDerivative(option, 'vol', 0.01 * vol),
    rho: firstDerivative(option, 'rate', 1e-3),
    theta: -firstDerivative(option, 'maturity', Math.min(1e-2, 0.25 * t)),
  };
}
