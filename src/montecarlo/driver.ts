/**
 * The one Monte Carlo driver: a run is a number of blocks and a function that computes one; the driver
 * computes them (here, or through an executor on worker threads or a cluster) and folds the results in
 * block order into {@link RunStats}. Every entry point — `expectation`, `greeks`, `sde.sensitivity`, the
 * trainers' estimator studies — runs through `runBlocks`.
 */
import type { BlockExecutor, BlockJob, BlockResult } from './block.js';
import { RunStats, type RunStatsOptions } from './run-stats.js';

export interface DriveOptions {
  /** Called after each folded block with (blocks done, blocks in all). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Computes every block of `job` on the calling thread, in order, and returns the folded statistics. */
export function runBlocks(job: BlockJob, stats: RunStatsOptions, o: DriveOptions = {}): RunStats {
  const rs = new RunStats(stats);
  for (let b = 0; b < job.blocks; b++) {
    rs.add(job.compute(b));
    o.onProgress?.(rs.done, job.blocks);
  }
  return rs;
}

/** As {@link runBlocks}, through an executor (worker threads, a cluster): the same bits, folded in order. */
export async function runBlocksWith(executor: BlockExecutor, job: BlockJob, stats: RunStatsOptions, o: DriveOptions = {}): Promise<RunStats> {
  const rs = new RunStats(stats);
  await executor.run(job, (r: BlockResult) => {
    rs.add(r);
    o.onProgress?.(rs.done, job.blocks);
  });
  return rs;
}
