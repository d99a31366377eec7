/**
 * `expectation(program)`: the objective E[f] of a program with named sample sites, and its gradient
 * by any estimator, each number with its standard error. Every run goes through the Monte Carlo driver
 * (src/montecarlo): the samples are cut into fixed blocks, each block is summarized, and the summaries are
 * folded in block order, so the result is the same bits for any batch size.
 */
import { NonFiniteError, PathwiseRangeError, show } from '../errors.js';
import { key as makeKey, type Key } from '../random/key.js';
import type { Estimate } from '../stats/estimate.js';
import type { BlockJob } from '../montecarlo/block.js';
import { runBlocks } from '../montecarlo/driver.js';
import { checkParallelOptions, executeJob, type Execution, type ParallelOptions } from '../montecarlo/execute.js';
import type { BlockResult } from '../montecarlo/block.js';
import type { RunStatsOptions } from '../montecarlo/run-stats.js';
import { checkLocation, portableModule, portableArgs, type PortableLocation } from './portable-args.js';
import { blockLayout, DEFAULT_BATCH_SIZE, DEFAULT_BLOCK_SIZE, GROUPS_PER_BLOCK, type BlockLayout } from '../montecarlo/layout.js';
import type { RunStats } from '../montecarlo/run-stats.js';
import { checkMemory, countText, type MemoryEstimate } from '../montecarlo/memory-budget.js';
import type { SampleContext } from './context.js';
import { componentNames, flattenParams, gradTree, type FlatParams } from './params.js';
import { cachedPlan } from './plan.js';
import { fdBlock, forwardBlock, LANES, reverseBlock, separableByRows, valueBlock, type ExpectationRun } from './blocks.js';
import { EMA_DECAY } from './baselines.js';
import { columnName, firstNonFiniteBlock, locateNonFinite, NON_FINITE_POLICIES } from './non-finite.js';
import type { Program } from './surrogate.js';
import type {
  AdMode, BaselineName, Diagnostics, EstimatorName, GradOptions, GradResult, GradTree, Params, RunOptions, TensorTree,
} from './types.js';
import { compareEstimators, compareEstimatorsAsync, type CompareOptions, type CompareRow } from './compare.js';
import { Tensor } from '../tensor/tensor.js';

const ESTIMATORS: readonly EstimatorName[] = ['pathwise', 'score', 'mvd', 'fd', 'auto'];
const BASELINES: readonly BaselineName[] = ['none', 'loo', 'ema', 'optimal'];
const MODES: readonly AdMode[] = ['forward', 'reverse', 'auto'];
const PILOT_ROWS = 256;
/** Above this many parameter components, 'auto' differentiates in reverse mode. */
const FORWARD_MAX_COMPONENTS = 16;

export interface Objective<P extends Params> {
  /** E[f] with its standard error. */
  value(params: P, options?: RunOptions): Estimate;
  /** E[f] and ∇E[f] with standard errors, and diagnostics (estimator per site, discontinuities). */
  grad(params: P, options?: GradOptions): GradResult<P>;
  /**
   * As `grad`, with the blocks computed by worker threads (`workers`) or a cluster (`cluster`): the same bits.
   * The objective must have been made with its module location, `expectation(program, { module:
   * import.meta.url, export: 'name' })`, so that each worker can import it; otherwise the run stays on the
   * calling thread and `diagnostics.execution.reason` says why. In Node, `import 'pathwise/parallel'` first.
   */
  gradAsync(params: P, options?: GradOptions & ParallelOptions): Promise<GradResult<P>>;
  /** One row per estimator: gradient, stderr, per-sample variance, time per sample, work-normalized variance. */
  compare(params: P, options?: CompareOptions): CompareRow[];
  /**
   * As `compare`, each estimator's blocks on worker threads or a cluster (the same bits). `where` overrides
   * the objective's module location (`compare FILE` gives the file and its default export).
   */
  compareAsync(params: P, options?: CompareOptions & ParallelOptions & { readonly where?: PortableLocation }): Promise<CompareRow[]>;
}

interface Resolved {
  readonly data: Tensor | undefined;
  readonly samples: number;
  readonly batchSize: number;
  readonly layout: BlockLayout;
  readonly root: Key;
}

function count(where: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new PathwiseRangeError(`${where}: ${name} must be an integer ≥ ${min}, got ${show(v)}`);
  return v;
}

/** Validates the run options shared by value, grad and compare. */
export function resolveRun(opts: RunOptions, where: string): Resolved {
  if (opts.samples !== undefined && opts.paths !== undefined && opts.samples !== opts.paths) {
    throw new PathwiseRangeError(`${where}: give samples or its alias paths, not both (got ${show(opts.samples)} and ${show(opts.paths)})`);
  }
  const samples = count(where, 'samples', opts.samples ?? opts.paths ?? 100_000, 2);
  const batchSize = count(where, 'batchSize', opts.batchSize ?? DEFAULT_BATCH_SIZE, 1);
  const blockSize = count(where, 'blockSize', opts.blockSize ?? DEFAULT_BLOCK_SIZE, 1);
  const root = opts.key ?? makeKey(opts.seed ?? 0);
  const data = opts.data;
  if (data !== undefined && !(data instanceof Tensor && data.ndim >= 1 && data.shape[0]! >= 1)) {
    throw new PathwiseRangeError(`${where}: data must be a tensor with at least one row (leading axis), got ${show(data instanceof Tensor ? data.shape : data)}`);
  }
  return { samples, batchSize, layout: blockLayout(samples, blockSize, where), root, data };
}

/**
 * Raises NonFiniteError when a column held NaN or ±Inf values (counted per block, or per group in reverse
 * mode), naming the columns, the counts and — from a re-run of the first such block with every op checked —
 * the site or op that made the first one.
 */
function checkFinite(rs: RunStats, names: readonly string[], where: string, compute: (b: number) => unknown): void {
  const bad: string[] = [];
  // Only the noted columns (a model has tens of thousands), in column order.
  const noted = Object.keys(rs.notes).filter((k) => k.startsWith('nonfinite:')).map((k) => Number(k.slice(10))).sort((a, b) => a - b);
  for (const c of noted) {
    const k = rs.notes[`nonfinite:${c}`] ?? 0;
    if (k > 0) bad.push(`${columnName(c, names)} (${k} of ${rs.groups < rs.count ? `${rs.groups} batch-means groups of ${rs.count} samples` : `${rs.count} samples`})`);
  }
  if (bad.length === 0) return;
  const block = firstNonFiniteBlock(rs.notes);
  const found = locateNonFinite(compute, block);
  const origin = found !== null
    ? ` First in block ${block}: ${found}.`
    : block >= 0 ? ` Re-running block ${block} with every op checked did not locate it (a value made outside the ops?).` : '';
  throw new NonFiniteError(`${where}: NaN or ±Infinity in ${bad.join('; ')}: the estimate would be NaN or meaningless.${origin} Check the cost's domain (e.g. log of a negative sample) or the distribution's parameters, or pass nonFinite: 'drop' to leave such samples out (biased)`);
}

/** The warning of a run that dropped non-finite samples ('drop' policy), or null when none was dropped. */
function droppedWarning(rs: RunStats, names: readonly string[], compute: (b: number) => unknown): string | null {
  const dropped = rs.notes.dropped ?? 0;
  if (dropped === 0) return null;
  const cols: string[] = [];
  for (let c = 0; c < rs.width; c++) {
    const k = rs.notes[`dropped:${c}`] ?? 0;
    if (k > 0) cols.push(`${columnName(c, names)}: ${k}`);
  }
  const block = firstNonFiniteBlock(rs.notes);
  const found = locateNonFinite(compute, block);
  if (rs.count < 2) {
    throw new NonFiniteError(`grad: NaN or ±Infinity in ${dropped} of ${dropped + rs.count} samples, leaving ${rs.count} after dropping them: nothing to estimate from${found !== null ? `. First in block ${block}: ${found}` : ''}`);
  }
  return `dropped ${dropped} of ${dropped + rs.count} samples holding NaN or ±Infinity (${cols.join('; ')})${found !== null ? `; first in block ${block}: ${found}` : ''}: the estimate is over the finite samples only, so it is biased`;
}

/** Below this many flips of a discrete site, a finite-difference estimate's normal interval is unreliable
 * (the count of flips is about Poisson: 95 % intervals from k flips cover under 93 % for a mean below 20). */
const FEW_FLIPS = 20;

/** Components whose parameter leaf feeds a discrete site under finite differences. */
function discreteComponents(fp: FlatParams, paths: readonly string[]): number[] {
  const out: number[] = [];
  fp.leaves.forEach((t, i) => {
    if (!paths.includes(fp.paths[i]!)) return;
    for (let j = 0; j < t.size; j++) out.push(fp.offsets[i]! + j);
  });
  return out;
}

/**
 * The memory a run holds at once, from its request: per-sample columns of one block (cost, each component's
 * cost tangent, score and measure-valued terms, the assembled rows), the kept samples, and the program's
 * tensors for one batch (about 32 values per sample and tangent lane).
 */
export function expectationMemory(r: Resolved, components: number, keep: number, reverse: boolean): MemoryEstimate {
  const block = Math.min(r.layout.blockSize, r.samples), batch = Math.min(r.batchSize, block);
  const w = components + 1;
  // Reverse mode holds per-sample rows where they separate (at most 2^23 values), batch means otherwise.
  const columns = reverse ? Math.min(block * w, 2 ** 23) + 2 * block + 64 * w : block * (1 + 4 * w);
  const lanes = reverse ? 2 * w : Math.min(components, LANES) + 1;
  const bytes = 8 * (columns + keep * w + 32 * batch * lanes);
  const detail = `${countText(w)} column${w === 1 ? '' : 's'} × block of ${countText(block)}, batch of ${countText(batch)}${keep > 0 ? `, keepSamples ${countText(keep)}` : ''}`;
  return { bytes, detail };
}

/** Columns 1…K of a run with control variates (each adjusted on its own). */
function columnsOneByOne(rs: RunStats, K: number): { mean: Float64Array; stderr: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(K), stderr = new Float64Array(K), variance = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const c = rs.column(k + 1);
    mean[k] = c.mean;
    variance[k] = c.variance;
    stderr[k] = c.stderr;
  }
  return { mean, stderr, variance };
}

/** Runs the gradient estimation and assembles the result (shared by grad and compare). */
export interface RawGradResult {
  readonly value: Estimate;
  readonly grad: unknown;
  readonly diagnostics: Diagnostics;
  readonly names: string[];
  readonly flat: FlatParams;
}

/** Per-objective state carried across calls (the EMA baseline). */
export interface ObjectiveState {
  ema: number | null;
}

/** A gradient run ready to be computed: its blocks, and what the result needs. */
export interface PreparedGradient {
  readonly job: BlockJob;
  readonly stats: RunStatsOptions;
  finish(rs: RunStats, execution?: Execution): RawGradResult;
}

/** Validates the options, plans the sites (pilot or cache) and defines the run's blocks. */
export function prepareGradient(program: Program, params: Params, options: GradOptions, state: ObjectiveState = { ema: null }): PreparedGradient {
  const t0 = performance.now();
  const estimator = options.estimator ?? 'auto';
  const baseline = options.baseline ?? 'loo';
  const requestedMode = options.mode ?? 'auto';
  if (!ESTIMATORS.includes(estimator)) throw new PathwiseRangeError(`grad: estimator must be one of ${ESTIMATORS.join(', ')}; got ${show(estimator)}`);
  if (!BASELINES.includes(baseline)) throw new PathwiseRangeError(`grad: baseline must be one of ${BASELINES.join(', ')}; got ${show(baseline)}`);
  if (!MODES.includes(requestedMode)) throw new PathwiseRangeError(`grad: mode must be one of ${MODES.join(', ')}; got ${show(requestedMode)}`);
  const keep = options.keepSamples ?? 0;
  if (!Number.isSafeInteger(keep) || keep < 0) throw new PathwiseRangeError(`grad: keepSamples must be a non-negative integer, got ${show(keep)}`);
  const nonFinite = options.nonFinite ?? 'error';
  if (!NON_FINITE_POLICIES.includes(nonFinite)) throw new PathwiseRangeError(`grad: nonFinite must be one of ${NON_FINITE_POLICIES.join(', ')}; got ${show(nonFinite)}`);
  const fdStep = options.fdStep ?? 1e-4;
  // Checked whenever given: a bad value is an error even where finite differences are not used.
  if (!(fdStep > 0 && Number.isFinite(fdStep))) throw new PathwiseRangeError(`${estimator === 'fd' ? 'fd' : 'grad'}: fdStep must be > 0 and finite, got ${show(fdStep)}`);
  const r = resolveRun(options, 'grad');
  const groups = count('grad', 'groups', options.groups ?? GROUPS_PER_BLOCK, 2);
  const fp = flattenParams(params, 'grad');
  const K = fp.size;
  // Before the pilot and any block: the widest layout (forward, unless reverse was asked for) bounds the run.
  checkMemory('grad', expectationMemory(r, K, Math.min(keep, r.samples), requestedMode === 'reverse'), options.maxMemory);
  const { plan, cached } = cachedPlan(program, fp, r.root, Math.min(PILOT_ROWS, r.samples), estimator, r.data);
  const ema = state.ema;
  let run: ExpectationRun = {
    program, fp, root: r.root, layout: r.layout, batchSize: r.batchSize, modeOf: plan.modeOf,
    baseline, ema, keep: Math.min(keep, r.samples), perSample: false, data: r.data, groups,
    nonFinite, discreteSites: estimator === 'fd' ? plan.discreteFd : [],
  };
  let used: Diagnostics['mode'];
  let compute: (b: number) => BlockResult;
  if (K === 0) {
    used = { used: 'none', reason: 'no parameters to differentiate' };
    compute = (b) => valueBlock(run, b);
  } else if (estimator === 'fd') {
    const flat = fp.leaves.flatMap((t) => [...t.data]);
    const steps = Float64Array.from(flat, (v) => fdStep * Math.max(1, Math.abs(v)));
    for (let k = 0; k < K; k++) {
      if (flat[k]! + steps[k]! === flat[k]!) throw new PathwiseRangeError(`fd: the step ${show(steps[k]!)} vanishes against the parameter value ${show(flat[k]!)}: choose a larger fdStep`);
    }
    used = { used: 'none', reason: 'finite differences need no derivatives' };
    compute = (b) => fdBlock(run, b, steps);
  } else {
    const reverse = requestedMode === 'reverse' || (requestedMode === 'auto' && K > FORWARD_MAX_COMPONENTS && plan.controls === 0 && nonFinite === 'error');
    if (reverse && nonFinite === 'drop') throw new PathwiseRangeError(`grad: nonFinite 'drop' leaves out single samples, which mode 'reverse' cannot (its batch means, and its probe of separability); use mode 'forward'`);
    if (reverse) run = { ...run, perSample: separableByRows(run, plan, r.samples) };
    if (reverse && !run.perSample && plan.controls > 0) throw new PathwiseRangeError(`grad: mode 'reverse' gives batch means for this program (its gradient does not separate by samples), which control variates cannot use (they need per-sample values); use mode 'forward'`);
    used = reverse
      ? { used: 'reverse', reason: requestedMode === 'reverse' ? 'requested' : `${K} parameter components (> ${FORWARD_MAX_COMPONENTS}): one reverse pass costs less than a tangent lane per component` }
      : { used: 'forward', reason: requestedMode === 'forward' ? 'requested' : plan.controls > 0 ? 'control variates need per-sample gradients' : nonFinite === 'drop' && K > FORWARD_MAX_COMPONENTS ? `nonFinite 'drop' needs per-sample values` : `${K} parameter component(s): one tangent lane each gives exact per-sample gradients` };
    const fixed = run;
    compute = reverse ? (b) => reverseBlock(fixed, b) : (b) => forwardBlock(fixed, b);
  }
  const blocks = r.layout.blocks;
  return {
    job: { blocks, compute },
    stats: { blocks, width: K + 1, keep: run.keep },
    finish(rs: RunStats, execution?: Execution): RawGradResult {
      // Names only when something needs them (tens of thousands of strings for a model's weights).
      let memo: string[] | null = null;
      const namesOf = (): string[] => (memo ??= componentNames(fp));
      checkFinite(rs, Object.keys(rs.notes).length > 0 ? namesOf() : [], 'grad', compute);
      const dropped = (rs.notes.dropped ?? 0) > 0 ? droppedWarning(rs, namesOf(), compute) : null;
      const n = rs.count;
      const { mean, stderr, variance } = rs.columnArrays(1) ?? columnsOneByOne(rs, K);
      const v = rs.column(0);
      if (baseline === 'ema') state.ema = state.ema === null ? v.mean : EMA_DECAY * state.ema + (1 - EMA_DECAY) * v.mean;
      const warnings = [...plan.warnings];
      if (dropped !== null) warnings.push(dropped);
      if (estimator === 'fd') warnings.push(`finite differences: bias O(h²) with h = ${fdStep}·max(1, |θ|)`);
      // A degenerate result is flagged, never printed as agreement: a discrete site's sample flips between θ ± h
      // with probability O(h), and the finite difference sees its jump only through the samples that flipped.
      const fed = estimator === 'fd' ? discreteComponents(fp, plan.discreteFdPaths) : [];
      const names = fed.length > 0 ? namesOf() : [];
      const unflipped = fed.filter((k) => (rs.notes[`fdflips:${k}`] ?? 0) === 0).map((k) => names[k]!);
      const degenerate = unflipped.length > 0;
      if (degenerate) {
        const zero = unflipped.filter((name) => { const k = names.indexOf(name); return variance[k] === 0 && mean[k] === 0; });
        warnings.push(`degenerate: no sample of the discrete site(s) ${plan.discreteFd.join(', ')} changed between θ ± h, so the finite-difference gradient of ${unflipped.join(', ')} ${zero.length === unflipped.length ? 'is 0 ± 0, which says nothing' : 'misses their jumps entirely (biased)'}; use 'score' or 'mvd'`);
      }
      const few = fed.map((k) => [names[k]!, rs.notes[`fdflips:${k}`] ?? 0] as const).filter(([, f]) => f > 0 && f < FEW_FLIPS);
      if (few.length > 0) {
        warnings.push(`unreliable: only ${few.map(([name, f]) => `${f} sample${f === 1 ? '' : 's'} (${name})`).join(', ')} of ${n} flipped a discrete site between θ ± h; the estimate and its standard error rest on so few jumps that a normal interval does not hold (fewer than ${FEW_FLIPS}); use 'score' or 'mvd', or more samples`);
      }
      if (used.used === 'reverse' && baseline === 'optimal' && plan.sites.some((x) => x.estimator === 'score')) {
        warnings.push(`reverse mode has no per-sample scores for the optimal baseline: the leave-one-out baseline was used`);
      }
      const diagnostics: Diagnostics = {
        sites: plan.sites, events: plan.events, biased: plan.biased || degenerate || dropped !== null, warnings,
        trace: rs.trace, samples: rs.keptValues(), seconds: (performance.now() - t0) / 1000,
        blocks: { count: r.layout.blocks, size: r.layout.blockSize },
        mode: used,
        stderrMethod: used.used === 'reverse' && !run.perSample ? `batch means over ${rs.groups} groups (up to ${groups} per block)` : 'per-sample',
        plan: cached ? 'cached' : 'pilot',
        ...(execution !== undefined ? { execution } : {}),
      };
      return { value: { mean: v.mean, stderr: v.stderr, n }, grad: gradTree(fp, mean, stderr, variance, n), diagnostics, get names() { return namesOf(); }, flat: fp };
    },
  };
}

export function estimateGradient(program: Program, params: Params, options: GradOptions, state: ObjectiveState = { ema: null }): RawGradResult {
  const prep = prepareGradient(program, params, options, state);
  return prep.finish(runBlocks(prep.job, prep.stats, { onProgress: options.onProgress }));
}

/**
 * The expectation of a program's per-sample cost over its sample sites.
 * @example
 * const objective = expectation((p, s) => {
 *   const z = s.sample('z', Normal(p.phi, exp(p.phi.div(2))));   // z ~ N(φ, e^φ)
 *   return square(z);                                             // E[z²] = φ² + e^φ
 * });
 * objective.grad({ phi: 0.5 }, { samples: 100_000, seed: 7 }).grad.phi   // { mean ≈ 2.6487, stderr ≈ 0.01, n }
 */
export function expectation<P extends Params>(program: (p: TensorTree<P>, s: SampleContext) => Tensor, where?: PortableLocation): Objective<P> {
  const prog = program as unknown as Program;
  const state: ObjectiveState = { ema: null };
  if (where !== undefined) checkLocation(where);
  const objective: Objective<P> = {
    value(params: P, options: RunOptions = {}): Estimate {
      const r = resolveRun(options, 'value');
      const fp = flattenParams(params, 'value');
      checkMemory('value', expectationMemory(r, 0, 0, false), options.maxMemory);
      const run: ExpectationRun = { program: prog, fp, root: r.root, layout: r.layout, batchSize: r.batchSize, modeOf: () => 'value', baseline: 'none', ema: null, keep: 0, perSample: false, data: r.data };
      const compute = (b: number) => valueBlock(run, b);
      const rs = runBlocks({ blocks: r.layout.blocks, compute }, { blocks: r.layout.blocks, width: 1 }, { onProgress: options.onProgress });
      checkFinite(rs, [], 'value', compute);
      const s = rs.column(0);
      return { mean: s.mean, stderr: s.stderr, n: s.n };
    },
    grad(params: P, options: GradOptions = {}): GradResult<P> {
      const { value, grad, diagnostics } = estimateGradient(prog, params as Params, options, state);
      return { value, grad: grad as GradTree<P>, diagnostics };
    },
    async gradAsync(params: P, options: GradOptions & ParallelOptions = {}): Promise<GradResult<P>> {
      checkParallelOptions('gradAsync', options);
      const ema = state.ema;
      const prep = prepareGradient(prog, params as Params, options, state);
      const job: BlockJob = where !== undefined && options.data === undefined
        ? { ...prep.job, spec: { module: portableModule(), export: 'expectationBlocks', args: portableArgs(where, params as Params, options, ema) } }
        : { ...prep.job, notPortable: where === undefined ? 'the objective was defined without its module location: expectation(program, { module: import.meta.url, export: \'name\' })' : 'runs with data stay on the calling thread' };
      const { stats, execution } = await executeJob(job, prep.stats, options);
      const { value, grad, diagnostics } = prep.finish(stats, execution);
      return { value, grad: grad as GradTree<P>, diagnostics };
    },
    compare(params: P, options: CompareOptions = {}): CompareRow[] {
      return compareEstimators(prog, params as Params, options);
    },
    compareAsync(params: P, options: CompareOptions & ParallelOptions & { readonly where?: PortableLocation } = {}): Promise<CompareRow[]> {
      const { where: at, ...rest } = options;
      if (at !== undefined) checkLocation(at);
      return compareEstimatorsAsync(prog, params as Params, rest, at ?? where);
    },
  };
  // A registry-wide symbol, so that the program is found even when the objective's module loaded another copy
  // of pathwise (source and build, or two installs) than the worker's.
  Object.defineProperty(objective, PROGRAM, { value: prog });
  return objective;
}

const PROGRAM = Symbol.for('pathwise.expectation.program');

/** The program of an objective made by {@link expectation} (for the portable block runner). */
export function programOf(objective: unknown): Program | undefined {
  if (typeof objective !== 'object' || objective === null) return undefined;
  const p = (objective as Record<symbol, unknown>)[PROGRAM];
  return typeof p === 'function' ? (p as Program) : undefined;
}
