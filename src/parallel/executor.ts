/**
 * What every executor of src/parallel adds to the driver's BlockExecutor contract: options for progress and
 * cancellation, a report of how the last run was computed, and `close()` to release threads or connections.
 */
import type { BlockExecutor, BlockJob, BlockResult } from '../montecarlo/block.js';
import { PathwiseRangeError, show } from '../errors.js';
import { InterruptedError, ParallelError } from './errors.js';

/** Options shared by the executors. */
export interface ExecutorOptions {
  /** Stops the run: pending blocks are dropped, running threads terminated; `run` rejects with InterruptedError. */
  readonly signal?: AbortSignal;
  /** Called after each delivered block with the number of blocks done so far and the run's total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How the last run was computed, for the run's diagnostics. */
export interface ExecutorReport {
  readonly where: 'calling thread' | 'worker threads' | 'cluster';
  readonly workers: number;
  /** Why the run did not go where it was asked to (a closure that cannot be rebuilt in a worker). */
  readonly note?: string;
}

/** A BlockExecutor that can be closed and says how it ran. */
export interface ParallelExecutor extends BlockExecutor {
  /** Set by each `run`. */
  readonly lastRun: ExecutorReport | undefined;
  /** Releases threads or connections; the executor may not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Hands results to `onResult` once per index, counts progress and checks what arrives: an index outside
 * the run or one delivered twice is a bug in an executor, reported as such rather than merged twice.
 */
export class Delivery {
  private readonly seen: Uint8Array;
  done = 0;

  constructor(
    readonly job: BlockJob,
    private readonly onResult: (r: BlockResult) => void,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    checkBlocks(job.blocks);
    this.seen = new Uint8Array(job.blocks);
  }

  /** True when block `index` has been delivered. */
  has(index: number): boolean {
    return this.seen[index] === 1;
  }

  get complete(): boolean {
    return this.done === this.job.blocks;
  }

  deliver(expected: number, r: BlockResult): void {
    if (r.index !== expected || !(r.index >= 0 && r.index < this.job.blocks)) {
      throw new ParallelError(`block ${expected}: result carries index ${show(r.index)}`);
    }
    if (this.seen[r.index] === 1) throw new ParallelError(`block ${r.index} delivered twice`);
    this.seen[r.index] = 1;
    this.done++;
    this.onResult(r);
    this.onProgress?.(this.done, this.job.blocks);
  }
}

export function checkBlocks(blocks: unknown): void {
  if (typeof blocks !== 'number' || !Number.isSafeInteger(blocks) || blocks < 0) {
    throw new PathwiseRangeError(`executor: job.blocks must be a non-negative integer, got ${show(blocks)}`);
  }
}

/** Throws InterruptedError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new InterruptedError();
}

/** Waits for `p` at most `ms` milliseconds, ignoring its outcome (closing connections to a server that is gone). */
export async function within(ms: number, p: Promise<unknown>): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((resolve) => (t = setTimeout(resolve, ms)))]);
  clearTimeout(t);
}
