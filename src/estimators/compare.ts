/**
 * Side-by-side comparison of estimators on one problem: for each, the gradient with its standard
 * error, the per-sample variance, the time per sample and the work-normalized variance (variance × time
 * per sample: the variance per second of compute, the figure to minimize). An estimator that does not
 * apply (pathwise on a discrete site) gets a row with the reason instead of numbers.
 */
import { NonFiniteError, PathwiseError } from '../errors.js';
import type { Estimate } from '../stats/estimate.js';
import { estimateGradient, prepareGradient, resolveRun, type RawGradResult } from './expectation.js';
import type { BlockJob } from '../montecarlo/block.js';
import { checkParallelOptions, executeJob, type ParallelOptions } from '../montecarlo/execute.js';
import { portableModule, portableArgs, type PortableLocation } from './portable-args.js';
import type { Program } from './surrogate.js';
import type { Diagnostics, EstimatorName, GradOptions, Params } from './types.js';

export interface CompareOptions extends GradOptions {
  /** Estimators to compare (default pathwise, score, mvd, fd). */
  readonly estimators?: readonly EstimatorName[];
}

export interface ComponentRow {
  readonly name: string;
  readonly mean: number;
  readonly stderr: number;
  /** Per-sample variance. */
  readonly variance: number;
  /** variance × seconds per sample. */
  readonly workNormalizedVariance: number;
}

export interface CompareRow {
  readonly estimator: EstimatorName;
  /** Set when the estimator does not apply to this problem, or (with `failed`) when its run failed. */
  readonly error?: string;
  /** True when the estimator applies but its run failed (NaN or ±Infinity in the cost or a gradient term). */
  readonly failed?: boolean;
  readonly value?: Estimate;
  readonly components: readonly ComponentRow[];
  readonly secondsPerSample: number;
  readonly biased: boolean;
  readonly diagnostics?: Diagnostics;
}

export function compareEstimators(program: Program, params: Params, options: CompareOptions): CompareRow[] {
  resolveRun(options, 'compare');   // bad run options (samples: 0, …) are an error, not a row per estimator
  const list = options.estimators ?? ['pathwise', 'score', 'mvd', 'fd'];
  return list.map((estimator): CompareRow => {
    try {
      return rowOf(estimator, estimateGradient(program, params, { ...options, estimator }));
    } catch (e) {
      if (!(e instanceof PathwiseError)) throw e;
      return errorRow(estimator, e);
    }
  });
}

/**
 * As {@link compareEstimators}, each estimator's blocks computed by worker threads or a cluster (the same
 * bits); `where` is the module and export a worker imports to find the objective (for `compare FILE`, the
 * file and its default export `{ objective, params }`).
 */
export async function compareEstimatorsAsync(
  program: Program, params: Params, options: CompareOptions & ParallelOptions, where: PortableLocation | undefined,
): Promise<CompareRow[]> {
  checkParallelOptions('compare', options);
  resolveRun(options, 'compare');
  const rows: CompareRow[] = [];
  for (const estimator of options.estimators ?? ['pathwise', 'score', 'mvd', 'fd']) {
    try {
      const o = { ...options, estimator };
      const prep = prepareGradient(program, params, o);
      const job: BlockJob = where !== undefined
        ? { ...prep.job, spec: { module: portableModule(), export: 'expectationBlocks', args: portableArgs(where, params, o, null) } }
        : { ...prep.job, notPortable: 'the objective was defined without its module location' };
      const { stats, execution } = await executeJob(job, prep.stats, o);
      rows.push(rowOf(estimator, prep.finish(stats, execution)));
    } catch (e) {
      if (!(e instanceof PathwiseError)) throw e;
      rows.push(errorRow(estimator, e));
    }
  }
  return rows;
}

function errorRow(estimator: EstimatorName, e: PathwiseError): CompareRow {
  return { estimator, error: e.message, ...(e instanceof NonFiniteError ? { failed: true } : {}), components: [], secondsPerSample: Number.NaN, biased: false };
}

function rowOf(estimator: EstimatorName, r: RawGradResult): CompareRow {
  const n = r.value.n;
  const perSample = r.diagnostics.seconds / n;
  const flatMean: number[] = [], flatStderr: number[] = [], flatVar: number[] = [];
  collect(r.grad, flatMean, flatStderr, flatVar);
  return {
    estimator, value: r.value, secondsPerSample: perSample, biased: r.diagnostics.biased, diagnostics: r.diagnostics,
    components: r.names.map((name, k) => ({
      name, mean: flatMean[k]!, stderr: flatStderr[k]!, variance: flatVar[k]!, workNormalizedVariance: flatVar[k]! * perSample,
    })),
  };
}

/** Flattens a gradient tree's estimates in component order. */
function collect(tree: unknown, mean: number[], stderr: number[], variance: number[]): void {
  if (tree !== null && typeof tree === 'object' && 'mean' in tree && 'stderr' in tree && 'variance' in tree && 'n' in tree) {
    const g = tree as { mean: unknown; stderr: unknown; variance: unknown };
    const flat = (x: unknown) => (typeof x === 'number' ? [x] : [...(x as { data: Float64Array }).data]);
    mean.push(...flat(g.mean));
    stderr.push(...flat(g.stderr));
    variance.push(...flat(g.variance));
    return;
  }
  if (Array.isArray(tree)) tree.forEach((t) => collect(t, mean, stderr, variance));
  else if (tree !== null && typeof tree === 'object') Object.values(tree).forEach((t) => collect(t, mean, stderr, variance));
}
