/**
 * Heston paths by the full-truncation Euler scheme (Lord, Koekkoek & van Dijk 2010, "A comparison of biased
 * simulation schemes for stochastic volatility models", Quantitative Finance 10(2)): the variance may go
 * negative between steps, but only v⁺ = max(v, 0) enters drift and diffusion, which has the smallest bias
 * of the simple fixes. The log price is stepped with the same v⁺:
 *   ln S += (r − q − v⁺/2)Δt + √(v⁺Δt) Z₁,
 *   v    += κ(θ − v⁺)Δt + ξ√(v⁺Δt)(ρZ₁ + √(1 − ρ²)Z₂).
 * Written with the engine's ops so that pathwise Greeks flow through it (v₀ = vol², so vega is ∂V/∂√v₀).
 * The grid is a calendar schedule (see {@link Schedule}): ∂/∂T shortens the first step only.
 * max is kinked, not discontinuous: pathwise derivatives through the truncation remain unbiased.
 */
import { add, log, maximum, mul, sqrt, square, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { HestonParams } from '../types.js';
import { defaultSchedule, stepLength, type Schedule } from './dates.js';
import type { DiffInputs } from './inputs.js';

/**
 * √v⁺ with a floor far below any meaningful variance: √ has an infinite slope at 0, and the floor keeps a
 * truncated path's tangent at 0 instead of 0/0 (the value changes by at most 1e−150). A step taken from a
 * truncated variance therefore has a standard deviation of about 1e−151: vibrato treats such a last step as
 * degenerate and takes its s → 0 limit (see vibratoValuer in greeks/valuers.ts).
 */
const SQRT_FLOOR = 1e-300;

/** The last step's log-price mean and standard deviation given the path so far (for vibrato). */
export interface LastStep {
  readonly mean: Tensor;
  readonly sd: Tensor;
}

/**
 * Log prices at the schedule's dates (default tᵢ = iT/m) from normals z[2i] (price) and z[2i + 1] (variance), each of shape [paths].
 * With `lastStep`, the final step is not taken: the m − 1 log prices come back with the conditional mean
 * and standard deviation of ln S(tₘ) (it is normal given the path up to tₘ₋₁).
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * const z = [0, 1, 2, 3].map((c) => tensor(normal(foldIn(key(1), c), 8)));
 * const lnS = hestonLogPath(inputsOf(market), 0, { kappa: 2, theta: 0.04, xi: 0.5, rho: -0.7 }, z);
 * ```
 */
export function hestonLogPath(x: DiffInputs, dividend: number, p: HestonParams, z: readonly Tensor[], schedule?: Schedule): Tensor[] {
  return hestonRun(x, dividend, p, z, false, schedule ?? defaultSchedule(x, z.length / 2)).path;
}

/** As {@link hestonLogPath}, stopping one step early and returning the last step's normal law. */
export function hestonLogPathToLast(
  x: DiffInputs, dividend: number, p: HestonParams, z: readonly Tensor[], schedule?: Schedule,
): { path: Tensor[]; last: LastStep } {
  const r = hestonRun(x, dividend, p, z, true, schedule ?? defaultSchedule(x, z.length / 2));
  return { path: r.path, last: r.last! };
}

function hestonRun(
  x: DiffInputs, dividend: number, p: HestonParams, z: readonly Tensor[], stopEarly: boolean, schedule: Schedule,
): { path: Tensor[]; last: LastStep | null } {
  const m = z.length / 2;
  const carry = sub(x.rate, dividend);
  const rhoBar = Math.sqrt(1 - p.rho * p.rho);
  let v: Tensor = square(x.vol);
  let lnS: Tensor = log(x.spot);
  const path: Tensor[] = [];
  for (let i = 0; i < m; i++) {
    const dt = stepLength(x, schedule, i);
    const sqrtDt = typeof dt === 'number' ? Math.sqrt(dt) : sqrt(dt);
    const vp = maximum(v, 0);
    const sv = mul(sqrt(maximum(v, SQRT_FLOOR)), sqrtDt);   // √(v⁺Δt)
    const mean = add(lnS, mul(sub(carry, mul(vp, 0.5)), dt));
    if (stopEarly && i === m - 1) return { path, last: { mean, sd: sv } };
    const z1 = z[2 * i]!;
    lnS = add(mean, mul(sv, z1));
    path.push(lnS);
    if (i < m - 1) {
      const dW2 = add(mul(z1, p.rho), mul(z[2 * i + 1]!, rhoBar));
      v = add(v, add(mul(sub(p.theta, vp), mul(dt, p.kappa)), mul(mul(sv, p.xi), dW2)));
    }
  }
  return { path, last: null };
}
