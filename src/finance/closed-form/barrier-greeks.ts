/**
 * Greeks of single-barrier options, exact: forward-mode automatic differentiation through the
 * Reiner–Rubinstein closed form ({@link barrierValue}, written with the engine's ops). Differencing the price
 * instead would need a step that never reaches the barrier, and near it that step is so small against the
 * price's curvature scale that the error was visible (2e−5 in a delta); derivatives carried through the
 * formula have no step and are accurate to rounding.
 */

import { jvp, jvpMany } from '../../ad/index.js';
import { scalar } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import { barrierPrice, barrierValue, type BarrierInputs, type BarrierOption } from './barrier.js';
import { blackScholesGreeks } from './black-scholes.js';
import type { Greeks } from './option-types.js';

/**
 * Price and Greeks of a single-barrier option (conventions in {@link Greeks}: delta = ∂V/∂S,
 * gamma = ∂²V/∂S², vega = ∂V/∂σ, rho = ∂V/∂r, theta = −∂V/∂T), by forward-mode differentiation of the
 * closed form; relative accuracy near rounding level.
 *
 * With a discretely monitored barrier the shifted barrier H·e^{±βσ√Δt} moves with σ, and vega includes that
 * effect; theta holds the monitoring interval Δt (the dates stay where they are in calendar time). If the
 * spot is already through the barrier the option is a vanilla or a constant, and its Greeks are those of
 * that; at maturity 0, or with the spot exactly on the barrier, the derivatives are one-sided limits and NaN
 * is returned for them.
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
  const { spot: s, barrier: h, maturity: t, direction } = option;
  const eta = direction === 'down' ? 1 : -1;
  if (eta * (s - h) < 0) {
    // already knocked: a knock-out is its rebate (a constant), a knock-in the vanilla
    return option.knock === 'out'
      ? { price, delta: 0, gamma: 0, vega: 0, rho: 0, theta: 0 }
      : blackScholesGreeks(option);
  }
  if (t === 0 || s === h) return { price, delta: NaN, gamma: NaN, vega: NaN, rho: NaN, theta: NaN };

  const x: BarrierInputs = { spot: scalar(s), vol: scalar(option.vol), rate: scalar(option.rate), maturity: scalar(t) };
  const f = (v: BarrierInputs): Tensor => barrierValue(option, v);
  const zero = scalar(0), one = scalar(1);
  const lane = (k: keyof BarrierInputs): BarrierInputs => ({ spot: zero, vol: zero, rate: zero, maturity: zero, [k]: one });
  const [, [dS, dSigma, dR, dT]] = jvpMany(f, x, [lane('spot'), lane('vol'), lane('rate'), lane('maturity')]);
  const deltaAt = (spot: Tensor): Tensor => jvp((u: Tensor) => f({ ...x, spot: u }), spot, one)[1];
  const [, gamma] = jvp(deltaAt, x.spot, one);
  return { price, delta: dS!.item(), gamma: gamma.item(), vega: dSigma!.item(), rho: dR!.item(), theta: -dT!.item() };
}
