/**
 * The path's dates in calendar time, and what moving the valuation date does to them.
 *
 * A contract's dates (Asian fixings, barrier monitoring dates, the scheme's grid) are fixed calendar dates:
 * at the contract's maturity T₀ with m steps they sit at tᵢ = iΔ, Δ = T₀/m. Theta is the change of value per
 * year of calendar time passing: when valuation moves forward by ε, every remaining date tᵢ − t shrinks by
 * ε, so only the first interval shortens and the others keep their length Δ. The differentiable input
 * `maturity` is therefore read as T = t_m − t (the time left to the last date), the dates are
 *   tᵢ = T − (m − i)Δ,   i = 1 … m,
 * and the first step has length T − (m − 1)Δ: at T = T₀ this is the uniform grid, and ∂/∂T (a tangent, or a
 * bump) moves the first step alone. With one step (European) it is plain ∂/∂T. Steps that are only a
 * scheme's discretization, with no contract date between them, may instead share the change (`lead`).
 */
import { div, mul, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DiffInputs } from './inputs.js';

/**
 * The calendar schedule of a path: m steps of length Δ, except that the first `lead` steps (default 1) share
 * the first contractual interval, T − (m − lead)Δ, equally. `lead` > 1 is for sub-steps that are only the
 * scheme's (Heston's Euler grid between fixings, or all of it for a terminal payoff): they may move with
 * time, and spreading the change over them keeps the theta estimator's variance O(1) instead of O(1/Δt).
 */
export interface Schedule {
  readonly steps: number;
  readonly spacing: number;
  readonly lead?: number;
}

/**
 * The schedule of m equal steps over the contract's maturity T₀ (a number, not a tensor: the dates do not
 * move when the input `maturity` is differentiated), the first `lead` of which absorb a change of T.
 *
 * @example
 * ```ts
 * scheduleOf(1, 4);      // { steps: 4, spacing: 0.25, lead: 1 }: dates 0.25, 0.5, 0.75, 1
 * scheduleOf(1, 4, 4);   // a scheme grid with no contractual dates: all four steps scale with T
 * ```
 */
export function scheduleOf(maturity: number, steps: number, lead = 1): Schedule {
  return { steps, spacing: maturity / steps, lead };
}

/** The schedule when the caller gave none: equal steps over the current value of `maturity`. */
export function defaultSchedule(x: DiffInputs, steps: number): Schedule {
  return scheduleOf(x.maturity.item(), steps);
}

/** T − (m − lead)Δ: the time to the end of the lead steps, which is all that moves with T. */
function leadSpan(x: DiffInputs, schedule: Schedule): Tensor {
  const rest = (schedule.steps - (schedule.lead ?? 1)) * schedule.spacing;
  return rest === 0 ? x.maturity : sub(x.maturity, rest);
}

/**
 * Length of step i (0-based): (T − (m − lead)Δ)/lead for the lead steps, Δ for the others.
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * stepLength(inputsOf({ ...market, maturity: 1 }), scheduleOf(1, 4), 0).item();   // 0.25
 * ```
 */
export function stepLength(x: DiffInputs, schedule: Schedule, i: number): Tensor | number {
  const lead = schedule.lead ?? 1;
  if (i >= lead) return schedule.spacing;
  return lead === 1 ? leadSpan(x, schedule) : div(leadSpan(x, schedule), lead);
}

/**
 * Time from valuation to date i (1-based, i = m is maturity): T − (m − i)Δ, or a fraction of the lead span.
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * dateOf(inputsOf({ ...market, maturity: 1 }), scheduleOf(1, 4), 2).item();   // 0.5
 * ```
 */
export function dateOf(x: DiffInputs, schedule: Schedule, i: number): Tensor {
  const lead = schedule.lead ?? 1;
  if (i < lead) return mul(leadSpan(x, schedule), i / lead);
  const ahead = (schedule.steps - i) * schedule.spacing;
  return ahead === 0 ? x.maturity : sub(x.maturity, ahead);
}
