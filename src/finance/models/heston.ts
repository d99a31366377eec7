/**
 * Heston paths by the full-truncation Euler scheme (Lord, Koekkoek & van Dijk 2010, "A comparison of biased
 * simulation schemes for stochastic volatility models", Quantitative Finance 10(2)): the variance may go
 * negative between steps, but only v⁺ = max(v, 0) enters drift and diffusion, which has the smallest bias
 * of the simple fixes. The system is {@link hestonSystem} of src/sde in (ln S, v),
 *   d ln S = (r − q − v⁺/2) dt + √v⁺ dW₁,   dv = κ(θ − v⁺) dt + ξ√v⁺ (ρ dW₁ + √(1 − ρ²) dW₂),
 * stepped by the library's Euler–Maruyama scheme, so this is the Euler scheme with the same v⁺ in both.
 * Written with the engine's ops so that pathwise Greeks flow through it (v₀ = vol², so vega is ∂V/∂√v₀).
 * The grid is a calendar schedule (see {@link Schedule}). max is kinked, not discontinuous: pathwise
 * derivatives through the truncation remain unbiased.
 */
import { reshape } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { HestonParams } from '../types.js';
import { defaultSchedule, type Schedule } from './dates.js';
import type { DiffInputs } from './inputs.js';
import { modelStep, pathModelOf } from './path-model.js';

/**
 * Log prices at the schedule's dates (default tᵢ = iT/m) from normals z[2i] (price) and z[2i + 1] (variance), each of shape [paths].
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * const z = [0, 1, 2, 3].map((c) => tensor(normal(foldIn(key(1), c), 8)));
 * const lnS = hestonLogPath(inputsOf(market), 0, { kappa: 2, theta: 0.04, xi: 0.5, rho: -0.7 }, z);
 * ```
 */
export function hestonLogPath(x: DiffInputs, dividend: number, p: HestonParams, z: readonly Tensor[], schedule?: Schedule): Tensor[] {
  const m = z.length / 2;
  const sched = schedule ?? defaultSchedule(x, m);
  const model = pathModelOf({ kind: 'heston', ...p }, dividend);
  const n = z[0]!.size;
  const params = model.params(x);
  let state = model.initial(x, n);
  const out: Tensor[] = [];
  for (let i = 0; i < m; i++) {
    state = modelStep(model, x, params, state, sched, i, [reshape(z[2 * i]!, [n, 1]), reshape(z[2 * i + 1]!, [n, 1])]);
    out.push(reshape(model.logPrice(state), [n]));
  }
  return out;
}
