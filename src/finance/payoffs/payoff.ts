/**
 * Payoffs on batched paths, written with the engine's ops. Indicators are `step` of a value derived from
 * the path, so the engine's discontinuity tracking sees them (digital and barrier payoffs) while the kink
 * of max(·, 0) is, correctly, not an event: no payoff is recognized by its name.
 *
 * Every function returns the discounted payoff per path (shape [paths]) from the log path ln S(tᵢ) at the
 * dates of a calendar {@link Schedule} (tᵢ = T − (m − i)Δ, i = 1 … m): rebate dates and bridge intervals
 * follow the schedule, so a change of `maturity` moves only the first interval, as the path's does.
 */
import { add, div, exp, log, maximum, mul, square, step, sub } from '../../ad/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { dateOf, defaultSchedule, stepLength, type Schedule } from '../models/dates.js';
import type { DiffInputs } from '../models/inputs.js';
import type { PayoffSpec } from '../types.js';

/** ω = +1 for calls, −1 for puts. */
export function payoffSign(spec: PayoffSpec): 1 | -1 {
  return spec.kind.endsWith('put') ? -1 : 1;
}

/** e^{−r·t} from the time t to a payment (default: maturity T). */
export function discount(x: DiffInputs, time: Tensor = x.maturity): Tensor {
  return exp(mul(mul(x.rate, time), -1));
}

/** max(ω(S − K), 0) undiscounted. */
export function vanilla(s: Tensor, strike: number, w: 1 | -1): Tensor {
  return maximum(mul(sub(s, strike), w), 0);
}

/**
 * Path indices (0-based) of m fixings spread evenly over the path's dates.
 *
 * @example
 * ```ts
 * fixingIndices(24, 12);   // [1, 3, 5, …, 23]: every second date of a 24-step path
 * ```
 */
export function fixingIndices(pathDates: number, fixings: number): number[] {
  const stride = pathDates / fixings;
  return Array.from({ length: fixings }, (_, j) => Math.round(stride * (j + 1)) - 1);
}

/** The average the Asian option pays on: arithmetic mean of S, or exp of the mean of ln S. */
function average(logPath: readonly Tensor[], spec: PayoffSpec): Tensor {
  const idx = fixingIndices(logPath.length, spec.fixings ?? logPath.length);
  const geometric = spec.average === 'geometric';
  let acc: Tensor | null = null;
  for (const i of idx) {
    const term = geometric ? logPath[i]! : exp(logPath[i]!);
    acc = acc === null ? term : add(acc, term);
  }
  const mean = mul(acc!, 1 / idx.length);
  return geometric ? exp(mean) : mean;
}

/**
 * The survival weight after each date and the rebate paid at breaches. down: alive while S > H; up: while S < H.
 *
 * Discrete monitoring: the weight is the indicator Π 1{alive at tᵢ} (`step`, which the tracking sees).
 * Continuous monitoring (GBM): the weight is the probability that the Brownian bridge between the simulated
 * log prices never touched the barrier (Glasserman 2004 §6.4; Beaglehole, Dybvig & Zhou 1997),
 *   pᵢ = 1 − exp(−2·aᵢ₋₁⁺·aᵢ⁺/(σ²Δt)),   a = η(ln S − ln H),
 * the exact conditional expectation of the continuous indicator given the grid, so the estimator has no
 * discretization bias. Written with max(·, 0) it is continuous in the path (pᵢ → 0 as either end reaches H):
 * only kinked, never a jump, so pathwise derivatives through it are unbiased. A knock-out rebate is then
 * discounted from the end of the step in which the hit happens (an O(rΔt) approximation of "at the hit").
 */
function barrierSurvival(
  logPath: readonly Tensor[], spec: PayoffSpec, x: DiffInputs, schedule: Schedule,
): { alive: Tensor; rebate: Tensor | null } {
  const lnH = Math.log(spec.barrier!);
  const eta = spec.barrierType!.startsWith('down') ? 1 : -1;
  const m = logPath.length;
  const rebate = spec.rebate ?? 0;
  const out = spec.barrierType!.endsWith('out');
  const continuous = spec.monitoring === 'continuous';
  let prevDistance: Tensor | null = continuous ? maximum(mul(sub(log(x.spot), lnH), eta), 0) : null;
  let alive: Tensor | null = null;
  let paid: Tensor | null = null;
  for (let i = 0; i < m; i++) {
    let ok: Tensor;
    if (continuous) {
      const distance = maximum(mul(sub(logPath[i]!, lnH), eta), 0);
      const scale = div(-2, mul(square(x.vol), stepLength(x, schedule, i)));   // −2/(σ²Δtᵢ)
      ok = sub(1, exp(mul(mul(prevDistance!, distance), scale)));
      prevDistance = distance;
    } else ok = step(mul(sub(logPath[i]!, lnH), eta));
    const next: Tensor = alive === null ? ok : mul(alive, ok);
    if (out && rebate > 0) {
      // first breach at date i: alive before, dead after; the rebate is paid then, discounted from tᵢ
      const hit = alive === null ? sub(1, next) : sub(alive, next);
      const term = mul(hit, mul(discount(x, dateOf(x, schedule, i + 1)), rebate));
      paid = paid === null ? term : add(paid, term);
    }
    alive = next;
  }
  return { alive: alive!, rebate: paid };
}

/**
 * Discounted payoff per path of any supported product, from the log path.
 *
 * @example
 * ```ts
 * const x = inputsOf({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 });
 * const z = [tensor(normal(key(1), 8))];
 * const lnS = gbmLogPath(x, 0, z);
 * const v = discountedPayoff({ kind: 'digital-call', strike: 100 }, lnS, x);   // e^{−rT}·1{S_T > K}
 * ```
 */
export function discountedPayoff(spec: PayoffSpec, logPath: readonly Tensor[], x: DiffInputs, schedule?: Schedule): Tensor {
  const w = payoffSign(spec);
  const disc = discount(x);
  const lnST = logPath[logPath.length - 1]!;
  switch (spec.kind) {
    case 'call':
    case 'put':
      return mul(disc, vanilla(exp(lnST), spec.strike, w));
    case 'digital-call':
    case 'digital-put':
      return mul(disc, step(mul(sub(lnST, Math.log(spec.strike)), w)));
    case 'asset-call':
    case 'asset-put':
      return mul(disc, mul(exp(lnST), step(mul(sub(lnST, Math.log(spec.strike)), w))));
    case 'asian-call':
    case 'asian-put':
      return mul(disc, vanilla(average(logPath, spec), spec.strike, w));
    case 'barrier': {
      const v = mul(disc, vanilla(exp(lnST), spec.strike, barrierKind(spec)));
      const { alive, rebate } = barrierSurvival(logPath, spec, x, schedule ?? defaultSchedule(x, logPath.length));
      if (spec.barrierType!.endsWith('out')) return rebate === null ? mul(alive, v) : add(mul(alive, v), rebate);
      const knockedIn = mul(sub(1, alive), v);
      const r = spec.rebate ?? 0;
      return r > 0 ? add(knockedIn, mul(alive, mul(disc, r))) : knockedIn;
    }
  }
}

/** The barrier option's call/put sign (a barrier is a call unless `option` says 'put'). */
export function barrierKind(spec: PayoffSpec): 1 | -1 {
  return spec.option === 'put' ? -1 : 1;
}
