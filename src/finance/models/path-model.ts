/**
 * A price model as an SDE system stepped by the library's Euler–Maruyama scheme (src/sde): Black–Scholes is
 * {@link logGbmSystem} (exact in ln S at any step size), Heston is {@link hestonSystem} (full-truncation Euler).
 * A path is a state x of shape [paths, d] moved one step at a time, so callers can stream over time and keep
 * only the current state (memory flat in the number of steps).
 *
 * Steps whose length depends on the input `maturity` (the lead steps of a {@link Schedule}) are taken as a time
 * change: with nominal length h₀ (the step's current value, a number) and speed c = Δtᵢ/h₀ (a tensor whose
 * value is 1 and whose tangent is ∂Δtᵢ/∂T/h₀), the step of dX = c·b dt + √c·σ dW over h₀ is the step of the
 * original system over Δtᵢ. The scheme therefore always sees a plain number h, and forward mode still carries
 * ∂/∂T through the step.
 */
import { add, broadcastTo, div, log, mul, reshape, sqrt, square, sub } from '../../ad/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { Tracer } from '../../ad/trace.js';
import { scalar } from '../../tensor/create.js';
import { component, fromComponents } from '../../sde/components.js';
import { eulerMaruyama } from '../../sde/euler-maruyama.js';
import { hestonSystem, logGbmSystem } from '../../sde/models.js';
import type { SdeSystem } from '../../sde/scheme.js';
import type { ModelSpec } from '../types.js';
import { stepLength, type Schedule } from './dates.js';
import type { DiffInputs } from './inputs.js';

/** A model's paths step by step: the state after 0 … m steps, and the log price it holds. */
export interface PathModel {
  /** State dimension d and Brownian dimension per step. */
  readonly d: number;
  readonly dims: number;
  /** The SDE system and its parameters as tensors (built from the inputs: once per pass). */
  params(x: DiffInputs): Record<string, Tensor>;
  readonly system: SdeSystem;
  /** State at time 0 for n paths, [n, d]. */
  initial(x: DiffInputs, n: number): Tensor;
  /** ln S of a state, [n, 1]. */
  logPrice(state: Tensor): Tensor;
}

/**
 * The path model of a model spec: GBM in ln S, or Heston in (ln S, v) with v₀ = vol².
 *
 * For instance (internal; not a public example):
 * ```ts
 * const m = pathModelOf({ kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 }, 0.01);
 * m.d;   // 2
 * ```
 */
export function pathModelOf(model: ModelSpec, dividend: number): PathModel {
  if (model.kind === 'bs') {
    return {
      d: 1, dims: 1, system: logGbmSystem,
      params: (x) => ({ rate: sub(x.rate, dividend), sigma: x.vol }),
      initial: (x, n) => broadcastTo(reshape(log(x.spot), [1, 1]), [n, 1]),
      logPrice: (s) => s,
    };
  }
  const constants = { kappa: scalar(model.kappa), theta: scalar(model.theta), xi: scalar(model.xi), rho: scalar(model.rho) };
  return {
    d: 2, dims: 2, system: hestonSystem,
    params: (x) => ({ rate: sub(x.rate, dividend), ...constants }),
    initial: (x, n) => fromComponents([broadcastTo(reshape(log(x.spot), [1, 1]), [n, 1]), broadcastTo(reshape(square(x.vol), [1, 1]), [n, 1])]),
    logPrice: (s) => component(s, 0),
  };
}

/**
 * Step i's length as a nominal number h₀ and the speed c = Δtᵢ/h₀; the speed is null when Δtᵢ carries no
 * derivative and is not tracked (a plain number, or a concrete tensor: a value pass, or forward lanes that do
 * not include T), and then the step is the plain one over h₀ = Δtᵢ.
 */
export function stepClock(x: DiffInputs, schedule: Schedule, i: number): { h: number; speed: Tensor | null } {
  const dt = stepLength(x, schedule, i);
  if (typeof dt === 'number') return { h: dt, speed: null };
  const h = dt.data[0]!;
  const speed = div(dt, h);
  // under forward mode the quotient is a tracer only if some lane differentiates T; a tensor that the
  // discontinuity tracking follows (the pilot's marked inputs) keeps the speed too, so that a jump downstream
  // is seen to move with T
  return { h, speed: speed instanceof Tracer || speed.sources !== null ? speed : null };
}

/** The normals of one step (`dims` columns, each [n, 1]) as a Brownian increment [n, dims] over h₀: noise, never differentiated. */
function increment(z: readonly Tensor[], h: number): Tensor {
  const n = z[0]!.size;
  let w: Tensor;
  if (z.length === 1) w = z[0]!.ndim === 2 ? z[0]! : reshape(z[0]!, [n, 1]);
  else {
    const out = new Float64Array(n * z.length);
    z.forEach((c, k) => { const d = c.data; for (let p = 0; p < n; p++) out[p * z.length + k] = d[p]!; });
    w = new Tensor(out, [n, z.length]);
  }
  return mul(w, Math.sqrt(h));
}

/**
 * One Euler–Maruyama step of the model from `state` (step i of the schedule) driven by the step's normals
 * z (one [n, 1] column per Brownian dimension).
 *
 * For instance (internal; not a public example):
 * ```ts
 * const m = pathModelOf({ kind: 'bs' }, 0);
 * const s1 = modelStep(m, x, m.params(x), m.initial(x, 4), scheduleOf(1, 1), 0, [tensor([[0.1], [0], [-1], [2]])]);
 * ```
 */
export function modelStep(
  model: PathModel, x: DiffInputs, params: Readonly<Record<string, Tensor>>, state: Tensor, schedule: Schedule, i: number, z: readonly Tensor[],
): Tensor {
  const { h, speed } = stepClock(x, schedule, i);
  const sys = speed === null ? model.system : timeChanged(model.system, speed);
  return eulerMaruyama.step(sys, 0, h, state, params, { dW: increment(z, h), i10: null });
}

/** dX = c·b dt + √c·σ dW (see the file comment). The scheme's increment is noise, so √c goes on σ. */
function timeChanged(sys: SdeSystem, speed: Tensor): SdeSystem {
  const root = sqrt(speed);
  return { ...sys, drift: (t, x, p) => mul(sys.drift(t, x, p) as Tensor, speed), diffusion: (t, x, p) => mul(sys.diffusion(t, x, p) as Tensor, root) };
}

/**
 * Conditional law of ln S one step ahead (step i) given the state: mean ln S + b₀Δtᵢ and standard deviation
 * √(Δtᵢ)·σ₀₀ (the price's own diffusion entry: √v⁺ under Heston, σ under GBM), each [n, 1]. Vibrato uses it.
 */
export function nextLogPriceLaw(
  model: PathModel, x: DiffInputs, params: Readonly<Record<string, Tensor>>, state: Tensor, schedule: Schedule, i: number,
): { mean: Tensor; sd: Tensor } {
  const { h, speed } = stepClock(x, schedule, i);
  const n = state.shape[0]!;
  const b = model.system.drift(0, state, params) as Tensor;
  const g = model.system.diffusion(0, state, params) as Tensor;
  const b0 = model.d === 1 ? b : component(b, 0);
  const g00 = model.d === 1 ? g : component(reshape(g, [n, model.d * model.dims]), 0);
  const mean = mul(b0, speed === null ? h : mul(speed, h));
  const sd = mul(g00, speed === null ? Math.sqrt(h) : mul(sqrt(speed), Math.sqrt(h)));
  return { mean: add(model.logPrice(state), mean), sd };
}
