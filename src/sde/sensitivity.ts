/**
 * `sensitivity`: ∂E[loss(X_T)]/∂θ for every parameter, with standard errors, by one of four estimators
 * that see the same Brownian increments: forward (tangent) mode, adjoint (reverse) mode, central finite
 * differences with common random numbers, and the likelihood ratio of the Euler scheme. Every run
 * records the discontinuous ops that consumed Brownian-driven values; 'auto' looks at a small pilot
 * chunk and, if the loss or the dynamics are discontinuous there, uses the likelihood ratio (or, where it
 * does not apply, finite differences) instead of the pathwise derivative, which would be biased.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { tidy } from '../tensor/pool.js';
import { packTree } from '../portable-json.js';
import type { DiscontinuityEvent } from '../ad/tracking.js';
import { autoEstimator, runPilot } from '../montecarlo/pilot.js';
import { adjointSensitivity } from './adjoint.js';
import { BrownianSource } from './brownian-source.js';
import { fdSensitivity } from './finite-difference.js';
import { forwardSensitivity } from './forward.js';
import { prepare, scalarParams, type Problem } from './problem.js';
import { scoreApplies, scoreSensitivity } from './score.js';
import { GradAccumulator, lossVector, terminalState } from './simulate.js';
import type { Estimate } from '../stats/estimate.js';
import type { BlockJob, BlockResult } from '../montecarlo/block.js';
import { checkParallelOptions, executeJob, type Execution, type ParallelOptions } from '../montecarlo/execute.js';
import type { RunStats, RunStatsOptions } from '../montecarlo/run-stats.js';
import { blockFromColumns } from '../montecarlo/block-stats.js';
import { runBlocks } from '../montecarlo/driver.js';
import { blockLayout, blockRange } from '../montecarlo/layout.js';
import { checkMemory, countText, type MemoryEstimate } from '../montecarlo/memory-budget.js';
import type { SdeParams, SensitivityMode, SensitivityOptions, SensitivityResult } from './types.js';

const MODES: readonly SensitivityMode[] = ['forward', 'adjoint', 'fd', 'score', 'auto'];
const PILOT_PATHS = 64;

/** Discontinuities met by a plain run of the first few paths (for 'auto'). */
function pilot(pr: Problem, loss: (xT: Tensor) => Tensor | number): DiscontinuityEvent[] {
  const source = new BrownianSource(pr.key, pr.sys.m, pr.h, pr.substeps, pr.scheme.needsLevyArea, true);
  const n = Math.min(pr.paths, PILOT_PATHS);
  return runPilot(() => tidy(() => {
    lossVector(loss, terminalState(pr, scalarParams(pr.params), source, 0, n), n);
  })).events;
}

/**
 * ∂E[loss(X_T)]/∂θ with standard errors (and E[loss(X_T)] itself).
 *
 * @example
 * ```ts
 * // ∂E[X_T]/∂μ of geometric Brownian motion is T·x0·e^{μT}:
 * const r = sensitivity({
 *   drift: (t, x, p) => x.mul(p.mu), diffusion: (t, x, p) => x.mul(p.sigma),
 *   x0: 1, params: { mu: 0.05, sigma: 0.2 }, t1: 1, steps: 64, paths: 10_000,
 *   noise: 'diagonal', key: key(3), loss: (x) => x, mode: 'adjoint',
 * });
 * r.grad.mu;                    // { mean: ≈1.05, stderr: ≈0.002, n: 10000 }
 * r.diagnostics.discontinuities; // [] — pathwise is unbiased here
 * ```
 */
export function sensitivity<P extends SdeParams>(options: SensitivityOptions<P>): SensitivityResult<P> {
  const prep = prepareSensitivity(options);
  return prep.finish(runBlocks(prep.job, prep.stats, { onProgress: options.onProgress }));
}

/** How a worker rebuilds the options of a sensitivity run: `(await import(module))[export](args)`. */
export interface SensitivitySource {
  readonly module: string;
  readonly export: string;
  readonly args: unknown;
}

/**
 * As {@link sensitivity}, with the blocks computed by worker threads (`workers`) or a cluster (`cluster`):
 * the same bits. Drift, diffusion and loss are functions, so a worker rebuilds them from `from`: a module
 * (file URL) whose export, called with `args`, returns these options (the built-in models give it:
 * `sde.models.portable('heston', [paths, steps, seed])`). Without `from` the run stays on this thread.
 * @example
 * ```ts
 * const r = await sde.sensitivityAsync({ ...sde.models.gbm(20_000, 16, 1), mode: 'forward' },
 *   { workers: 2, from: sde.models.portable('gbm', 20_000, 16, 1) });
 * r.grad.mu.mean;   // ≈ 1.05 (exact for the scheme: sde.models.gbmSensitivity(16).muEuler = 1.048)
 * ```
 */
export async function sensitivityAsync<P extends SdeParams>(
  options: SensitivityOptions<P>, parallel: ParallelOptions & { readonly from?: SensitivitySource } = {},
): Promise<SensitivityResult<P> & { readonly execution: Execution }> {
  checkParallelOptions('sde.sensitivityAsync', parallel);
  const prep = prepareSensitivity(options);
  const { onProgress: _o, key: _k, drift: _d, diffusion: _f, loss: _l, ...plain } = options;
  const job: BlockJob = parallel.from !== undefined
    // Packed: the parameters' key order (the gradient's columns) and every number (maxMemory: Infinity) survive a
    // cluster's sorted-key JSON.
    ? { ...prep.job, spec: { module: sdeModule(), export: 'sensitivityBlocks', args: packTree({ from: parallel.from, overrides: plain }) } }
    : { ...prep.job, notPortable: 'drift, diffusion and loss are closures: pass `from` (a module export that rebuilds the options)' };
  const { stats, execution } = await executeJob(job, prep.stats, { ...parallel, onProgress: options.onProgress });
  return { ...prep.finish(stats), execution };
}

/** Computed when used: a browser bundle has no module URL, and never needs this one. */
const sdeModule = (): string => new URL('./portable.js', import.meta.url).href;

/** A sensitivity run ready to be computed. */
export interface PreparedSensitivity<P extends SdeParams> {
  readonly job: BlockJob;
  readonly stats: RunStatsOptions;
  finish(rs: RunStats): SensitivityResult<P>;
}

/**
 * The memory a sensitivity run holds at once, from its request: a batch of paths with the state, its tangents
 * and about 40 intermediate arrays per step of one checkpoint segment (the adjoint's tape), the block's per-path
 * columns, and the time grid. The same figure as the command line's budget.
 */
function sensitivityMemory(pr: Problem, components: number, every: number): MemoryEstimate {
  const block = Math.min(pr.blockSize, pr.paths), batch = Math.min(pr.chunkSize, block);
  const d = pr.x0.length, w = d * (1 + components);
  const bytes = 8 * (batch * w * 40 * (1 + Math.min(every, pr.steps)) + block * (components + 1)) + 64 * pr.steps * pr.substeps;
  return { bytes, detail: `batch of ${countText(batch)} paths × ${countText(w)} state and tangent values × segment of ${countText(Math.min(every, pr.steps))} steps, grid of ${countText(pr.steps * pr.substeps)}` };
}

/** Validates the options, chooses the estimator (the pilot) and defines the blocks. */
export function prepareSensitivity<P extends SdeParams>(options: SensitivityOptions<P>): PreparedSensitivity<P> {
  const fn = 'sde.sensitivity';
  const pr = prepare(fn, options);
  if (typeof options.loss !== 'function') throw new PathwiseTypeError(`${fn}: loss must be a function (xT) => per-path values, got ${show(options.loss)}`);
  if (pr.paths < 2) throw new PathwiseRangeError(`${fn}: paths must be ≥ 2 (a standard error needs two paths), got ${show(pr.paths)}`);
  const mode = options.mode ?? 'auto';
  if (!MODES.includes(mode)) throw new PathwiseRangeError(`${fn}: mode must be one of ${MODES.join(', ')}, got ${show(mode)}`);
  const names = [...(options.wrt ?? Object.keys(pr.params))];
  for (const k of names) {
    if (!(k in pr.params)) throw new PathwiseRangeError(`${fn}: wrt names ${show(k)}, which is not in params (${Object.keys(pr.params).join(', ')})`);
  }
  if (options.checkpointEvery !== undefined && options.checkpoints !== undefined) {
    throw new PathwiseRangeError(`${fn}: give checkpointEvery (one level) or checkpoints (nested), not both`);
  }
  const slots = options.checkpoints ?? Infinity;
  if (slots !== Infinity && !(Number.isInteger(slots) && slots >= 2)) throw new PathwiseRangeError(`${fn}: checkpoints must be an integer ≥ 2, got ${show(slots)}`);
  const every = slots !== Infinity ? Math.ceil(pr.steps / slots) : options.checkpointEvery ?? Math.max(1, Math.ceil(Math.sqrt(pr.steps)));
  if (!Number.isInteger(every) || every < 1) throw new PathwiseRangeError(`${fn}: checkpointEvery must be a positive integer, got ${show(every)}`);
  // The adjoint's tape (one checkpoint segment) only in adjoint mode, or when 'auto' may choose it.
  checkMemory(fn, sensitivityMemory(pr, names.length, mode === 'adjoint' || mode === 'auto' ? every : 1), options.maxMemory);
  const fdStep = options.fdStep;
  if (fdStep !== undefined && !(fdStep > 0 && Number.isFinite(fdStep))) throw new PathwiseRangeError(`${fn}: fdStep must be > 0 and finite, got ${show(fdStep)}`);
  const loss = options.loss as (xT: Tensor) => Tensor | number;

  // The pilot's discontinuities are reported in every mode (and choose the estimator under 'auto').
  const events = pilot(pr, loss);
  const used: Exclude<SensitivityMode, 'auto'> = mode !== 'auto' ? mode : autoEstimator([...new Set(events.map((e) => e.op))], [
    { name: 'score', applies: scoreApplies(pr), why: 'the likelihood ratio of the Euler scheme' },
    { name: 'fd', applies: true, why: 'central differences with common random numbers' },
  ], 'forward').name;
  const layout = blockLayout(pr.paths, pr.blockSize, fn);
  const compute = (b: number): BlockResult => {
    const { start, rows } = blockRange(layout, b);
    const acc = new GradAccumulator(names, start, rows);
    if (used === 'forward') forwardSensitivity(pr, loss, acc);
    else if (used === 'adjoint') adjointSensitivity(pr, loss, acc, { every, slots });
    else if (used === 'score') scoreSensitivity(pr, loss, acc);
    else fdSensitivity(pr, loss, acc, (k) => fdStep ?? 1e-5 * Math.max(1, Math.abs(pr.params[k]!)));
    return blockFromColumns(b, acc.columns());
  };
  return {
    job: { blocks: layout.blocks, compute },
    stats: { blocks: layout.blocks, width: names.length + 1 },
    finish(rs: RunStats): SensitivityResult<P> {
      const summary = (c: number): Estimate => {
        const x = rs.column(c);
        return { mean: x.mean, stderr: x.stderr, n: x.n };
      };
      const value = summary(0);
      const grad = Object.fromEntries(names.map((k, i) => [k, summary(i + 1)]));
      const base = { mode: used, discontinuities: events, blocks: { count: layout.blocks, size: layout.blockSize } };
      // The adjoint's peak storage depends on the checkpoint plan only: measured on one path.
      const diagnostics = used !== 'adjoint' ? base
        : { ...base, storedStates: adjointSensitivity({ ...pr, chunkSize: 1 }, loss, new GradAccumulator(names, 0, 1), { every, slots }) };
      return { value, grad: grad as SensitivityResult<P>['grad'], diagnostics };
    },
  };
}
