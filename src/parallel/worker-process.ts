/**
 * A cluster worker: takes block jobs from the BullMQ queue, imports the run's module (only from pathwise
 * itself or the directories it was started with), computes the block on a worker thread and returns its
 * result as JSON.
 *
 * Blocks run on worker threads, not on the process's main thread, so the main thread stays free to renew
 * the jobs' locks however long a block takes. A worker that dies (SIGKILL, a lost machine) stops renewing;
 * after `lockDuration` another worker's stalled-job check puts the job back in the queue (up to
 * MAX_STALLED times), and it is computed again. A block whose program throws fails its job at once
 * (attempts: 1): the same spec would throw again.
 */
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { blockResultToJSON, type BlockResultJSON } from '../montecarlo/block.js';
import { ParallelError, firstLine, importPeer } from './errors.js';
import { DEFAULT_LOCK_MS, DEFAULT_QUEUE, KEY_PREFIX, MAX_STALLED, checkJobData, checkStoredRun, runKey } from './cluster-jobs.js';
import type { RunSpecJSON } from '../montecarlo/block.js';
import { within } from './executor.js';
import { probeRedis, redactURL, redisConnection } from './redis.js';
import { allowedModuleURL, moduleDirs } from './run-spec.js';
import { ThreadPool, threadTask } from './thread-pool.js';

export { DEFAULT_LOCK_MS, MAX_STALLED } from './cluster-jobs.js';

export interface WorkerProcessOptions {
  readonly redis: string;
  /** Directories whose modules this worker may import. */
  readonly modules: readonly string[];
  /** Blocks computed at once (worker threads). */
  readonly concurrency: number;
  readonly queue?: string;
  /** Job lock duration in ms (default 10 000); stalled jobs are looked for at the same interval. */
  readonly lockDuration?: number;
  /** Log a line per job started and finished. */
  readonly verbose?: boolean;
  /** Where log lines go (default stderr). */
  readonly log?: (line: string) => void;
  /** Stops the worker: no new jobs; running blocks finish; then it resolves. */
  readonly signal: AbortSignal;
}

/**
 * Runs a worker until `signal` aborts. Rejects with one line if Redis cannot be reached at start; later
 * connection losses are logged and BullMQ reconnects.
 */
export async function runWorker(options: WorkerProcessOptions): Promise<void> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`pathwise worker: ${line}\n`));
  const dirs = moduleDirs(options.modules);
  const version = await probeRedis(options.redis);
  const queue = options.queue ?? DEFAULT_QUEUE;
  const lockDuration = options.lockDuration ?? DEFAULT_LOCK_MS;
  const pool = new ThreadPool(options.concurrency);
  const { Worker } = await importPeer('bullmq', 'runWorker', () => import('bullmq'));
  const connection = await redisConnection(options.redis, log);
  // Specs of recent runs (a run's blocks mostly arrive together).
  const specs = new Map<string, Promise<RunSpecJSON>>();
  const specFor = (hash: string, blocks: number): Promise<RunSpecJSON> => {
    let p = specs.get(hash);
    if (p === undefined) {
      p = connection.get(runKey(queue, hash)).then((text) => checkStoredRun(hash, blocks, text));
      specs.set(hash, p);
      p.catch(() => specs.delete(hash));
      if (specs.size > 16) specs.delete(specs.keys().next().value!);
    }
    return p;
  };
  // A job's blocks run one after another on one thread (one task); its result is theirs in order.
  const processor = async (job: Job): Promise<BlockResultJSON[]> => {
    const d = checkJobData(job.id, job.data);
    const spec = await specFor(d.run, d.blocks);
    const url = allowedModuleURL(spec.module, dirs);
    if (options.verbose === true) log(`start ${String(job.id)}`);
    const started = Date.now();
    const results = (await pool.run(threadTask(d.run, spec, url, d.blocks, d.index, d.count))).results.map(blockResultToJSON);
    if (results.length !== d.count) throw new ParallelError(`job ${String(job.id)}: the thread returned ${results.length} results for ${d.count} blocks`);
    if (options.verbose === true) log(`done ${String(job.id)} in ${Date.now() - started} ms`);
    return results;
  };
  // Twice as many jobs as threads: the next block is already fetched (and its lock held) when a thread finishes
  // one, so the Redis round trips of a job overlap the computing of another instead of adding to it (at 2 ms
  // blocks one job at a time per thread cost 1.6× the calling thread's time). Piscina queues the extra task.
  const worker = new Worker(queue, processor, {
    connection, prefix: KEY_PREFIX, concurrency: 2 * options.concurrency, lockDuration, stalledInterval: lockDuration,
    maxStalledCount: MAX_STALLED, name: `pathwise-worker ${hostname()}:${process.pid}`, autorun: false,
  });
  worker.on('failed', (job, e) => log(`block ${String(job?.id)} failed: ${firstLine(e)}`));
  let lastError = '';
  worker.on('error', (e) => {
    const m = firstLine(e);
    if (m !== lastError) log(m);
    lastError = m;
  });
  const stopped = new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  void worker.run().catch((e: unknown) => log(firstLine(e)));
  await worker.waitUntilReady();
  log(`ready: ${redactURL(options.redis)} (Redis ${version}), queue "${queue}", ${options.concurrency} thread${options.concurrency === 1 ? '' : 's'}, modules: ${dirs.length === 0 ? 'pathwise only' : dirs.join(', ')}`);
  await stopped;
  log('stopping: finishing running blocks');
  await worker.close();
  await pool.destroy();
  await within(2000, connection.quit());
  connection.disconnect();
}
