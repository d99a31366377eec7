/**
 * pathwise/parallel (Node only): where a Monte Carlo run's blocks are computed.
 *
 * - `localExecutor()`: the calling thread, in index order (the reference).
 * - `threadPoolExecutor({ workers })`: worker threads on this machine (piscina). `chooseWorkers` gives the
 *   default count: every core for runs worth it, 1 for tiny runs, `PATHWISE_WORKERS` to override.
 * - `clusterExecutor({ redis })`: `pathwise worker` processes on any machine, through a BullMQ queue on Redis.
 *
 * A run goes to threads or machines as a portable spec: `{ module, export, args }`, a file URL of an ES module
 * (TypeScript or JavaScript) whose export `export` is a BlockRunnerFactory, and the JSON arguments it turns
 * back into the run. Every block is a pure function of (spec, index) and the driver merges block results in
 * index order, so the numbers are the same bits on 1 thread, 8 threads or 20 machines.
 *
 * Cluster, in three commands:
 * ```sh
 * redis-server --port 6379                                               # or any Redis ≥ 6.2 (rediss:// for TLS)
 * pathwise worker --redis redis://127.0.0.1:6379 --modules ./models      # on every machine, as many as you like
 * pathwise greeks … --cluster redis://127.0.0.1:6379                     # submit; results merge as locally
 * ```
 * Job ids are the sha256 of the run's portable spec, its block count and the pathwise version, plus the block
 * index: a resubmitted run reuses the stored results of its finished blocks (kept 7 days), a block computed
 * twice is delivered once. A killed worker's block is retried by BullMQ's stalled-job check (after the lock
 * duration, 10 s by default); a block that throws fails the run at once with its message. With no worker
 * connected the submitter gives up after its timeout (60 s without a finished block by default).
 *
 * @module pathwise/parallel
 */
export { localExecutor } from './local.js';
export { threadPoolExecutor, type ThreadPoolOptions } from './thread-pool.js';
export { clusterExecutor, DEFAULT_CLUSTER_TIMEOUT_MS, DEFAULT_KEEP_SECONDS, type ClusterOptions, type ClusterReport } from './cluster.js';
export { chooseWorkers, MIN_PARALLEL_WORK_MS, type WorkersChoice, type WorkersRequest } from './choose-workers.js';
export { withInterrupt } from './interrupt.js';
export { InterruptedError, ParallelError } from './errors.js';
export { runWorker, DEFAULT_LOCK_MS, type WorkerProcessOptions } from './worker-process.js';
export { runHash, portableSpec } from './run-spec.js';
export type { ExecutorOptions, ExecutorReport, ParallelExecutor } from './executor.js';

import { registerParallelBackend } from '../montecarlo/execute.js';
import { chooseWorkers as choose } from './choose-workers.js';
import { clusterExecutor as cluster } from './cluster.js';
import { runOnPool, ThreadPool, threadTask } from './thread-pool.js';
import { Delivery } from './executor.js';
import { moduleFileURL } from './run-spec.js';
import { randomUUID } from 'node:crypto';
import type { BlockExecutor } from '../montecarlo/block.js';

// The entry points share one pool per thread count, kept between runs: starting a thread (and tsx in it, from
// source) costs far more than a block, and an optimization loop calls gradAsync thousands of times. Idle
// threads do not keep the process alive; `closeThreadPools()` ends them at once.
const pools = new Map<number, ThreadPool>();

/**
 * Terminates the threads the asynchronous entry points keep between runs.
 * @example await closeThreadPools();   // idempotent: with no pools open it returns at once
 */
export async function closeThreadPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}

// Importing pathwise/parallel gives the asynchronous entry points (gradAsync, greeksAsync,
// sde.sensitivityAsync) their worker threads and cluster.
registerParallelBackend({
  executor(req) {
    const choice = req.cluster !== undefined ? null
      : choose({ blocks: req.blocks, ...(req.workers !== undefined ? { requested: req.workers } : {}), ...(req.msPerBlock !== undefined ? { msPerBlock: req.msPerBlock } : {}) });
    if (choice !== null && choice.workers <= 1) return { executor: null, execution: { where: 'calling thread', workers: 1, reason: choice.reason }, close: () => Promise.resolve() };
    // SIGINT is taken over only while threads or a cluster work (the calling thread cannot run a handler
    // during its own computation, so there Node's default, ending the process, is kept).
    const controller = new AbortController();
    req.signal?.addEventListener('abort', () => controller.abort(req.signal?.reason), { once: true });
    const onSigint = (): void => controller.abort('SIGINT');
    if (req.handleSigint === true) process.once('SIGINT', onSigint);
    const release = (): void => void process.removeListener('SIGINT', onSigint);
    const common = { signal: controller.signal };
    if (choice === null) {
      const ex = cluster({ redis: req.cluster!, ...(req.timeout !== undefined ? { timeout: req.timeout * 1000 } : {}), ...common });
      return { executor: ex, execution: { where: 'cluster', workers: 0, reason: 'blocks submitted to a BullMQ queue on Redis' }, close: () => ex.close().finally(release) };
    }
    let pool = pools.get(choice.workers);
    if (pool === undefined) pools.set(choice.workers, (pool = new ThreadPool(choice.workers)));
    const shared = pool;
    const ex: BlockExecutor = {
      async run(job, onResult) {
        const spec = job.spec!;
        const moduleURL = moduleFileURL(spec.module);
        const runId = randomUUID();
        await runOnPool(shared, new Delivery(job, onResult), (i, n) => threadTask(runId, spec, moduleURL, job.blocks, i, n), common.signal);
      },
    };
    return { executor: ex, execution: { where: 'worker threads', workers: choice.workers, reason: choice.reason }, close: () => Promise.resolve(release()) };
  },
});
