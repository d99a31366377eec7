/**
 * A cluster of machines on BullMQ over Redis: the submitter's side.
 *
 * A run becomes jobs of consecutive blocks (one block each up to 256 blocks, then at most 256 jobs), with id
 * `sha256(portable spec, blocks, pathwise version)-index` (`…-index+count` for several blocks). The
 * submitter adds the jobs, listens to the queue's event stream (from the point just before adding, so no
 * event is missed) and sweeps the jobs' stored state now and then (so nothing is lost if an event is), and
 * hands each block's result to `onResult` exactly once; the driver merges by index.
 *
 * Finished results are REUSED: completed jobs are kept for `keepSeconds` (default 7 days), and resubmitting
 * the same run (same spec, same pathwise version, hence the same job ids) returns their stored results
 * instead of computing them again. A block is a pure function of its spec and index, so a stored result is
 * exactly what a new computation would give; an interrupted run picks up where it stopped. Failed jobs are
 * retried once when a run is resubmitted (the failure may have been a worker's configuration). When a run
 * fails or is interrupted, its blocks still waiting in the queue are removed.
 */
import type { QueueEvents } from 'bullmq';
import type { BlockJob, BlockResult } from '../montecarlo/block.js';
import { blockResultFromJSON } from '../montecarlo/block.js';
import { PathwiseRangeError, show } from '../errors.js';
import { importPeer, InterruptedError, ParallelError, firstLine, taskFailed } from './errors.js';
import { DEFAULT_QUEUE, JOB_NAME, KEY_PREFIX, defaultBlocksPerJob, jobId, jobRange, runJobs, runKey } from './cluster-jobs.js';
import { Delivery, throwIfAborted, within, type ExecutorOptions, type ExecutorReport, type ParallelExecutor } from './executor.js';
import { probeRedis, redactURL, redisConnection } from './redis.js';

/** Default longest wait without a finished block before a cluster run fails (ms). */
export const DEFAULT_CLUSTER_TIMEOUT_MS = 60_000;
/** Default time finished block results are kept in Redis for reuse (s). */
export const DEFAULT_KEEP_SECONDS = 7 * 24 * 3600;
const SWEEP_EVERY_MS = 5000;
const ADD_CHUNK = 500;

export interface ClusterOptions extends ExecutorOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS. */
  readonly redis: string;
  /** Longest wait (ms) without any block finishing before the run fails; default 60 000. */
  readonly timeout?: number;
  /** BullMQ queue name (workers must use the same); default "pathwise". */
  readonly queue?: string;
  /** How long finished results stay in Redis for reuse (s); default 7 days. */
  readonly keepSeconds?: number;
  /**
   * Consecutive blocks per job (default: 1 up to 256 blocks, then enough for at most 256 jobs). The results
   * are the same bits at any grouping; a resubmission reuses stored results only under the same grouping.
   */
  readonly blocksPerJob?: number;
}

/** How the last cluster run went. */
export interface ClusterReport extends ExecutorReport {
  readonly where: 'cluster';
  /** The run's hash (job ids are jobId(run, first block, count)). */
  readonly run: string;
  /** Blocks whose stored results from an earlier submission were reused. */
  readonly reused: number;
  /** Blocks whose job stalled (its worker died or hung) and was put back in the queue by BullMQ. */
  readonly stalled: readonly number[];
  /** Workers connected to the queue when the jobs were added (0 when Redis does not allow CLIENT LIST). */
  readonly workers: number;
}

function positive(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new PathwiseRangeError(`clusterExecutor: ${name} must be a positive number, got ${show(v)}`);
  return v;
}

/**
 * Computes a run's blocks on `pathwise worker` processes connected to the same Redis. The run must have a
 * portable spec whose module every worker can import (under its `--modules` directories, at the same path).
 *
 * @example
 * ```ts
 * const cluster = clusterExecutor({ redis: 'redis://127.0.0.1:6379', timeout: 30_000 });
 * await cluster.run(job, (r) => results.push(r));   // job.spec names the module and its arguments
 * await cluster.close();
 * clusterExecutor({ redis: 'redis://127.0.0.1:6379', timeout: -1 });   // throws PathwiseRangeError
 * ```
 */
export function clusterExecutor(options: ClusterOptions): ParallelExecutor & { readonly lastRun: ClusterReport | undefined } {
  const url = options.redis;
  const timeout = positive('timeout', options.timeout, DEFAULT_CLUSTER_TIMEOUT_MS);
  const keep = Math.ceil(positive('keepSeconds', options.keepSeconds, DEFAULT_KEEP_SECONDS));
  const name = options.queue ?? DEFAULT_QUEUE;
  const perJob = options.blocksPerJob;
  if (perJob !== undefined && !(Number.isSafeInteger(perJob) && perJob >= 1)) {
    throw new PathwiseRangeError(`clusterExecutor: blocksPerJob must be a positive integer, got ${show(perJob)}`);
  }
  let lastRun: ClusterReport | undefined;
  return {
    get lastRun() {
      return lastRun;
    },
    async run(job: BlockJob, onResult: (r: BlockResult) => void): Promise<void> {
      throwIfAborted(options.signal);
      if (job.spec === undefined) {
        throw new ParallelError(`cluster: this run cannot be sent to other machines: ${job.notPortable ?? 'it has no portable spec'}`);
      }
      const delivery = new Delivery(job, onResult, options.onProgress);
      const { hash, stored, data } = runJobs(job.spec, job.blocks);
      const report = { where: 'cluster' as const, workers: 0, run: hash, reused: 0, stalled: [] as number[] };
      lastRun = report;
      if (job.blocks === 0) return;
      await probeRedis(url);
      let connectionError = '';
      const onError = (m: string): void => void (connectionError = m);
      // BullMQ is loaded on first use (it is sizeable and most runs never need it).
      const { Job, Queue, QueueEvents: Events } = await importPeer('bullmq', 'clusterExecutor', () => import('bullmq'));
      const queueConn = await redisConnection(url, onError);
      const eventsConn = await redisConnection(url, onError);
      const queue = new Queue(name, { connection: queueConn, prefix: KEY_PREFIX });
      let events: QueueEvents | undefined;
      const per = perJob ?? defaultBlocksPerJob(job.blocks);
      // Job j holds blocks j·per … min(blocks, (j + 1)·per) − 1.
      const ranges = Array.from({ length: Math.ceil(job.blocks / per) }, (_, j) => ({ index: j * per, count: Math.min(per, job.blocks - j * per) }));
      const idOf = (r: { index: number; count: number }): string => jobId(hash, r.index, r.count);
      const undelivered = (r: { index: number; count: number }): boolean => {
        for (let b = r.index; b < r.index + r.count; b++) if (!delivery.has(b)) return true;
        return false;
      };
      let finish: (e?: Error) => void = () => undefined;
      const finished = new Promise<void>((resolve, reject) => {
        let settled = false;
        finish = (e) => {
          if (settled) return;
          settled = true;
          if (e === undefined) resolve();
          else reject(e);
        };
      });
      finished.catch(() => undefined); // a failure before the run waits on `finished` is not unhandled
      // A job's result: its blocks' results in order; a block already delivered (by an event and a sweep) is skipped.
      const take = (id: string, value: unknown): void => {
        const r = jobRange(hash, id);
        if (r === null || r.index + r.count > job.blocks || !undelivered(r)) return;
        try {
          const results: unknown = typeof value === 'string' ? JSON.parse(value) : value;
          if (!Array.isArray(results) || results.length !== r.count) throw new ParallelError(`cluster: job ${id} returned ${show(results)}, not ${r.count} block results`);
          results.forEach((x, k) => { if (!delivery.has(r.index + k)) delivery.deliver(r.index + k, blockResultFromJSON(x)); });
          lastProgress = Date.now();
          if (delivery.complete) finish();
        } catch (e) {
          finish(e instanceof ParallelError ? e : new ParallelError(`cluster: block ${r.index}: ${firstLine(e)}`));
        }
      };
      const failed = (id: string, reason: string): void => {
        const r = jobRange(hash, id);
        if (r === null || !undelivered(r)) return;
        finish(taskFailed(r.index, r.count, reason));
      };
      // Reads the stored state of every undelivered job; on the first sweep, failed jobs of an earlier
      // submission are put back in the queue once.
      const sweep = async (first: boolean): Promise<void> => {
        const pending = ranges.filter(undelivered);
        for (let at = 0; at < pending.length; at += ADD_CHUNK) {
          const jobs = await Promise.all(pending.slice(at, at + ADD_CHUNK).map((r) => Job.fromId(queue, idOf(r))));
          for (const j of jobs) {
            if (j?.id === undefined) continue;
            if (j.returnvalue !== null && j.returnvalue !== undefined) {
              if (first) report.reused += jobRange(hash, j.id)?.count ?? 0;
              take(j.id, j.returnvalue);
            } else if (j.finishedOn !== undefined && j.failedReason) {
              if (first) await j.retry('failed');
              else failed(j.id, j.failedReason);
            }
          }
        }
      };
      let lastProgress = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => finish(new InterruptedError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        // Listen from the last event before our jobs exist, so that no completion can slip by.
        const last = (await queueConn.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1)) as [string, string[]][];
        events = new Events(name, { connection: eventsConn, prefix: KEY_PREFIX, lastEventId: last[0]?.[0] ?? '0-0' });
        events.on('completed', ({ jobId: id, returnvalue }) => take(id, returnvalue));
        events.on('failed', ({ jobId: id, failedReason }) => failed(id, failedReason));
        events.on('stalled', ({ jobId: id }) => {
          const r = jobRange(hash, id);
          if (r !== null) for (let b = r.index; b < r.index + r.count; b++) report.stalled.push(b);
        });
        events.on('error', (e) => onError(firstLine(e)));
        await events.waitUntilReady();
        // The spec once per run (refreshed on every submission), then one small job per range of blocks.
        await queueConn.set(runKey(name, hash), stored, 'EX', keep + 3600);
        const opts = { attempts: 1, removeOnComplete: { age: keep }, removeOnFail: { age: keep } };
        for (let at = 0; at < ranges.length; at += ADD_CHUNK) {
          await queue.addBulk(ranges.slice(at, at + ADD_CHUNK).map((r) => ({ name: JOB_NAME, data: data(r.index, r.count), opts: { ...opts, jobId: idOf(r) } })));
        }
        await sweep(true);
        report.workers = await queue.getWorkersCount().catch(() => 0);
        lastProgress = Date.now();
        let lastSweep = Date.now();
        let busy = false;
        timer = setInterval(() => {
          if (busy) return;
          busy = true;
          void (async () => {
            try {
              // Events carry the results; the stored state is read again only when they have been quiet a while.
              if (Date.now() - Math.max(lastSweep, lastProgress) > SWEEP_EVERY_MS) {
                lastSweep = Date.now();
                await sweep(false);
              }
              if (Date.now() - lastProgress > timeout) {
                const workers = await queue.getWorkersCount().then(String, () => 'unknown');
                finish(new ParallelError(
                  `cluster: no block finished in ${timeout / 1000} s (${delivery.done}/${job.blocks} done, ${workers} workers on queue "${name}" at ${redactURL(url)}`
                  + `${connectionError === '' ? '' : `; last error: ${connectionError}`}); start workers with: pathwise worker --redis ${redactURL(url)}`,
                ));
              }
            } catch (e) {
              onError(firstLine(e));
            } finally {
              busy = false;
            }
          })();
        }, Math.min(1000, timeout / 4));
        if (delivery.complete) finish();
        await finished;
      } catch (e) {
        // Blocks nobody has started yet are taken off the queue; running ones finish and are kept for reuse,
        // failed ones keep their reason.
        const waiting = async (id: string): Promise<void> => {
          if (['waiting', 'prioritized', 'delayed'].includes(await queue.getJobState(id))) await queue.remove(id);
        };
        await within(2000, Promise.all(ranges.map((r) => (undelivered(r) ? waiting(idOf(r)).catch(() => 0) : 0))));
        throw e;
      } finally {
        clearInterval(timer);
        options.signal?.removeEventListener('abort', onAbort);
        // With Redis gone, BullMQ's close would wait for a reconnection: give it two seconds, then cut the sockets.
        await within(2000, Promise.all([events?.close(), queue.close()]));
        queueConn.disconnect();
        eventsConn.disconnect();
      }
    },
    close: () => Promise.resolve(),
  };
}


