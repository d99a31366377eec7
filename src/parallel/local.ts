/** The executor that computes every block on the calling thread, in index order. */
import type { BlockJob, BlockResult } from '../montecarlo/block.js';
import { Delivery, throwIfAborted, type ExecutorOptions, type ExecutorReport, type ParallelExecutor } from './executor.js';

/**
 * Computes a run's blocks one after the other on the calling thread (the reference every other executor
 * must match bit for bit). The signal is checked between blocks.
 *
 * @example
 * ```ts
 * const results: BlockResult[] = [];
 * await localExecutor().run({ blocks: 3, compute: (index) => myBlock(index) }, (r) => results.push(r));
 * ```
 */
export function localExecutor(options: ExecutorOptions = {}): ParallelExecutor {
  let lastRun: ExecutorReport | undefined;
  return {
    get lastRun() {
      return lastRun;
    },
    async run(job: BlockJob, onResult: (r: BlockResult) => void): Promise<void> {
      lastRun = { where: 'calling thread', workers: 1 };
      const delivery = new Delivery(job, onResult, options.onProgress);
      for (let i = 0; i < job.blocks; i++) {
        // With a signal, let the event loop run between blocks so that a SIGINT handler can fire.
        if (options.signal !== undefined) await new Promise(setImmediate);
        throwIfAborted(options.signal);
        delivery.deliver(i, job.compute(i));
      }
    },
    close: () => Promise.resolve(),
  };
}
