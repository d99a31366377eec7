/**
 * Black–Scholes paths: geometric Brownian motion with dividend yield q, stepped exactly in log space,
 *   ln S(t+Δt) = ln S(t) + (r − q − σ²/2)Δt + σ√Δt Z,
 * so there is no discretization error at any step size (Glasserman 2004, "Monte Carlo Methods in Financial
 * Engineering", §3.2). Written with the engine's ops, so forward mode carries ∂/∂S, ∂/∂σ, ∂/∂r and ∂/∂T
 * along every path. The dates are calendar dates (see {@link Schedule}): ∂/∂T moves the first step only,
 * which is what theta (time passing with the fixing dates held) means.
 */
import { add, log, mul, sqrt, square, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { defaultSchedule, stepLength, type Schedule } from './dates.js';
import type { DiffInputs } from './inputs.js';

/**
 * Log prices ln S(t₁) … ln S(tₘ) at the schedule's dates (default: iT/m), one tensor of shape [paths] per
 * date, from the normals `z[i]` (one column of shape [paths] per step).
 *
 * @example
 * ```ts
 * const z = [tensor(normal(key(1), 4))];
 * const [lnST] = gbmLogPath(inputsOf({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }), 0, z);
 * ```
 */
export function gbmLogPath(x: DiffInputs, dividend: number, z: readonly Tensor[], schedule?: Schedule): Tensor[] {
  const sched = schedule ?? defaultSchedule(x, z.length);
  const out: Tensor[] = [];
  let lnS: Tensor = log(x.spot);
  let rest: { mean: Tensor; sd: Tensor } | null = null;
  for (let i = 0; i < z.length; i++) {
    const step = i === 0 ? gbmStepMoments(x, dividend, stepLength(x, sched, 0)) : (rest ??= gbmStepMoments(x, dividend, sched.spacing));
    lnS = add(lnS, add(step.mean, mul(step.sd, z[i]!)));
    out.push(lnS);
  }
  return out;
}

/**
 * Mean and standard deviation of one log step of length Δt, (r − q − σ²/2)Δt and σ√Δt (the LR and
 * conditional methods need them).
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * gbmStepMoments(inputsOf(market), 0.02, 0.25).sd.item();   // 0.1 (σ·√0.25)
 * ```
 */
export function gbmStepMoments(x: DiffInputs, dividend: number, dt: Tensor | number): { mean: Tensor; sd: Tensor } {
  return { mean: mul(sub(sub(x.rate, dividend), mul(square(x.vol), 0.5)), dt), sd: mul(x.vol, sqrt(dt)) };
}
