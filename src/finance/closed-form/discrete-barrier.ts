/**
 * The Broadie–Glasserman–Kou continuity correction for discretely monitored barriers (Broadie, Glasserman &
 * Kou 1997, "A continuity correction for discrete barrier options", Mathematical Finance 7(4), 325–348).
 *
 * A barrier observed only every Δt is crossed less often than a continuously watched one; to first order in
 * √Δt the discrete option is worth the continuous option with the barrier moved away from the spot by the
 * factor e^{βσ√Δt}, where β = −ζ(1/2)/√(2π) comes from the expected overshoot of a Gaussian random walk
 * (Siegmund's corrected diffusion approximation). The error is o(√Δt); it is largest when the spot is close
 * to the barrier.
 */

import { requireOneOf, requirePositive } from './option-types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/**
 * β = −ζ(1/2)/√(2π) ≈ 0.5826, the Broadie–Glasserman–Kou constant (ζ(1/2) = −1.4603545088095868…).
 * @example BGK_BETA   // ≈ 0.5826
 */
export const BGK_BETA = 0.5825971579390107;

/**
 * The continuous-monitoring barrier equivalent to a barrier H observed every Δt (BGK shift):
 * H·e^{+βσ√Δt} for an up barrier, H·e^{−βσ√Δt} for a down barrier — always away from the spot.
 *
 * @param barrier - the contract barrier H > 0
 * @param vol - volatility σ > 0
 * @param monitoringInterval - time Δt > 0 between observations, in years
 * @param direction - 'up' or 'down'
 * @returns the shifted barrier for use in the continuous formulas
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending parameter
 * @example
 * ```ts
 * discreteBarrierShift(95, 0.25, 1 / 252, 'down'); // ≈ 94.1324 (= 95·e^{−0.5826·0.25·√(1/252)})
 * discreteBarrierShift(105, 0.25, 1 / 252, 'up');  // ≈ 105.9678
 * discreteBarrierShift(105, 0.25, 0, 'up');
 * // throws PathwiseRangeError: discreteBarrierShift: monitoringInterval must be > 0, got 0
 * ```
 */
export function discreteBarrierShift(
  barrier: number,
  vol: number,
  monitoringInterval: number,
  direction: 'up' | 'down',
): number {
  const fn = 'discreteBarrierShift';
  requirePositive(fn, 'barrier', barrier);
  requirePositive(fn, 'vol', vol);
  requirePositive(fn, 'monitoringInterval', monitoringInterval);
  const sign = requireOneOf(fn, 'direction', direction, ['up', 'down'] as const) === 'up' ? 1 : -1;
  return barrier * dmath.exp(sign * BGK_BETA * vol * Math.sqrt(monitoringInterval));
}
