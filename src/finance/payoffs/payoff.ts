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
import { scalar } from '../../tensor/create.js';
import { dateOf, defaultSchedule, stepLength, type Schedule } from '../models/dates.js';
import type { DiffInputs } from '../models/inputs.js';
import type { PayoffSpec } from '../types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

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
 * For instance (internal; not a public example):
 * ```ts
 * fixingIndices(24, 12);   // [1, 3, 5, …, 23]: every second date of a 24-step path
 * ```
 */
export function fixingIndices(pathDates: number, fixings: number): number[] {
  const stride = pathDates / fixings;
  return Array.from({ length: fixings }, (_, j) => Math.round(stride * (j + 1)) - 1);
}

/**
 * What a payoff keeps along a path: a record of tensors (per path, or scalars while they do not yet depend on
 * the path), updated date by date. Forward mode carries it over time with its tangents, so a path-dependent
 * payoff needs no stored path: memory is O(paths × entries), whatever the number of dates.
 */
export type PayoffState = Record<string, Tensor>;

/** A payoff as a running computation over the path's dates (see {@link payoffStream}). */
export interface PayoffStream {
  /** The state before the first date. */
  init(x: DiffInputs): PayoffState;
  /** The state after date i (0-based) at which the log price is lnS. */
  update(x: DiffInputs, s: PayoffState, i: number, lnS: Tensor): PayoffState;
  /** The discounted payoff per path from the state after the last date. */
  finish(x: DiffInputs, s: PayoffState): Tensor;
}

/**
 * Any supported product as a {@link PayoffStream} over m path dates on `schedule`.
 *
 * The Asian average is a running sum of S (or ln S, geometric) at the fixing dates. A barrier keeps its
 * survival weight after each date and the rebate paid at breaches. down: alive while S > H; up: while S < H.
 * Discrete monitoring: the weight is the indicator Π 1{alive at tᵢ} (`step`, which the tracking sees).
 * Continuous monitoring (GBM): the weight is the probability that the Brownian bridge between the simulated
 * log prices never touched the barrier (Glasserman 2004 §6.4; Beaglehole, Dybvig & Zhou 1997),
 *   pᵢ = 1 − exp(−2·aᵢ₋₁⁺·aᵢ⁺/(σ²Δt)),   a = η(ln S − ln H),
 * the exact conditional expectation of the continuous indicator given the grid, so the estimator has no
 * discretization bias. Written with max(·, 0) it is continuous in the path (pᵢ → 0 as either end reaches H):
 * only kinked, never a jump, so pathwise derivatives through it are unbiased. A knock-out rebate is then
 * discounted from the end of the step in which the hit happens (an O(rΔt) approximation of "at the hit").
 *
 * For instance (internal; not a public example):
 * ```ts
 * const p = payoffStream({ kind: 'asian-call', strike: 100, fixings: 2 }, 2, scheduleOf(1, 2));
 * let s = p.init(x);
 * lnS.forEach((l, i) => { s = p.update(x, s, i, l); });
 * const v = p.finish(x, s);   // e^{−rT} max((S₁ + S₂)/2 − K, 0)
 * ```
 */
export function payoffStream(spec: PayoffSpec, m: number, schedule: Schedule): PayoffStream {
  const w = payoffSign(spec);
  switch (spec.kind) {
    case 'call':
    case 'put':
    case 'digital-call':
    case 'digital-put':
    case 'asset-call':
    case 'asset-put':
      return {
        init: (x) => ({ last: log(x.spot) }),
        update: (_x, _s, _i, lnS) => ({ last: lnS }),
        finish: (x, s) => mul(discount(x), terminal(spec, s.last!, w)),
      };
    case 'asian-call':
    case 'asian-put': {
      const fixing = new Set(fixingIndices(m, spec.fixings ?? m));
      const geometric = spec.average === 'geometric';
      return {
        init: (x) => ({ last: log(x.spot), acc: scalar(0) }),
        update: (_x, s, i, lnS) => (fixing.has(i) ? { last: lnS, acc: add(s.acc!, geometric ? lnS : exp(lnS)) } : { ...s, last: lnS }),
        finish: (x, s) => {
          const mean = mul(s.acc!, 1 / fixing.size);
          return mul(discount(x), vanilla(geometric ? exp(mean) : mean, spec.strike, w));
        },
      };
    }
    case 'barrier': {
      const lnH = dmath.log(spec.barrier!);
      const eta = spec.barrierType!.startsWith('down') ? 1 : -1;
      const rebate = spec.rebate ?? 0;
      const out = spec.barrierType!.endsWith('out');
      const continuous = spec.monitoring === 'continuous';
      const paying = out && rebate > 0;
      return {
        init: (x) => ({
          last: log(x.spot), alive: scalar(1),
          ...(paying ? { paid: scalar(0) } : {}),
          ...(continuous ? { prev: maximum(mul(sub(log(x.spot), lnH), eta), 0) } : {}),
        }),
        update: (x, s, i, lnS) => {
          const next: PayoffState = { last: lnS };
          let ok: Tensor;
          if (continuous) {
            const distance = maximum(mul(sub(lnS, lnH), eta), 0);
            const scale = div(-2, mul(square(x.vol), stepLength(x, schedule, i)));   // −2/(σ²Δtᵢ)
            ok = sub(1, exp(mul(mul(s.prev!, distance), scale)));
            next.prev = distance;
          } else ok = step(mul(sub(lnS, lnH), eta));
          next.alive = mul(s.alive!, ok);
          if (paying) {
            // first breach at date i: alive before, dead after; the rebate is paid then, discounted from tᵢ
            const hit = sub(s.alive!, next.alive);
            next.paid = add(s.paid!, mul(hit, mul(discount(x, dateOf(x, schedule, i + 1)), rebate)));
          }
          return next;
        },
        finish: (x, s) => {
          const disc = discount(x);
          const v = mul(disc, vanilla(exp(s.last!), spec.strike, barrierKind(spec)));
          if (out) return paying ? add(mul(s.alive!, v), s.paid!) : mul(s.alive!, v);
          const knockedIn = mul(sub(1, s.alive!), v);
          return rebate > 0 ? add(knockedIn, mul(s.alive!, mul(disc, rebate))) : knockedIn;
        },
      };
    }
  }
}

/** The undiscounted terminal payoff of a European product from ln S_T. */
function terminal(spec: PayoffSpec, lnST: Tensor, w: 1 | -1): Tensor {
  switch (spec.kind) {
    case 'digital-call':
    case 'digital-put':
      return step(mul(sub(lnST, dmath.log(spec.strike)), w));
    case 'asset-call':
    case 'asset-put':
      return mul(exp(lnST), step(mul(sub(lnST, dmath.log(spec.strike)), w)));
    default:
      return vanilla(exp(lnST), spec.strike, w);
  }
}

/**
 * Discounted payoff per path of any supported product, from the log path (one tensor per date): the
 * {@link payoffStream} run over the given dates.
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
  const p = payoffStream(spec, logPath.length, schedule ?? defaultSchedule(x, logPath.length));
  let s = p.init(x);
  logPath.forEach((lnS, i) => { s = p.update(x, s, i, lnS); });
  return p.finish(x, s);
}

/** The barrier option's call/put sign (a barrier is a call unless `option` says 'put'). */
export function barrierKind(spec: PayoffSpec): 1 | -1 {
  return spec.option === 'put' ? -1 : 1;
}
