/**
 * Valuers: per batch of normals, streams (see stream.ts) from the differentiable inputs to a per-path
 * estimator whose mean is the price. Greeks are their derivatives: by forward mode (pathwise, conditional,
 * vibrato) or by re-evaluation at bumped inputs with the same normals (finite differences). Every stream steps
 * the model's SDE system with the library's Euler–Maruyama scheme (models/path-model.ts) and feeds each date's
 * log price to the payoff's running state, so no path is ever stored.
 */
import { add, div, mul, normCdf, stopGradient, sub, where } from '../../ad/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { scheduleOf, type Schedule } from '../models/dates.js';
import type { DiffInputs } from '../models/inputs.js';
import { modelStep, nextLogPriceLaw, pathModelOf, type PathModel } from '../models/path-model.js';
import { conditionalBarrierStream } from '../payoffs/barrier-conditional.js';
import { payoffStream, type PayoffState } from '../payoffs/payoff.js';
import type { MarketSpec, ModelSpec, PayoffSpec } from '../types.js';
import type { NoiseColumns } from './noise.js';
import type { PathStream, StreamState } from './stream.js';

/** One pricing problem: model, product, market, and the path's dates (steps) and Brownian dimensions. */
export interface Problem {
  readonly model: ModelSpec;
  readonly payoff: PayoffSpec;
  readonly market: MarketSpec;
  readonly steps: number;
  readonly dims: number;
}

/**
 * The problem's calendar dates: `steps` equal steps over the market's maturity. The contract's dates (Asian
 * fixings, barrier monitoring dates) stay put when the input `maturity` is bumped or differentiated, so theta
 * is time decay: only the first contractual interval shortens. Under Heston the Euler sub-steps inside that
 * interval (all of them, for a terminal payoff) share the change, which keeps theta's variance O(1).
 */
export function scheduleOfProblem(pb: Problem): Schedule {
  if (pb.model.kind !== 'heston' || pb.payoff.kind === 'barrier') return scheduleOf(pb.market.maturity, pb.steps);
  const asian = pb.payoff.kind.startsWith('asian');
  return scheduleOf(pb.market.maturity, pb.steps, asian ? pb.steps / (pb.payoff.fixings ?? pb.steps) : pb.steps);
}

/** Step i's normals, one [n, 1] tensor per Brownian dimension. */
function stepNormals(noise: NoiseColumns, dims: number, i: number): Tensor[] {
  return Array.from({ length: dims }, (_, d) => new Tensor(noise.column(i * dims + d), [noise.n, 1]));
}

/** The payoff's part of a stream state (every key but the model's `path`). */
function payoffPart(s: StreamState): PayoffState {
  const { path: _path, ...rest } = s;
  return rest;
}

/** The model's state after step i from the stream state s. */
function advance(model: PathModel, x: DiffInputs, s: StreamState, sched: Schedule, i: number, noise: NoiseColumns): Tensor {
  return modelStep(model, x, model.params(x), s.path!, sched, i, stepNormals(noise, model.dims, i));
}

/**
 * Discounted payoff of the simulated path. With `hold`, the path is held fixed (its tangent cut at every
 * step): only the payoff's explicit dependence on the inputs (discount factors, dates) remains, which the
 * likelihood-ratio estimator adds to its score term.
 */
export function plainStream(pb: Problem, noise: NoiseColumns, hold = false): PathStream {
  const model = pathModelOf(pb.model, pb.market.dividend);
  const sched = scheduleOfProblem(pb);
  const payoff = payoffStream(pb.payoff, pb.steps, sched);
  const held = (t: Tensor): Tensor => (hold ? stopGradient(t) : t);
  return {
    steps: pb.steps,
    init: (x) => ({ ...payoff.init(x), path: held(model.initial(x, noise.n)) }),
    step: (x, s, i) => {
      const path = held(advance(model, x, s, sched, i, noise));
      return { ...payoff.update(x, payoffPart(s), i, model.logPrice(path)), path };
    },
    finish: (x, s) => payoff.finish(x, payoffPart(s)),
  };
}

/** One-step-survival conditional estimator of a GBM barrier option (u = Φ(z), the same randomness). */
export function conditionalStream(pb: Problem, noise: NoiseColumns): PathStream {
  const c = conditionalBarrierStream(pb.payoff, pb.market.dividend, scheduleOfProblem(pb));
  return {
    steps: pb.steps,
    init: (x) => c.init(x, noise.n),
    step: (x, s, i) => {
      const [z] = stepNormals(noise, 1, i);
      return c.update(x, s, i, z!, normCdf(z!));
    },
    finish: (x, s) => c.finish(x, s),
  };
}

/**
 * Below this last-step standard deviation (of ln S) the vibrato pair μ ± sZ is degenerate: the two payoffs
 * differ by rounding only, so (f₊ − f₋)·Z/s is rounding noise (or exactly 0 when s underflows, as it does
 * when the variance is truncated at 0 before the last step). At s ≥ 1e−7 the difference f₊ − f₋ ≈ 2f′sZ
 * keeps about 9 correct digits.
 */
export const VIBRATO_MIN_SD = 1e-7;

/**
 * Vibrato (Giles 2009, "Vibrato Monte Carlo sensitivities", Monte Carlo and Quasi-Monte Carlo Methods 2008,
 * 369–382) as a surrogate for forward mode. Given the path up to tₘ₋₁, ln S(tₘ) ~ N(μ, s²); the derivative
 * of E[f | path] is E[f(μ + sZ)·(μ̇·Z/s + ṡ·(Z² − 1)/s)], the likelihood ratio of the last step only, with
 * μ̇ and ṡ pathwise tangents through the scheme. The surrogate
 *   ½ Σ_± f(μ₀ ± s₀Z)·(1 + (μ − μ₀)(±Z)/s₀ + (s − s₀)(Z² − 1)/s₀),
 * with μ₀, s₀ the values of μ, s held constant, has the antithetic price as its value and that estimator as
 * its tangent; f's explicit dependence on r and T (discounting) is differentiated as usual. The payoff is
 * never differentiated, so digital payoffs are fine.
 *
 * The limit s → 0. When the variance has been truncated at 0 before the last step (often, when the Feller
 * condition 2κθ ≥ ξ² fails), the last step has no randomness: s underflows to ~1e−151 and the vibrato
 * term would be 0 instead of its limit f′(μ)·μ̇. On those paths (s < {@link VIBRATO_MIN_SD}) the estimator is
 * the plain pathwise one through f(μ + sZ), which is that limit (plus f′·ṡZ, of mean zero). For a call or
 * put this is unbiased. For a digital it is not: with s = 0 the conditional expectation given the path is
 * itself the step 1{μ > ln K}, and its jump (which moves with the inputs through μ) is seen by no per-path
 * derivative. That bias is proportional to the probability of a zero variance at the last step, so
 * method-status flags vibrato as biased for jump payoffs when the Feller condition fails (auto then uses fd).
 */
export function vibratoStream(pb: Problem, noise: NoiseColumns): PathStream {
  if (pb.model.kind !== 'heston') throw new Error('vibratoStream: Heston only');
  const model = pathModelOf(pb.model, pb.market.dividend);
  const sched = scheduleOfProblem(pb);
  const payoff = payoffStream(pb.payoff, pb.steps, sched);
  const m = pb.steps;
  const plain = plainStream(pb, noise);
  return {
    steps: m,
    init: plain.init,
    step: (x, s, i) => {
      if (i < m - 1) return plain.step(x, s, i);
      const last = nextLogPriceLaw(model, x, model.params(x), s.path!, sched, i);
      const zLast = stepNormals(noise, model.dims, i)[0]!;
      const pay = payoffPart(s);
      const f = (lnS: Tensor): Tensor => payoff.finish(x, payoff.update(x, pay, i, lnS));
      const mu0 = stopGradient(last.mean);
      const s0 = stopGradient(last.sd);
      const inv = div(1, s0);
      const lr = mul(sub(last.mean, mu0), mul(zLast, inv));                       // primal 0, tangent μ̇·Z/s
      const sc = mul(sub(last.sd, s0), mul(sub(mul(zLast, zLast), 1), inv));      // primal 0, tangent ṡ(Z² − 1)/s
      const plus = mul(f(add(mu0, mul(s0, zLast))), add(add(lr, sc), 1));
      const minus = mul(f(sub(mu0, mul(s0, zLast))), add(sub(sc, lr), 1));
      // Control variate on the variance weight: E[(Z² − 1)] = 0 and f(μ₀) is fixed given the path, so
      // subtracting f(μ₀)·(s − s₀)(Z² − 1)/s₀ leaves the mean alone (its primal is 0) and takes away the term
      // f(μ₀)·ṡ(Z² − 1)/s, which is unbounded where the variance ends near 0 (Giles 2009, §3).
      const vibrato = sub(mul(add(plus, minus), 0.5), mul(f(mu0), sc));
      const degenerate = degenerateMask(s0);
      if (degenerate === null) return { value: vibrato };
      return { value: where(degenerate, f(add(last.mean, mul(last.sd, zLast))), vibrato) };
    },
    finish: (_x, s) => s.value!,
  };
}

/** 1 where the last step's standard deviation is below {@link VIBRATO_MIN_SD}, else 0; null if nowhere. */
function degenerateMask(sd: Tensor): Tensor | null {
  const d = sd.data;
  let any = false;
  const mask = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) {
    if (d[i]! < VIBRATO_MIN_SD) {
      mask[i] = 1;
      any = true;
    }
  }
  return any ? new Tensor(mask, sd.shape) : null;
}
