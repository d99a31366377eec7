/**
 * Valuers: per batch of normals, the map from the differentiable inputs to a per-path estimator whose mean
 * is the price. Greeks are their derivatives: by forward mode (pathwise, conditional, vibrato) or by
 * re-evaluation at bumped inputs with the same normals (finite differences).
 */
import { add, div, mul, stopGradient, sub, where } from '../../ad/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { gbmLogPath } from '../models/gbm.js';
import { hestonLogPath, hestonLogPathToLast } from '../models/heston.js';
import { scheduleOf, type Schedule } from '../models/dates.js';
import type { DiffInputs } from '../models/inputs.js';
import { conditionalBarrierValue } from '../payoffs/barrier-conditional.js';
import { discountedPayoff } from '../payoffs/payoff.js';
import type { MarketSpec, ModelSpec, PayoffSpec } from '../types.js';

/** One pricing problem: model, product, market, and the path's dates (steps) and Brownian dimensions. */
export interface Problem {
  readonly model: ModelSpec;
  readonly payoff: PayoffSpec;
  readonly market: MarketSpec;
  readonly steps: number;
  readonly dims: number;
}

export type Valuer = (x: DiffInputs) => Tensor;

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

/** Log prices at the path's dates. */
export function logPathOf(pb: Problem, x: DiffInputs, z: readonly Tensor[]): Tensor[] {
  const sched = scheduleOfProblem(pb);
  return pb.model.kind === 'bs' ? gbmLogPath(x, pb.market.dividend, z, sched) : hestonLogPath(x, pb.market.dividend, pb.model, z, sched);
}

/** Discounted payoff of the simulated path. */
export function plainValuer(pb: Problem, z: readonly Tensor[]): Valuer {
  return (x) => discountedPayoff(pb.payoff, logPathOf(pb, x, z), x, scheduleOfProblem(pb));
}

/** The payoff on a fixed path: only its explicit dependence on the inputs (discount factors) remains. */
export function explicitValuer(pb: Problem, path: readonly Tensor[]): Valuer {
  return (x) => discountedPayoff(pb.payoff, path, x, scheduleOfProblem(pb));
}

/** One-step-survival conditional estimator of a GBM barrier option (u = Φ(z), the same randomness). */
export function conditionalValuer(pb: Problem, z: readonly Tensor[], u: readonly Tensor[]): Valuer {
  return (x) => conditionalBarrierValue(pb.payoff, x, pb.market.dividend, z, u, scheduleOfProblem(pb));
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
export function vibratoValuer(pb: Problem, z: readonly Tensor[]): Valuer {
  if (pb.model.kind !== 'heston') throw new Error('vibratoValuer: Heston only');
  const model = pb.model;
  const zLast = z[z.length - 2]!;
  return (x) => {
    const sched = scheduleOfProblem(pb);
    const { path, last } = hestonLogPathToLast(x, pb.market.dividend, model, z, sched);
    const mu0 = stopGradient(last.mean);
    const s0 = stopGradient(last.sd);
    const inv = div(1, s0);
    const lr = mul(sub(last.mean, mu0), mul(zLast, inv));                       // primal 0, tangent μ̇·Z/s
    const sc = mul(sub(last.sd, s0), mul(sub(mul(zLast, zLast), 1), inv));      // primal 0, tangent ṡ(Z² − 1)/s
    const fPlus = discountedPayoff(pb.payoff, [...path, add(mu0, mul(s0, zLast))], x, sched);
    const fMinus = discountedPayoff(pb.payoff, [...path, sub(mu0, mul(s0, zLast))], x, sched);
    const plus = mul(fPlus, add(add(lr, sc), 1));
    const minus = mul(fMinus, add(sub(sc, lr), 1));
    const vibrato = mul(add(plus, minus), 0.5);
    const degenerate = degenerateMask(s0);
    if (degenerate === null) return vibrato;
    const pathwise = discountedPayoff(pb.payoff, [...path, add(last.mean, mul(last.sd, zLast))], x, sched);
    return where(degenerate, pathwise, vibrato);
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
