/**
 * `greeks`: Monte Carlo price and Greeks of one option by several estimators at once, each with its
 * standard error, the bias diagnosis from the engine's discontinuity tracking, and the closed form where
 * there is one. Paths are processed in batches inside `tidy` scopes; statistics are mergeable moments, so
 * results do not depend on the batch size. With `qmc: 'sobol'` the standard error comes from independent
 * scramblings (replicates), the only honest one for randomized QMC.
 */
import { markSource } from '../../ad/index.js';
import { runPilot } from '../../montecarlo/pilot.js';
import { scalar } from '../../tensor/create.js';
import { tidy } from '../../tensor/pool.js';
import type { Estimate } from '../../stats/estimate.js';
import type { BlockJob, BlockResult } from '../../montecarlo/block.js';
import { checkParallelOptions, executeJob, type ParallelOptions } from '../../montecarlo/execute.js';
import type { RunStats, RunStatsOptions } from '../../montecarlo/run-stats.js';
import { blockFromColumns } from '../../montecarlo/block-stats.js';
import { runBlocks } from '../../montecarlo/driver.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_BLOCK_SIZE } from '../../montecarlo/layout.js';
import { INPUT_NAMES, type DiffInputs } from '../models/inputs.js';
import {
  GREEK_NAMES, type GreekName, type GreeksOptions, type GreeksResult, type MarketSpec, type MethodEstimate,
  type MethodName, type ModelSpec, type PayoffSpec, type ResultMethod,
} from '../types.js';
import { Batch, tangentPlan } from './batch.js';
import type { EuropeanPathwiseArrays } from './fused-european.js';
import { checkGreeksBudget, greeksCost, greeksSteps, PILOT_PATHS } from './budget.js';
import { autoChoice, methodStatus, type BiasedInputs, type ConcreteMethod } from './method-status.js';
import { ArrayNoise, PseudoNoise, sobolColumns } from './noise.js';
import { streamValue } from './stream.js';
import { closedFormReference } from './reference.js';
import { modelWarnings, validateGreeksRequest } from './validate.js';
import { plainStream, type Problem } from './valuers.js';
import { packTree } from '../../portable-json.js';

interface Task {
  readonly greek: GreekName;
  readonly label: ResultMethod;
  readonly method: ConcreteMethod;
  readonly biased: boolean;
  readonly reason?: string;
  readonly chosen?: ConcreteMethod;
}

/**
 * The path's dates: exact single steps where the payoff allows, fixings for Asians, the scheme's grid for Heston.
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * problemOf({ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 12 }, market, {}).steps;   // 12 (exact GBM steps to the fixings)
 * problemOf({ kind: 'bs' }, { kind: 'call', strike: 100 }, market, {}).steps;                        // 1
 * ```
 */
export function problemOf(model: ModelSpec, payoff: PayoffSpec, market: MarketSpec, options: GreeksOptions): Problem {
  const asian = payoff.kind.startsWith('asian');
  const steps = greeksSteps(model, payoff, options);
  return { model, payoff: asian ? { ...payoff, fixings: payoff.fixings ?? 12 } : payoff, market, steps, dims: model.kind === 'heston' ? 2 : 1 };
}

/** Runs the payoff once on a few paths with the inputs marked as sources; returns which inputs reach a jump. */
function pilot(pb: Problem, seed: number): { biased: BiasedInputs; events: { op: string; sources: string[] }[] } {
  return tidy(() => {
    const noise = new PseudoNoise(seed, 0, PILOT_PATHS);   // regenerated step by step: memory flat in the steps
    const m = pb.market;
    const x: DiffInputs = {
      spot: markSource(scalar(m.spot), 'spot'), vol: markSource(scalar(m.vol), 'vol'),
      rate: markSource(scalar(m.rate), 'rate'), maturity: markSource(scalar(m.maturity), 'maturity'),
    };
    const { events, jumps } = runPilot(() => streamValue(plainStream(pb, noise), x, PILOT_PATHS));
    const biased = new Map([...jumps].filter(([k]) => (INPUT_NAMES as readonly string[]).includes(k)));
    return { biased, events: events.map((e) => ({ op: e.op, sources: [...e.sources] })) };
  });
}

function planTasks(pb: Problem, greeks: readonly GreekName[], methods: readonly MethodName[], biased: BiasedInputs): { tasks: Task[]; na: [GreekName, ResultMethod, string][] } {
  const tasks: Task[] = [];
  const na: [GreekName, ResultMethod, string][] = [];
  for (const greek of greeks) {
    for (const label of methods) {
      if (label === 'auto') {
        const c = autoChoice(greek, pb.model, pb.payoff, biased);
        tasks.push({ greek, label, method: c.method, biased: false, reason: c.reason, chosen: c.method });
        continue;
      }
      const variants: ConcreteMethod[] = label === 'mixed' ? ['mixed', 'mixed-pwlr'] : [label];
      for (const method of variants) {
        if (method === 'mixed-pwlr' && greek !== 'gamma') continue;
        if (label === 'mixed' && greek !== 'gamma') continue;   // mixed estimators exist for gamma only
        const st = methodStatus(greek, method, pb.model, pb.payoff, biased);
        if (!st.applicable) na.push([greek, method, st.reason ?? 'not applicable']);
        else tasks.push({ greek, label: method, method, biased: st.biased, ...(st.reason !== undefined ? { reason: st.reason } : {}) });
      }
    }
  }
  return { tasks, na };
}

/**
 * Monte Carlo price and Greeks with standard errors.
 *
 * @param model - `{ kind: 'bs' }` or `{ kind: 'heston', kappa, theta, xi, rho }` (v₀ = vol²)
 * @param payoff - the product (see {@link PayoffSpec})
 * @param market - spot, vol, rate, maturity, dividend
 * @param options - greeks (default all five), methods (default ['auto']), paths (default 100 000), seed,
 *   steps, qmc, replicates (default 16), batch, onProgress, maxMemory (default 2 GB), maxWork (default 1e10
 *   path-steps): a request estimated over either is refused before any work
 * @returns price, per Greek and method `{ mean, stderr, n, biased?, reason? }`, closed forms, discontinuities
 * @throws PathwiseRangeError / PathwiseTypeError naming the invalid field
 * @example
 * ```ts
 * const r = greeks({ kind: 'bs' }, { kind: 'digital-call', strike: 100 },
 *   { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 },
 *   { greeks: ['delta'], methods: ['pathwise', 'lr', 'auto'], paths: 100_000, seed: 1 });
 * r.greeks.delta?.pathwise?.biased;   // true: the payoff steps through a value derived from spot
 * r.greeks.delta?.auto?.chosen;       // 'lr'
 * r.closedForm.delta;                 // ≈ 0.01876
 * ```
 */
export function greeks(model: ModelSpec, payoff: PayoffSpec, market: MarketSpec, options: GreeksOptions = {}): GreeksResult {
  const prep = prepareGreeks(model, payoff, market, options);
  return prep.finish(runBlocks(prep.job, prep.stats, { onProgress: prep.onProgress }));
}

/**
 * As {@link greeks}, with the blocks computed by worker threads (`workers`) or a cluster (`cluster`): the
 * same bits. In Node, `import 'pathwise/parallel'` first (the CLI does).
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * const r = await greeksAsync({ kind: 'bs' }, { kind: 'call', strike: 100 }, market, { paths: 100_000, workers: 2 });
 * r.execution;   // { where: 'worker threads', workers: 2, reason: '2 requested' }
 * ```
 */
export async function greeksAsync(
  model: ModelSpec, payoff: PayoffSpec, market: MarketSpec, options: GreeksOptions & ParallelOptions = {},
): Promise<GreeksResult> {
  checkParallelOptions('greeksAsync', options);
  const prep = prepareGreeks(model, payoff, market, options);
  const { onProgress: _p, workers: _w, cluster: _c, timeout: _t, signal: _s, executor: _e, handleSigint: _h, maxMemory: _m, maxWork: _k, ...portable } = options;
  const spec = { module: greeksModule(), export: 'greeksBlocks', args: packTree({ model, payoff, market, options: portable }) };
  const { stats, execution } = await executeJob({ ...prep.job, spec }, prep.stats, { ...options, onProgress: prep.onProgress });
  return { ...prep.finish(stats), execution };
}

/** The module whose `greeksBlocks` rebuilds a Greeks run in a worker thread or a cluster worker. */
/** Computed when used: a browser bundle has no module URL, and never needs this one. */
const greeksModule = (): string => new URL('./portable.js', import.meta.url).href;

/** A Greeks run ready to be computed: its blocks, and how the result is assembled from their statistics. */
export interface PreparedGreeks {
  readonly job: BlockJob;
  readonly stats: RunStatsOptions;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  finish(rs: RunStats): GreeksResult;
}

/** Validates the request, runs the pilot, plans the estimators and defines the blocks. */
export function prepareGreeks(model: ModelSpec, payoff: PayoffSpec, market: MarketSpec, options: GreeksOptions = {}): PreparedGreeks {
  validateGreeksRequest(model, payoff, market, options);
  checkGreeksBudget(greeksCost(model, payoff, options), options);   // before the pilot: nothing runs over the budget
  const pb = problemOf(model, payoff, market, options);
  const seed = options.seed ?? 0;
  const paths = options.paths ?? 100_000;
  const qmc = options.qmc === 'sobol';
  const replicates = qmc ? options.replicates ?? 16 : 1;
  const perReplicate = Math.max(1, Math.floor(paths / replicates));
  const batchSize = options.batchSize ?? options.batch ?? DEFAULT_BATCH_SIZE;
  const greekList = options.greeks ?? GREEK_NAMES;
  const { biased, events } = pilot(pb, seed);
  const { tasks, na } = planTasks(pb, greekList, options.methods ?? ['auto'], biased);
  const fused = model.kind === 'bs' && (payoff.kind === 'call' || payoff.kind === 'put') && !qmc;
  const total = perReplicate * replicates;
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const run = { pb, seed, qmc, replicates, perReplicate, batchSize, blockSize, total };
  const job = blockedJob(run, tasks, fused);
  const onProgress = options.onProgress;
  return {
    job,
    stats: { blocks: job.blocks, width: tasks.length + 1 },
    onProgress: onProgress === undefined ? undefined
      : (done, blocks) => onProgress(done === blocks ? total : Math.min(total, Math.round((total * done) / blocks)), total),
    finish(rs: RunStats): GreeksResult {
      const summary = (c: number): Estimate => {
        const x = rs.column(c);
        return { mean: x.mean, stderr: x.stderr, n: x.n };
      };
      const price = summary(0);
      const out: Partial<Record<GreekName, Partial<Record<ResultMethod, MethodEstimate>>>> = {};
      tasks.forEach((t, i) => {
        const entry: MethodEstimate = {
          ...summary(i + 1),
          ...(t.biased ? { biased: true } : {}),
          ...(t.reason !== undefined ? { reason: t.reason } : {}),
          ...(t.chosen !== undefined ? { chosen: t.chosen } : {}),
        };
        (out[t.greek] ??= {})[t.label] = entry;
      });
      for (const [g, m, reason] of na) (out[g] ??= {})[m] = { mean: NaN, stderr: NaN, n: 0, biased: true, reason };
      const reference = closedFormReference(model, pb.payoff, market, pb.steps);
      const closedForm: GreeksResult['closedForm'] = {};
      for (const k of ['price', ...greekList] as const) if (reference[k] !== undefined) closedForm[k] = reference[k];
      const warnings = modelWarnings(model, pb.steps);
      return {
        price,
        greeks: orderedGreeks(out, greekList),
        closedForm,
        discontinuities: events,
        setup: { paths: total, steps: pb.steps, qmc, ...(qmc ? { replicates } : {}) },
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  };
}

interface Run {
  readonly pb: Problem;
  readonly seed: number;
  readonly qmc: boolean;
  readonly replicates: number;
  readonly perReplicate: number;
  readonly batchSize: number;
  readonly blockSize: number;
  readonly total: number;
}

/**
 * The run's blocks: replicate r's points [j·blockSize, …) are block r·perReplicateBlocks + j (pseudo-random
 * runs have one replicate). Every block is evaluated in batches of at most `batchSize` paths (a memory knob:
 * every per-path value depends on the path's index only) and summarized whole, so the result is the same
 * bits for any batch size.
 */
function blockedJob(run: Run, tasks: readonly Task[], fused: boolean): BlockJob {
  const { pb, seed, qmc, replicates, perReplicate, batchSize, blockSize } = run;
  const perRep = Math.ceil(perReplicate / blockSize);
  const blocks = perRep * replicates;
  const plan = tangentPlan(tasks);
  let previous: PseudoNoise | undefined;
  const scratch = fused ? europeanScratch(Math.min(batchSize, blockSize, perReplicate)) : undefined;
  const compute = (b: number): BlockResult => {
    const r = Math.floor(b / perRep), off = (b % perRep) * blockSize;
    const n = Math.min(blockSize, perReplicate - off);
    const cols = [new Float64Array(n), ...tasks.map(() => new Float64Array(n))];
    for (let at = 0; at < n; at += batchSize) {
      const m = Math.min(batchSize, n - at);
      // no enclosing tidy: the batch streams over time, each step in its own scope (see stream.ts)
      const noise = qmc ? new ArrayNoise(sobolColumns(seed, r, pb.steps, pb.dims, off + at, m)) : (previous = new PseudoNoise(seed, off + at, m, previous));
      const batch = new Batch(pb, noise, m, fused, scratch, plan);
      cols[0]!.set(batch.value().subarray(0, m), at);
      tasks.forEach((t, i) => cols[i + 1]!.set(batch.estimator(t.greek, t.method).subarray(0, m), at));
    }
    return blockFromColumns(b, cols, qmc ? { replicate: r } : {});
  };
  return { blocks, compute };
}

function europeanScratch(n: number): EuropeanPathwiseArrays {
  return { price: new Float64Array(n), delta: new Float64Array(n), vega: new Float64Array(n), rho: new Float64Array(n), theta: new Float64Array(n) };
}

/** Greeks in the requested order, methods in a fixed order. */
function orderedGreeks(
  g: Partial<Record<GreekName, Partial<Record<ResultMethod, MethodEstimate>>>>, order: readonly GreekName[],
): GreeksResult['greeks'] {
  const methodOrder: ResultMethod[] = ['pathwise', 'lr', 'mixed', 'mixed-pwlr', 'fd', 'conditional', 'vibrato', 'auto'];
  const out: Partial<Record<GreekName, Partial<Record<ResultMethod, MethodEstimate>>>> = {};
  for (const k of order) {
    const row = g[k];
    if (row === undefined) continue;
    const sorted: Partial<Record<ResultMethod, MethodEstimate>> = {};
    for (const m of methodOrder) if (row[m] !== undefined) sorted[m] = row[m];
    out[k] = sorted;
  }
  return out;
}
