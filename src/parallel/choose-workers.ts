/**
 * The default number of worker threads: every core for a run big enough to pay for starting threads,
 * one for a tiny run; `PATHWISE_WORKERS` overrides the default, an explicit option overrides both.
 */
import { availableParallelism } from 'node:os';
import { PathwiseRangeError, show } from '../errors.js';

/** Below this much estimated work (ms on one thread) a run stays on the calling thread. */
export const MIN_PARALLEL_WORK_MS = 200;

/** What {@link chooseWorkers} decided and why (for the run's diagnostics). */
export interface WorkersChoice {
  readonly workers: number;
  readonly reason: string;
}

export interface WorkersRequest {
  /** Blocks in the run. */
  readonly blocks: number;
  /** Estimated milliseconds to compute one block on one thread (unknown: assumed big enough). */
  readonly msPerBlock?: number;
  /** An explicit choice (`workers` option, `--workers`): wins over everything else. */
  readonly requested?: number;
  /** Environment to read PATHWISE_WORKERS from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Cores of the machine (default os.availableParallelism()). */
  readonly cores?: number;
}

function positiveInteger(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new PathwiseRangeError(`workers: ${what} must be a positive integer, got ${show(v)}`);
  }
  return v;
}

/**
 * Decides how many worker threads a run gets. Starting a thread and rebuilding the run in it costs some
 * tens of milliseconds (more from TypeScript source), so a run with less than {@link MIN_PARALLEL_WORK_MS}
 * of estimated work stays on the calling thread; otherwise every core, but never more threads than blocks.
 *
 * @example
 * ```ts
 * chooseWorkers({ blocks: 64, msPerBlock: 50, cores: 8, env: {} });
 * // { workers: 8, reason: 'one per core (8 cores) for ~3200 ms of work' }
 * chooseWorkers({ blocks: 2, msPerBlock: 1, cores: 8, env: {} }).workers;            // 1 (tiny run)
 * chooseWorkers({ blocks: 64, env: { PATHWISE_WORKERS: '3' } }).workers;             // 3
 * chooseWorkers({ blocks: 64, env: { PATHWISE_WORKERS: 'many' } });                  // throws PathwiseRangeError
 * ```
 */
export function chooseWorkers(request: WorkersRequest): WorkersChoice {
  const { blocks } = request;
  if (!Number.isSafeInteger(blocks) || blocks < 0) throw new PathwiseRangeError(`workers: blocks must be a non-negative integer, got ${show(blocks)}`);
  if (request.requested !== undefined) {
    return { workers: positiveInteger('the workers option', request.requested), reason: `${request.requested} requested` };
  }
  const env = (request.env ?? process.env).PATHWISE_WORKERS;
  if (env !== undefined && env.trim() !== '') {
    return { workers: positiveInteger('PATHWISE_WORKERS', Number(env)), reason: `PATHWISE_WORKERS=${env}` };
  }
  const cores = request.cores ?? availableParallelism();
  if (cores <= 1) return { workers: 1, reason: 'one core' };
  if (blocks <= 1) return { workers: 1, reason: `${blocks} block${blocks === 1 ? '' : 's'}: nothing to share` };
  if (request.msPerBlock !== undefined) {
    const total = request.msPerBlock * blocks;
    if (total < MIN_PARALLEL_WORK_MS) {
      return { workers: 1, reason: `tiny run: ~${Math.round(total)} ms of work, less than starting threads costs (${MIN_PARALLEL_WORK_MS} ms)` };
    }
    const workers = Math.min(cores, blocks);
    return { workers, reason: `one per core (${cores} cores${workers < cores ? `, ${blocks} blocks` : ''}) for ~${Math.round(total)} ms of work` };
  }
  const workers = Math.min(cores, blocks);
  return { workers, reason: `one per core (${cores} cores${workers < cores ? `, ${blocks} blocks` : ''})` };
}
