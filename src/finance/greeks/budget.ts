/**
 * The work and memory of a Greeks run, estimated from the request alone (before the pilot or any path), and
 * the budget it is held to. One definition for the library and the command line: `greeks()` refuses a request
 * over its `maxMemory` / `maxWork` options (defaults {@link DEFAULT_GREEKS_MAX_MEMORY} and
 * {@link DEFAULT_GREEKS_MAX_WORK}), and `pathwise greeks` over `--max-memory` / `--max-work` (the same defaults),
 * adding the process's own memory.
 *
 * Work is counted in path-steps: one path moved one date by one pass (the value, or one estimator). Measured
 * here (2 cores under load) a pass costs 0.1–0.2 µs per path-step in a full batch, plus about 30 µs per date per
 * batch whatever its size, which counts as {@link STEP_OVERHEAD} path-steps; the pilot, 256 paths with its
 * discontinuity tracing, about 75 µs per date. Whole runs took 0.08–0.42 µs per estimated unit (an Asian with
 * 1000 fixings; Heston, 100 steps, three methods; a QMC barrier, 1000 dates; a European call), so the default
 * 1e10 is about 15–70 minutes of one core.
 *
 * Memory: the estimate is what the run holds beyond the process's own (peak RSS growth measured 21–314 MB for
 * those runs, against estimates of 85–348 MB).
 */
import { checkMemory, countText, type MemoryEstimate } from '../../montecarlo/memory-budget.js';
import { PathwiseRangeError, show } from '../../errors.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_BLOCK_SIZE } from '../../montecarlo/layout.js';
import { GREEK_NAMES, type GreeksOptions, type ModelSpec, type PayoffSpec } from '../types.js';

/** Default `maxMemory` of `greeks()` and `--max-memory`: 2 GB. */
export const DEFAULT_GREEKS_MAX_MEMORY = 2e9;
/** Default `maxWork` of `greeks()` and `--max-work`: 1e10 path-steps, about 15–70 minutes of one core here. */
export const DEFAULT_GREEKS_MAX_WORK = 1e10;

/** Paths of the pilot run that finds the discontinuities (greeks.ts). */
export const PILOT_PATHS = 256;
/** The fixed cost of one date of one batch and pass (tensor op dispatch), in path-steps. */
const STEP_OVERHEAD = 32;
/**
 * Memory a run holds whatever its size: the noise cache (4 MiB), the tensor pool's buffers, V8's heap growth and
 * the collector's slack (peak RSS grew by 20–100 MB on small runs).
 */
const RUN_MEMORY = 80e6;
/** Fixed work per QMC replicate (its Sobol scrambling). */
const REPLICATE_WORK = 1000;

/** What a Greeks request costs: `work` in path-steps, `bytes` held at once by the run, and what they come from. */
export interface GreeksCost extends MemoryEstimate {
  readonly work: number;
}

/**
 * The dates a path is simulated on, as the engine will choose them: one step for a European under
 * Black–Scholes, the fixings of an Asian, the monitoring dates of a barrier (default 50), the scheme's steps
 * under Heston (default 100, rounded up to a multiple of the fixings for an Asian).
 * @example greeksSteps({ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 12 }, {});   // 12
 */
export function greeksSteps(model: ModelSpec, payoff: PayoffSpec, options: GreeksOptions): number {
  const asian = payoff.kind.startsWith('asian');
  const fixings = payoff.fixings ?? 12;
  if (model.kind === 'heston') {
    const steps = options.steps ?? 100;
    return asian ? Math.ceil(steps / fixings) * fixings : steps;   // every fixing on the grid
  }
  if (payoff.kind === 'barrier') return options.steps ?? 50;
  return asian ? fixings : 1;
}

/**
 * The estimated work and memory of a (validated) Greeks request. Work: every path date drives the price and
 * each (Greek, method) estimate, plus a fixed cost per date and batch, plus the pilot. Memory: a fixed part,
 * and one batch of
 * paths × dimensions in about 24 arrays plus 3.5 per estimate (measured: Heston delta at 50 and 100 steps, an
 * Asian with 100 fixings and every method); paths stream over time, so only QMC, which holds a batch's Sobol
 * columns for every date (its Brownian bridge needs them), grows with the steps.
 * @example
 * greeksCost({ kind: 'bs' }, { kind: 'call', strike: 100 }, { paths: 1e12 }).work;   // ≈ 6e12
 */
export function greeksCost(model: ModelSpec, payoff: PayoffSpec, options: GreeksOptions): GreeksCost {
  const steps = greeksSteps(model, payoff, options);
  const paths = options.paths ?? 100_000;
  const dims = model.kind === 'heston' ? 2 : 1;
  const qmc = options.qmc !== undefined;
  const replicates = qmc ? options.replicates ?? 16 : 1;
  const tasks = (options.greeks ?? GREEK_NAMES).length * (options.methods ?? ['auto']).length;
  const perReplicate = Math.ceil(paths / replicates);
  const batch = Math.min(options.batchSize ?? options.batch ?? DEFAULT_BATCH_SIZE, options.blockSize ?? DEFAULT_BLOCK_SIZE, perReplicate);
  const batches = replicates * Math.ceil(perReplicate / batch);
  const s = (n: number): string => (n === 1 ? '' : 's');
  return {
    work: steps * dims * ((1 + tasks) * (paths + batches * STEP_OVERHEAD) + PILOT_PATHS + 2 * STEP_OVERHEAD) + replicates * REPLICATE_WORK,
    bytes: RUN_MEMORY + 8 * batch * dims * (24 + 3.5 * tasks + (qmc ? 2 * steps : 0)),
    detail: `${countText(paths)} paths × ${countText(steps)} step${s(steps)}${dims === 2 ? ' × 2 dimensions' : ''}, ${tasks} estimate${s(tasks)}${replicates > 1 ? `, ${countText(replicates)} replicates` : ''}`,
  };
}

/**
 * Refuses a request over the budget with one PathwiseRangeError naming the estimate, what it comes from, the
 * limit and the option that raises it.
 * @example
 * checkGreeksBudget({ work: 6e12, bytes: 1e8, detail: '1e+12 paths × 1 step, 5 estimates' }, {});
 * // throws PathwiseRangeError: greeks: the request needs about 6e+12 path-steps of work (1e+12 paths × 1 step, 5 estimates), over maxWork 1e+10
 */
export function checkGreeksBudget(cost: GreeksCost, options: Pick<GreeksOptions, 'maxMemory' | 'maxWork'>): void {
  checkMemory('greeks', cost, options.maxMemory ?? DEFAULT_GREEKS_MAX_MEMORY);
  const maxWork = options.maxWork ?? DEFAULT_GREEKS_MAX_WORK;
  if (typeof maxWork !== 'number' || !(maxWork > 0)) {
    throw new PathwiseRangeError(`greeks: maxWork must be a positive number of path-steps, got ${show(maxWork)}`);
  }
  if (!(cost.work <= maxWork)) {
    throw new PathwiseRangeError(`greeks: the request needs about ${countText(cost.work)} path-steps of work (${cost.detail}), over maxWork ${countText(maxWork)}; ask for less or raise maxWork`);
  }
}
