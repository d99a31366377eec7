/**
 * Black–Scholes paths: geometric Brownian motion with dividend yield q, stepped exactly in log space,
 *   ln S(t+Δt) = ln S(t) + (r − q − σ²/2)Δt + σ√Δt Z,
 * so there is no discretization error at any step size (Glasserman 2004, "Monte Carlo Methods in Financial
 * Engineering", §3.2). Written with the engine's ops, so forward mode carries ∂/∂S, ∂/∂σ, ∂/∂r and ∂/∂T
 * (the grid scales with T: date i is iT/m) along every path.
 */
import { add, div, log, mul, sqrt, square, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DiffInputs } from './inputs.js';

/**
 * Log prices ln S(t₁) … ln S(tₘ) at tᵢ = iT/m, one tensor of shape [paths] per date, from the normals
 * `z[i]` (one column of shape [paths] per step).
 *
 * @example
 * ```ts
 * const z = [tensor(normal(key(1), 4))];
 * const [lnST] = gbmLogPath(inputsOf({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }), 0, z);
 * ```
 */
export function gbmLogPath(x: DiffInputs, dividend: number, z: readonly Tensor[]): Tensor[] {
  const m = z.length;
  const dt = div(x.maturity, m);
  const drift = mul(sub(sub(x.rate, dividend), mul(square(x.vol), 0.5)), dt);
  const diffusion = mul(x.vol, sqrt(dt));
  const out: Tensor[] = [];
  let lnS: Tensor = log(x.spot);
  for (let i = 0; i < m; i++) {
    lnS = add(lnS, add(drift, mul(diffusion, z[i]!)));
    out.push(lnS);
  }
  return out;
}

/** Mean and standard deviation of one log step, (r − q − σ²/2)Δt and σ√Δt (the LR and conditional methods need them). */
export function gbmStepMoments(x: DiffInputs, dividend: number, steps: number): { mean: Tensor; sd: Tensor } {
  const dt = div(x.maturity, steps);
  return { mean: mul(sub(sub(x.rate, dividend), mul(square(x.vol), 0.5)), dt), sd: mul(x.vol, sqrt(dt)) };
}
