/**
 * The unit of Monte Carlo work: a block. A run's sample index range [0, n) is cut into blocks of a fixed
 * size that depends only on the run's definition (never on the batch size, the number of threads or the
 * number of machines). A block is computed by a pure function of (run specification, block index) and
 * summarized by a {@link BlockResult}; the driver merges block results in block-index order (a left fold,
 * whatever order they arrive in), so every number of a run is the same bits however the blocks were
 * computed. This file is the contract between the driver, worker threads and cluster workers: a block
 * result is plain data (structured-clonable and JSON-serializable through {@link blockResultToJSON}).
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';

/** Summary of one block: per-column count/mean/M2 of its observations, and what else the run needs. */
export interface BlockResult {
  /** Block index in the run. */
  readonly index: number;
  /** Samples in the block. */
  readonly count: number;
  /**
   * Independent observations the block's M2 is built from: `count` when every sample is an independent
   * observation; the number of groups for batch means (reverse mode); 1 for a slice of a QMC replicate.
   */
  readonly groups: number;
  /** Replicate the block belongs to (randomized QMC); blocks of one replicate are merged mean-only. */
  readonly replicate?: number;
  /** Column means (column 0 is the value, 1… the gradient components or Greeks). */
  readonly mean: Float64Array;
  /** Column sums of squared deviations from the mean over the block's observations. */
  readonly m2: Float64Array;
  /** Row-major co-moment matrix of [columns…, control variates…] (control-variate runs only). */
  readonly comoment?: Float64Array;
  /** Means of the control variates (control-variate runs only). */
  readonly cvMean?: Float64Array;
  /** The first per-sample values of each column when the run keeps samples (histograms): kept[c][i]. */
  readonly kept?: readonly Float64Array[];
  /** Per-block facts the run reports (e.g. non-finite counts per column). */
  readonly notes?: Readonly<Record<string, number>>;
}

/** JSON form of a block result (typed arrays as number arrays, NaN as null). */
export type BlockResultJSON = Record<string, unknown>;

const ARRAYS = ['mean', 'm2', 'comoment', 'cvMean'] as const;

/** Plain JSON of a block result (what a cluster job returns). */
export function blockResultToJSON(r: BlockResult): BlockResultJSON {
  const out: Record<string, unknown> = { index: r.index, count: r.count, groups: r.groups };
  if (r.replicate !== undefined) out.replicate = r.replicate;
  for (const k of ARRAYS) if (r[k] !== undefined) out[k] = Array.from(r[k], (v) => (Number.isNaN(v) ? null : v));
  if (r.kept !== undefined) out.kept = r.kept.map((a) => Array.from(a, (v) => (Number.isNaN(v) ? null : v)));
  if (r.notes !== undefined) out.notes = { ...r.notes };
  return out;
}

function floats(name: string, v: unknown): Float64Array {
  if (!Array.isArray(v)) throw new PathwiseTypeError(`block result: ${name} must be an array, got ${show(v)}`);
  return Float64Array.from(v, (x) => {
    if (x === null) return Number.NaN;
    if (typeof x !== 'number') throw new PathwiseTypeError(`block result: ${name} holds a non-number ${show(x)}`);
    return x;
  });
}

function count(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new PathwiseRangeError(`block result: ${name} must be a non-negative integer, got ${show(v)}`);
  return v;
}

/** Inverse of {@link blockResultToJSON}, checking the shape of what arrived. */
export function blockResultFromJSON(json: unknown): BlockResult {
  if (json === null || typeof json !== 'object') throw new PathwiseTypeError(`block result: expected an object, got ${show(json)}`);
  const o = json as Record<string, unknown>;
  const r: { -readonly [K in keyof BlockResult]: BlockResult[K] } = {
    index: count('index', o.index), count: count('count', o.count), groups: count('groups', o.groups),
    mean: floats('mean', o.mean), m2: floats('m2', o.m2),
  };
  if (o.replicate !== undefined) r.replicate = count('replicate', o.replicate);
  if (o.comoment !== undefined) r.comoment = floats('comoment', o.comoment);
  if (o.cvMean !== undefined) r.cvMean = floats('cvMean', o.cvMean);
  if (o.kept !== undefined) {
    if (!Array.isArray(o.kept)) throw new PathwiseTypeError(`block result: kept must be an array, got ${show(o.kept)}`);
    r.kept = o.kept.map((a, i) => floats(`kept[${i}]`, a));
  }
  if (o.notes !== undefined) r.notes = o.notes as Record<string, number>;
  if (r.m2.length !== r.mean.length) throw new PathwiseRangeError(`block result: mean and m2 lengths differ (${r.mean.length}, ${r.m2.length})`);
  return r;
}

/**
 * How a run's blocks are computed: in this thread, by a worker-thread pool, or by a cluster. The driver
 * hands an executor the block indices of a run and a function that computes one block here; an executor
 * that can rebuild the run elsewhere uses `spec` (a serializable description: a built-in problem's name or a
 * module URL plus an export name, and the run's JSON arguments) instead of the function.
 */
export interface BlockExecutor {
  /** Computes the given blocks; `onResult` may be called in any order, once per index. */
  run(job: BlockJob, onResult: (r: BlockResult) => void): Promise<void>;
}

/** A run's blocks as one job. */
export interface BlockJob {
  readonly blocks: number;
  /** Computes block `index` on the calling thread. */
  readonly compute: (index: number) => BlockResult;
  /** How another thread or machine rebuilds `compute`; absent when the run cannot be rebuilt (a closure). */
  readonly spec?: RunSpecJSON;
  /** Why `spec` is absent (reported in the diagnostics when more than one worker was asked for). */
  readonly notPortable?: string;
}

/**
 * A portable run description. `module` is a file URL of an ES module whose export `export` is a
 * {@link BlockRunnerFactory}; `args` is plain JSON that the factory turns back into the run.
 * Built-in problems use modules inside pathwise itself.
 */
export interface RunSpecJSON {
  readonly module: string;
  readonly export: string;
  readonly args: unknown;
}

/** What a portable module exports: rebuilds a run from its JSON arguments; returns the block function. */
export type BlockRunnerFactory = (args: unknown) => BlockRunner | Promise<BlockRunner>;

/** A run rebuilt from its spec: how many blocks, and how to compute one. */
export interface BlockRunner {
  readonly blocks: number;
  readonly compute: (index: number) => BlockResult;
}
