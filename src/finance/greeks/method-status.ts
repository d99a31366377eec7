/**
 * Which estimator is valid for which Greek, model and payoff, and what `auto` picks. The only payoff
 * knowledge used to call pathwise biased is the engine's discontinuity tracking (`biasedInputs`: the inputs
 * from which a value flowed into a discontinuous op); structural facts (LR needs the transition density,
 * vibrato needs a terminal payoff, conditioning needs a barrier) decide what is applicable at all.
 */
import type { GreekName, MethodName, ModelSpec, PayoffSpec } from '../types.js';
import { GREEK_INPUT } from '../models/inputs.js';
import { autoEstimator } from '../../montecarlo/pilot.js';

export type ConcreteMethod = Exclude<MethodName, 'auto'> | 'mixed-pwlr';

export interface MethodStatus {
  readonly applicable: boolean;
  readonly biased: boolean;
  readonly reason?: string;
}

/** What the pilot run saw: for each input name, the discontinuous ops its values reached. */
export type BiasedInputs = ReadonlyMap<string, readonly string[]>;

const TERMINAL = new Set(['call', 'put', 'digital-call', 'digital-put', 'asset-call', 'asset-put']);

const VIBRATO_DEGENERATE = 'biased: the Feller condition fails (2κθ < ξ²), so on many paths the variance is 0 before the last step, '
  + 'which then has no randomness for vibrato to smooth the payoff\'s jump with; use fd';

/** Why pathwise is biased for this Greek (a clause that reads on its own and after "because"), or null. */
function pathwiseBias(greek: GreekName, biased: BiasedInputs): string | null {
  const input = GREEK_INPUT[greek];
  const ops = biased.get(input);
  if (ops === undefined) return null;
  const what = ops.length === 1 ? `a jump (${ops[0]})` : `jumps (${ops.join(', ')})`;
  return `the payoff applies ${what} to a value derived from ${input}, and pathwise misses the jump`;
}

/**
 * Whether Heston's Feller condition 2κθ ≥ ξ² fails: then the variance reaches 0 with positive probability,
 * and the full-truncation scheme sets it to 0 on many paths.
 *
 * @example
 * ```ts
 * fellerViolated({ kind: 'heston', kappa: 2, theta: 0.04, xi: 1, rho: -0.7 });   // true: 0.16 < 1
 * ```
 */
export function fellerViolated(model: ModelSpec): boolean {
  return model.kind === 'heston' && 2 * model.kappa * model.theta < model.xi * model.xi;
}

/**
 * Heston vega and theta by pathwise or vibrato when Feller fails: the tangent of √v (1/(2√v)·v̇) is unbounded
 * where v comes near 0, which happens on many paths, and the estimator has infinite variance: its mean is
 * right but its standard error is not to be believed (and single paths dominate it). Delta and rho do not
 * move v, and are fine.
 */
function infiniteVariance(greek: GreekName, model: ModelSpec): string | null {
  if (!fellerViolated(model) || (greek !== 'vega' && greek !== 'theta')) return null;
  return `unreliable: the Feller condition fails (2κθ < ξ²), so the variance often comes near 0, where its pathwise tangent through √v is unbounded; this estimator has infinite variance and its standard error cannot be trusted (use fd)`;
}

/**
 * Heston vibrato: the last step's likelihood-ratio weight carries ṡ/s of that step, and ṡ ∝ v̇/√v is unbounded
 * where the variance ends near 0. The control variate f(μ) (valuers.ts, vibratoStream) leaves a bounded second
 * difference for a call or put, which mends vega: over 1000 seeds (200 paths, 8 steps) its stderr is 0.97 of
 * the replicates' spread for a call and a put, 95 % intervals covering 93.8 % and 93.6 %. Not theta (the put's
 * intervals cover 91.6 %, the call's 93.7 %, against pathwise theta's 96 %; at 800 paths per run the put's
 * cover 95.1 %, so the shortfall is a small-sample skew, not an infinite variance), nor any payoff with a jump, where
 * a jump within s of μ does not shrink with s (digital call: theta's stderr 0.78 of the spread).
 */
const VIBRATO_HEAVY_TAIL = 'unreliable: vibrato theta under Heston, and vega on a payoff with a jump, are heavy-tailed (the last step\'s likelihood-ratio '
  + 'weight carries 1/σ of that step, unbounded where the variance ends near 0): the standard error understates the spread; use pathwise or fd';

/**
 * Whether `method` can estimate `greek` here, and whether it is biased (with the reason).
 *
 * @example
 * ```ts
 * methodStatus('delta', 'pathwise', { kind: 'bs' }, { kind: 'digital-call', strike: 100 }, new Map([['spot', ['step']]]));
 * // { applicable: true, biased: true, reason: 'biased: the payoff applies a jump (step) to a value derived from spot, …' }
 * ```
 */
export function methodStatus(
  greek: GreekName, method: ConcreteMethod, model: ModelSpec, payoff: PayoffSpec, biased: BiasedInputs,
): MethodStatus {
  const bs = model.kind === 'bs';
  if (greek === 'gamma' && (method === 'lr' || method === 'mixed' || method === 'mixed-pwlr') && payoff.monitoring === 'continuous') {
    return { applicable: false, biased: false, reason: 'n/a: the bridge weight depends on S₀ itself; second-order LR terms for it are not derived here (use fd)' };
  }
  switch (method) {
    case 'pathwise': {
      if (greek === 'gamma') {
        return { applicable: false, biased: true, reason: 'n/a: the second derivative of a kink or jump is a point mass pathwise cannot see (use mixed, lr or fd)' };
      }
      const why = pathwiseBias(greek, biased);
      if (why !== null) return { applicable: true, biased: true, reason: `biased: ${why}` };
      const heavy = infiniteVariance(greek, model);
      return heavy === null ? { applicable: true, biased: false } : { applicable: true, biased: true, reason: heavy };
    }
    case 'lr':
      return bs ? { applicable: true, biased: false }
        : { applicable: false, biased: false, reason: 'n/a: LR needs the transition density, which the Heston scheme does not provide (use pathwise, vibrato or fd)' };
    case 'mixed':
    case 'mixed-pwlr': {
      if (greek !== 'gamma') return { applicable: false, biased: false, reason: 'mixed estimators are for gamma' };
      if (!bs) return { applicable: false, biased: false, reason: 'n/a for Heston (needs the likelihood ratio); use fd' };
      const why = pathwiseBias('delta', biased);
      return why === null ? { applicable: true, biased: false }
        : { applicable: true, biased: true, reason: `biased: built on the pathwise delta, which is biased because ${why}` };
    }
    case 'fd':
      return { applicable: true, biased: false };
    case 'conditional':
      if (bs && payoff.kind === 'barrier' && payoff.monitoring === 'continuous') {
        return { applicable: false, biased: false, reason: 'n/a: a continuous barrier is already simulated by its smooth Brownian-bridge survival probability' };
      }
      return bs && payoff.kind === 'barrier' ? { applicable: true, biased: false }
        : { applicable: false, biased: false, reason: 'n/a: one-step-survival conditioning is for discretely monitored barriers under Black–Scholes' };
    case 'vibrato': {
      if (bs || !TERMINAL.has(payoff.kind) || greek === 'gamma') {
        return { applicable: false, biased: false, reason: 'n/a: vibrato is implemented for first-order Greeks of terminal payoffs under Heston' };
      }
      const jump = biased.get(GREEK_INPUT[greek]);
      if (jump !== undefined && fellerViolated(model)) return { applicable: true, biased: true, reason: VIBRATO_DEGENERATE };
      const heavy = infiniteVariance(greek, model) ?? (greek === 'theta' || (greek === 'vega' && jump !== undefined) ? VIBRATO_HEAVY_TAIL : null);
      return heavy === null ? { applicable: true, biased: false } : { applicable: true, biased: true, reason: heavy };
    }
  }
}

/**
 * The estimator `auto` uses and why: pathwise where the tracking saw no discontinuity; otherwise, for
 * Black–Scholes, the conditional estimator for barriers and the likelihood ratio for the rest; for Heston,
 * vibrato for terminal payoffs, else central differences. Gamma: mixed (LR on pathwise delta) when the
 * pathwise delta is unbiased, else as above (barriers: differences of the smooth conditional estimator).
 *
 * @example
 * ```ts
 * autoChoice('delta', { kind: 'bs' }, { kind: 'digital-call', strike: 100 }, new Map([['spot', ['step']]])).method;   // 'lr'
 * autoChoice('gamma', { kind: 'bs' }, { kind: 'call', strike: 100 }, new Map()).method;                          // 'mixed'
 * ```
 */
export function autoChoice(greek: GreekName, model: ModelSpec, payoff: PayoffSpec, biased: BiasedInputs): { method: ConcreteMethod; reason: string } {
  const bs = model.kind === 'bs';
  const input = GREEK_INPUT[greek];
  const hit = biased.get(input);
  if (greek === 'gamma') {
    if (!bs) return { method: 'fd', reason: 'Heston gamma: central differences with common random numbers' };
    if (payoff.monitoring === 'continuous') return { method: 'fd', reason: 'central differences of the smooth Brownian-bridge estimator' };
    if (hit === undefined) return { method: 'mixed', reason: 'payoff continuous: LR on the pathwise delta' };
    return pick(hit, [
      { name: 'conditional', applies: payoff.kind === 'barrier', why: 'differences of the smooth one-step-survival estimator' },
      { name: 'lr', applies: true, why: 'likelihood ratio' },
    ]);
  }
  if (!bs && infiniteVariance(greek, model) !== null) {
    return { method: 'fd', reason: 'Feller condition fails: the pathwise tangent of √v has infinite variance; central differences with common random numbers' };
  }
  if (hit === undefined) return { method: 'pathwise', reason: 'no jump reached by the inputs: pathwise (forward mode)' };
  // A jump is reached: the shared auto rule takes the first unbiased alternative, in order of preference.
  const terminal = TERMINAL.has(payoff.kind), heavy = greek === 'vega' || greek === 'theta';
  const fdWhy = !bs && terminal && fellerViolated(model)
    ? 'the Feller condition fails, so vibrato is biased for a jump (zero variance in the last step); central differences with common random numbers'
    : !bs && terminal && heavy ? `vibrato ${greek} is heavy-tailed under Heston; central differences with common random numbers`
      : 'central differences with common random numbers';
  return pick(hit, [
    { name: 'conditional', applies: bs && payoff.kind === 'barrier', why: 'one-step-survival conditioning makes it smooth' },
    { name: 'lr', applies: bs, why: 'likelihood ratio' },
    { name: 'vibrato', applies: !bs && terminal && !fellerViolated(model) && !heavy, why: 'vibrato (pathwise to the last step, LR over it)' },
    { name: 'fd', applies: true, why: fdWhy },
  ]);
}

/** The shared auto rule (montecarlo/pilot.ts) over the Greeks' alternatives. */
function pick(jumpOps: readonly string[], alternatives: readonly { name: ConcreteMethod; applies: boolean; why: string }[]): { method: ConcreteMethod; reason: string } {
  const { name, reason } = autoEstimator<ConcreteMethod>(jumpOps, alternatives);
  return { method: name, reason };
}
