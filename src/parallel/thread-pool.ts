/**
 * Worker threads on one machine, on piscina.
 *
 * Why piscina rather than tinypool: piscina is the pool maintained under the Node.js organization, with
 * per-task AbortSignal (an aborted running task terminates its thread, so Ctrl-C never waits for a long
 * block), ESM worker files, `execArgv` for the TypeScript loader, and idle threads that do not keep the
 * process alive. tinypool is a trimmed fork of piscina made for vitest's needs; it would save a few hundred
 * kilobytes and nothing we need.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import type { BlockJob, BlockResult, RunSpecJSON } from '../montecarlo/block.js';
import { PathwiseRangeError, show } from '../errors.js';
import { InterruptedError, ParallelError, firstLine, taskFailed } from './errors.js';
import { Delivery, throwIfAborted, type ExecutorOptions, type ExecutorReport, type ParallelExecutor } from './executor.js';
import { localExecutor } from './local.js';
import { CODE_EXT, moduleFileURL } from './run-spec.js';
import type { ThreadTask, ThreadTaskResult } from './thread-worker.js';

const WORKER_FILE = new URL(`./thread-worker${CODE_EXT}`, import.meta.url).href;

/** `--import <tsx>` by absolute URL, so it resolves whatever the current directory is. */
function tsxExecArgv(): string[] {
  const already = process.execArgv.some((a, i, all) => /(^|[/\\])tsx([/\\]|$)|^tsx$/.test(a) && (all[i - 1] === '--import' || all[i - 1] === '--loader'));
  if (already) return [...process.execArgv];
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [...process.execArgv, '--import', loader];
}

/**
 * A piscina pool of `threads` threads. From source, the worker file is TypeScript and its threads start with
 * tsx's loader; the run's own TypeScript modules are loaded by the thread (thread-worker.ts).
 */
export class ThreadPool {
  // A promise, so that the tasks a run launches at once share one pool.
  private pool: Promise<Piscina> | undefined;

  constructor(readonly threads: number) {}

  private async create(): Promise<Piscina> {
    const { Piscina: Pool } = await import('piscina'); // loaded when a run first needs threads
    const pool = new Pool({
      filename: WORKER_FILE,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 30_000,
      ...(CODE_EXT === '.ts' ? { execArgv: tsxExecArgv() } : {}),
    });
    // Piscina emits 'error' for the late result of a task that was aborted while its thread was finishing
    // it ("Unexpected message from Worker"); the task's promise has already been rejected, so the result is
    // dropped here rather than thrown as an uncaught EventEmitter error.
    pool.on('error', () => undefined);
    return pool;
  }

  /** Computes one task (its blocks in order) on a thread. */
  async run(task: ThreadTask, signal?: AbortSignal): Promise<ThreadTaskResult> {
    this.pool ??= this.create();
    const pool = await this.pool;
    return (await pool.run(task, signal === undefined ? {} : { signal })) as ThreadTaskResult;
  }

  /** Terminates the threads (running tasks are rejected). */
  async destroy(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    await (await p)?.destroy();
  }
}

export interface ThreadPoolOptions extends ExecutorOptions {
  /** Number of worker threads (a positive integer); see chooseWorkers for a default. */
  readonly workers: number;
}

/** The task for blocks `index … index + count − 1` of a run. */
export function threadTask(runId: string, spec: RunSpecJSON, moduleURL: string, blocks: number, index: number, count = 1): ThreadTask {
  return { runId, moduleURL, export: spec.export, args: spec.args, blocks, index, count };
}

/** How long a task of several blocks should run at most (ms), so that progress and ETA stay current. */
export const TASK_TARGET_MS = 100;

/**
 * Blocks in the next task when `remaining` blocks are left for `threads` threads and a block has been seen to
 * take `msPerBlock` (undefined until a task has returned: then one block). A quarter of each thread's share
 * of what remains (guided self-scheduling: early tasks long, the last ones a block each, so threads finish
 * within about one block of each other), and no more than TASK_TARGET_MS of work. Each task costs a round
 * trip between threads, measured at about 0.25 ms beside 1.2 ms blocks (the calling thread competes for the
 * cores the workers compute on): one block per task lost a sixth of the time. The grouping may depend on
 * timing; the results cannot, since they are merged by block index.
 */
export function nextTaskBlocks(remaining: number, threads: number, msPerBlock?: number): number {
  if (msPerBlock === undefined) return 1;
  const guided = Math.max(1, Math.floor(remaining / (4 * threads)));
  return Math.min(guided, Math.max(1, Math.floor(TASK_TARGET_MS / Math.max(msPerBlock, 1e-3))));
}

/**
 * Runs blocks on `threads` worker threads in tasks of consecutive blocks (see nextTaskBlocks), at most two
 * tasks per thread in flight (so a cancelled run drops its queue at once), delivering each index exactly once;
 * the first failing block fails the run with its message.
 */
export async function runOnPool(
  pool: ThreadPool, delivery: Delivery, taskFor: (index: number, count: number) => ThreadTask, signal: AbortSignal | undefined,
): Promise<void> {
  throwIfAborted(signal);
  const blocks = delivery.job.blocks;
  if (blocks === 0) return;
  const stop = new AbortController();
  let failure: Error | undefined;
  let next = 0;
  let inFlight = 0;
  let timedMs = 0, timedBlocks = 0;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => fail(new InterruptedError());
    signal?.addEventListener('abort', onAbort, { once: true });
    function settle(): void {
      if (inFlight > 0) return;
      if (failure !== undefined || delivery.complete) {
        signal?.removeEventListener('abort', onAbort);
        if (failure !== undefined) reject(failure);
        else resolve();
      }
    }
    function fail(e: Error): void {
      if (failure !== undefined) return;
      failure = e;
      stop.abort();
      settle();
    }
    function launch(): void {
      while (failure === undefined && next < blocks && inFlight < 2 * pool.threads) {
        const index = next;
        const count = nextTaskBlocks(blocks - next, pool.threads, timedBlocks === 0 ? undefined : timedMs / timedBlocks);
        next += count;
        inFlight++;
        pool.run(taskFor(index, count), stop.signal).then(
          ({ results, ms }) => {
            inFlight--;
            timedMs += ms;
            timedBlocks += count;
            if (failure === undefined) {
              try {
                if (results.length !== count) throw new ParallelError(`blocks ${index}–${index + count - 1}: the thread returned ${results.length} results`);
                results.forEach((r, k) => delivery.deliver(index + k, r));
              } catch (e) {
                fail(e as Error);
              }
            }
            launch();
            settle();
          },
          (e: unknown) => {
            inFlight--;
            fail(taskFailed(index, count, firstLine(e)));
            settle();
          },
        );
      }
    }
    launch();
  });
}

/**
 * Computes a run's blocks on worker threads. Each thread imports the run's module (`job.spec`), rebuilds
 * the run once, and computes the blocks it is given; results arrive in any order and the driver merges
 * them by index, so the result is the same bits for any number of threads. A run without a portable spec
 * (a closure) is computed on the calling thread, and `lastRun.note` says why.
 *
 * @example
 * ```ts
 * const pool = threadPoolExecutor({ workers: 2 });
 * await pool.run({ blocks: 8, compute, spec: { module: moduleUrl, export: 'myRun', args: { seed: 1 } } }, (r) => results.push(r));
 * await pool.close();
 * threadPoolExecutor({ workers: 0 });   // throws PathwiseRangeError
 * ```
 */
export function threadPoolExecutor(options: ThreadPoolOptions): ParallelExecutor {
  const { workers } = options;
  if (typeof workers !== 'number' || !Number.isSafeInteger(workers) || workers < 1) {
    throw new PathwiseRangeError(`threadPoolExecutor: workers must be a positive integer, got ${show(workers)}`);
  }
  const pool = new ThreadPool(workers);
  let lastRun: ExecutorReport | undefined;
  return {
    get lastRun() {
      return lastRun;
    },
    async run(job: BlockJob, onResult: (r: BlockResult) => void): Promise<void> {
      const spec = job.spec;
      if (spec === undefined) {
        const local = localExecutor(options);
        await local.run(job, onResult);
        lastRun = { ...local.lastRun!, note: `not run on worker threads: ${job.notPortable ?? 'the run has no portable spec'}` };
        return;
      }
      lastRun = { where: 'worker threads', workers };
      const delivery = new Delivery(job, onResult, options.onProgress);
      const moduleURL = moduleFileURL(spec.module);
      const runId = randomUUID();
      await runOnPool(pool, delivery, (i, n) => threadTask(runId, spec, moduleURL, job.blocks, i, n), options.signal);
    },
    close: () => pool.destroy(),
  };
}
