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
 * bump) moves the first step alone. With one step (European) it is plain ∂/∂T.
 */
import { sub } from '../../ad/index.js';
import { scalar } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DiffInputs } from './inputs.js';

/** The calendar schedule of a path: m steps, all but the first of fixed length Δ. */
export interface Schedule {
  readonly steps: number;
  readonly spacing: number;
}

/**
 * The schedule of m equal steps over the contract's maturity T₀ (a number, not a tensor: the dates do not
 * move when the input `maturity` is differentiated).
 *
 * @example
 * ```ts
 * scheduleOf(1, 4);   // { steps: 4, spacing: 0.25 }: dates 0.25, 0.5, 0.75, 1
 * ```
 */
export function scheduleOf(maturity: number, steps: number): Schedule {
  return { steps, spacing: maturity / steps };
}

/** The schedule when the caller gave none: equal steps over the current value of `maturity`. */
export function defaultSchedule(x: DiffInputs, steps: number): Schedule {
  return scheduleOf(x.maturity.item(), steps);
}

/**
 * Length of step i (0-based): T − (m − 1)Δ for the first, Δ for the others.
 *
 * @example
 * ```ts
 * stepLength(inputsOf({ ...market, maturity: 1 }), scheduleOf(1, 4), 0).item();   // 0.25
 * ```
 */
export function stepLength(x: DiffInputs, schedule: Schedule, i: number): Tensor | number {
  if (i > 0) return schedule.spacing;
  const rest = (schedule.steps - 1) * schedule.spacing;
  return rest === 0 ? x.maturity : sub(x.maturity, rest);
}

/**
 * Time from valuation to date i (1-based, i = m is maturity): T − (m − i)Δ.
 *
 * @example
 * ```ts
 * dateOf(inputsOf({ ...market, maturity: 1 }), scheduleOf(1, 4), 2).item();   // 0.5
 * ```
 */
export function dateOf(x: DiffInputs, schedule: Schedule, i: number): Tensor {
  const ahead = (schedule.steps - i) * schedule.spacing;
  return ahead === 0 ? x.maturity : sub(x.maturity, ahead);
}

/** A scalar tensor or a number as a tensor (for ops that need one). */
export function asTensorValue(v: Tensor | number): Tensor {
  return typeof v === 'number' ? scalar(v) : v;
}
