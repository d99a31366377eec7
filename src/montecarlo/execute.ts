/**
 * Where a run's blocks are computed: on the calling thread, by worker threads or by a cluster. The core
 * (browser-safe) knows only the {@link BlockExecutor} contract; Node's worker threads and the BullMQ cluster
 * live in src/parallel, which registers itself here when imported (the CLI does; library users in Node
 * `import 'pathwise/parallel'`). Whatever computes the blocks, the driver folds them in block order, so the
 * result is the same bits.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { BlockExecutor, BlockJob, BlockResult } from './block.js';
import { runBlocks, runBlocksWith } from './driver.js';
import type { RunStats, RunStatsOptions } from './run-stats.js';

/** Options of the asynchronous entry points (`gradAsync`, `greeksAsync`, `sde.sensitivityAsync`). */
export interface ParallelOptions {
  /** Worker threads (default: every core for runs big enough to pay off, 1 for tiny runs; `PATHWISE_WORKERS`). */
  readonly workers?: number;
  /** A Redis URL (redis://user:password@host:port, rediss:// for TLS): compute the blocks on `pathwise worker`s. */
  readonly cluster?: string;
  /** Seconds a cluster run waits without any finished block before it fails (default 60). */
  readonly timeout?: number;
  /** Stops the run (pending blocks dropped, threads terminated). */
  readonly signal?: AbortSignal;
  /**
   * Ctrl-C (SIGINT) stops a run on worker threads or a cluster: the threads are terminated and the run
   * rejects with an InterruptedError (the CLI exits 130). A run on the calling thread keeps Node's default,
   * which ends the process at once. Default false (a library should not take over the process's signals).
   */
  readonly handleSigint?: boolean;
  /** An executor of your own (overrides workers and cluster). */
  readonly executor?: BlockExecutor;
}

/** How a run was computed (reported in its diagnostics). */
export interface Execution {
  readonly where: 'calling thread' | 'worker threads' | 'cluster' | 'executor';
  readonly workers: number;
  readonly reason: string;
}

/** What src/parallel provides once registered. */
export interface ParallelBackend {
  executor(request: {
    readonly blocks: number;
    readonly workers?: number;
    readonly cluster?: string;
    readonly timeout?: number;
    readonly signal?: AbortSignal;
    readonly handleSigint?: boolean;
    readonly onProgress?: (done: number, total: number) => void;
    /** Measured milliseconds of one block on the calling thread (for the default worker count). */
    readonly msPerBlock?: number;
  }): { readonly executor: BlockExecutor | null; readonly execution: Execution; readonly close: () => Promise<void> };
}

let backend: ParallelBackend | null = null;

/** Installs the Node backend (called by src/parallel on import). */
export function registerParallelBackend(b: ParallelBackend): void {
  backend = b;
}

/** Checks the parallel options at the API boundary. */
export function checkParallelOptions(where: string, o: ParallelOptions): void {
  if (o.workers !== undefined && !(Number.isSafeInteger(o.workers) && o.workers >= 1)) {
    throw new PathwiseRangeError(`${where}: workers must be a positive integer, got ${show(o.workers)}`);
  }
  if (o.cluster !== undefined && !(typeof o.cluster === 'string' && /^rediss?:\/\//.test(o.cluster))) {
    throw new PathwiseRangeError(`${where}: cluster must be a redis:// or rediss:// URL, got ${show(o.cluster)}`);
  }
  if (o.timeout !== undefined && !(o.timeout > 0)) throw new PathwiseRangeError(`${where}: timeout must be a positive number of seconds, got ${show(o.timeout)}`);
}

/**
 * Computes a job's blocks where the options say and folds them in order. A job without a portable spec (a
 * closure) runs on the calling thread, and the execution report says why.
 */
export async function executeJob(
  job: BlockJob, stats: RunStatsOptions, o: ParallelOptions & { readonly onProgress?: ((done: number, total: number) => void) | undefined },
): Promise<{ stats: RunStats; execution: Execution }> {
  if (o.executor !== undefined) {
    return { stats: await runBlocksWith(o.executor, job, stats, { onProgress: o.onProgress }), execution: { where: 'executor', workers: 1, reason: 'an executor given by the caller' } };
  }
  const wantsMore = o.cluster !== undefined || (o.workers ?? 2) > 1;
  if (!wantsMore || job.blocks <= 1) {
    return { stats: runBlocks(job, stats, { onProgress: o.onProgress }), execution: { where: 'calling thread', workers: 1, reason: job.blocks <= 1 ? 'one block: nothing to share' : 'workers: 1' } };
  }
  if (job.spec === undefined) {
    const reason = `runs on the calling thread: ${job.notPortable ?? 'the program cannot be rebuilt in another thread'}`;
    if (o.cluster !== undefined) throw new PathwiseRangeError(`cluster run refused: ${job.notPortable ?? 'the program cannot be rebuilt on another machine'}`);
    return { stats: runBlocks(job, stats, { onProgress: o.onProgress }), execution: { where: 'calling thread', workers: 1, reason } };
  }
  if (backend === null) {
    if (o.cluster !== undefined) throw new PathwiseRangeError(`cluster runs need Node and pathwise/parallel (import 'pathwise/parallel' first)`);
    return {
      stats: runBlocks(job, stats, { onProgress: o.onProgress }),
      execution: { where: 'calling thread', workers: 1, reason: 'worker threads are not available here (in Node, import \'pathwise/parallel\')' },
    };
  }
  // Without an explicit worker count, time the first block here: a run too small to pay for starting threads
  // stays on this thread (and keeps that block); otherwise the pool computes every block (block 0 again).
  let msPerBlock: number | undefined;
  let first: BlockResult | undefined;
  if (o.workers === undefined && o.cluster === undefined) {
    const t0 = performance.now();
    first = job.compute(0);
    msPerBlock = performance.now() - t0;
  }
  const { executor, execution, close } = backend.executor({
    blocks: job.blocks,
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
    ...(o.cluster !== undefined ? { cluster: o.cluster } : {}),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    ...(o.handleSigint === true ? { handleSigint: true } : {}),
    ...(msPerBlock !== undefined ? { msPerBlock } : {}),
  });
  try {
    if (executor === null) {
      const rest: BlockJob = { blocks: job.blocks, compute: (b) => (b === 0 && first !== undefined ? first : job.compute(b)) };
      return { stats: runBlocks(rest, stats, { onProgress: o.onProgress }), execution };
    }
    return { stats: await runBlocksWith(executor, job, stats, { onProgress: o.onProgress }), execution };
  } finally {
    await close();
  }
}

