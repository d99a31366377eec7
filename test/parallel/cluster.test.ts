/**
 * The cluster on a real Redis (Debian's redis-server on a loopback port) with real `pathwise worker`
 * processes: a worker killed mid-run, failures, reuse of finished results, and what happens without
 * workers or without Redis. Slow by nature (processes start through tsx): the cases share their servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { clusterExecutor } from '../../src/parallel/cluster.js';
import { localExecutor } from '../../src/parallel/local.js';
import { KEY_PREFIX, jobId } from '../../src/parallel/cluster-jobs.js';
import { ParallelError } from '../../src/parallel/errors.js';
import { selfSignedCert, startRedis, type RedisServer } from './helpers/redis.js';
import { startWorker, runWorkerCli, type WorkerProcess } from './helpers/workers.js';
import { collect, expJob, mergeByIndex } from './helpers/merge.js';

// Each block spins long enough (tens of ms) that a kill lands mid-job.
const args = { seed: 5, blocks: 24, perBlock: 20_000, spin: 4 };

// Worker processes start through tsx, seconds each when the machine is busy: a patient per-test limit.
describe('cluster: three workers, one killed mid-run', { timeout: 180_000 }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    workers = [0, 1, 2].map(() => startWorker(redis.url, ['--lock-duration', '2000']));
    await Promise.all(workers.map((w) => w.waitFor(/ready:/)));
  }, 150_000); // three processes start through tsx: slow on a loaded machine
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await redis?.stop();
  });

  it('gives the local run\'s bits; the killed job is retried, no block is delivered twice', async () => {
    const local = mergeByIndex((await collect(localExecutor(), expJob(args))).results);
    const cluster = clusterExecutor({ redis: redis.url, timeout: 30_000 });
    const running = collect(cluster, expJob(args));
    // Kill worker 0 as soon as it has started a block (its first block includes starting its thread).
    const started = await workers[0]!.waitFor(/^pathwise worker: start /);
    const killedId = started.replace(/^pathwise worker: start /, '');
    workers[0]!.child.kill('SIGKILL');
    await workers[0]!.exited;
    expect(workers[0]!.lines.some((l) => l.includes(`done ${killedId}`))).toBe(false);
    const { results, order } = await running;
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(args.blocks).keys()]);
    const merged = mergeByIndex(results);
    expect(merged.count).toBe(local.count);
    for (let j = 0; j < 2; j++) {
      expect(merged.mean[j] === local.mean[j]).toBe(true);
      expect(merged.m2[j] === local.m2[j]).toBe(true);
    }
    const run = cluster.lastRun!;
    const killedIndex = Number(killedId.slice(run.run.length + 1));
    expect(killedId).toBe(jobId(run.run, killedIndex));
    expect(run.stalled).toContain(killedIndex);
    // Another worker computed the killed block again.
    expect(workers.slice(1).some((w) => w.lines.some((l) => l.includes(`done ${killedId}`)))).toBe(true);
    expect(run.reused).toBe(0);
  });

  it('reuses the results of a finished run: same spec, same job ids, nothing recomputed', async () => {
    const before = workers.slice(1).reduce((n, w) => n + w.lines.length, 0);
    const cluster = clusterExecutor({ redis: redis.url, timeout: 10_000 });
    const again = mergeByIndex((await collect(cluster, expJob(args))).results);
    const local = mergeByIndex((await collect(localExecutor(), expJob(args))).results);
    expect(again.mean[0] === local.mean[0] && again.m2[1] === local.m2[1]).toBe(true);
    expect(cluster.lastRun!.reused).toBe(args.blocks);
    expect(workers.slice(1).reduce((n, w) => n + w.lines.length, 0)).toBe(before);
  });

  it('jobs of several blocks give the same bits; a resubmission reuses them only under the same grouping', async () => {
    const multi = { ...args, seed: 11 };
    const local = mergeByIndex((await collect(localExecutor(), expJob(multi))).results);
    const by5 = clusterExecutor({ redis: redis.url, timeout: 30_000, blocksPerJob: 5 });   // jobs 0+5, 5+5, …, 20+4
    const first = await collect(by5, expJob(multi));
    expect([...first.order].sort((a, b) => a - b)).toEqual([...Array(multi.blocks).keys()]);   // each block once
    const run = by5.lastRun!;
    const done = workers.slice(1).flatMap((w) => w.lines.filter((l) => l.includes(`done ${run.run}-`)));
    expect(done.some((l) => l.includes(`done ${jobId(run.run, 20, 4)} `))).toBe(true);
    for (const { results } of [first, await collect(by5, expJob(multi)), await collect(clusterExecutor({ redis: redis.url, timeout: 30_000, blocksPerJob: 7 }), expJob(multi))]) {
      const merged = mergeByIndex(results);
      expect(merged.count).toBe(local.count);
      for (let j = 0; j < 2; j++) expect(merged.mean[j] === local.mean[j] && merged.m2[j] === local.m2[j]).toBe(true);
    }
    expect(run.reused).toBe(0);
    expect(by5.lastRun!.reused).toBe(multi.blocks);
    expect(() => clusterExecutor({ redis: redis.url, blocksPerJob: 0 })).toThrow(/blocksPerJob must be a positive integer, got 0/);
  });

  it('a job of several blocks that throws fails the run with its message, naming the block', async () => {
    const cluster = clusterExecutor({ redis: redis.url, timeout: 10_000, blocksPerJob: 4 });
    const failing = { ...args, blocks: 6, spin: 1, failAt: 5 };
    await expect(collect(cluster, expJob(failing))).rejects.toThrow(new ParallelError('block 5 failed: exp-moments: block 5 refuses on purpose'));
  });

  it('a block that throws fails the run with its message, after one attempt', async () => {
    const cluster = clusterExecutor({ redis: redis.url, timeout: 10_000 });
    const failing = { ...args, blocks: 6, spin: 1, failAt: 3 };
    await expect(collect(cluster, expJob(failing))).rejects.toThrow(new ParallelError('block 3 failed: exp-moments: block 3 refuses on purpose'));
    const queue = new Queue('pathwise', { connection: { host: '127.0.0.1', port: redis.port }, prefix: KEY_PREFIX });
    const job = await queue.getJob(jobId(cluster.lastRun!.run, 3));
    await queue.close();
    expect(job!.attemptsMade).toBe(1);
  });

  it('a worker refuses a module outside its --modules directories', async () => {
    const cluster = clusterExecutor({ redis: redis.url, timeout: 10_000 });
    const job = { ...expJob({ ...args, blocks: 2 }), spec: { module: new URL('./helpers/merge.ts', import.meta.url).href, export: 'expJob', args: {} } };
    await expect(collect(cluster, job)).rejects.toThrow(/^block \d failed: worker: module .*helpers\/merge\.ts is not under the worker's --modules directories/);
  });
});

const cert = selfSignedCert();
describe.skipIf(cert === null)('cluster over TLS with a password in the URL', () => {
  it('a worker connects with rediss://user:password@…; the submitter checks the certificate; Ctrl-C exits 130', async () => {
    const redis = await startRedis(['--requirepass', 'sesame'], cert!);
    const url = `rediss://default:sesame@127.0.0.1:${redis.port}`;
    try {
      // The submitter (this process) does not trust the self-signed certificate: one line, no connection.
      await expect(collect(clusterExecutor({ redis: url }), expJob(args))).rejects.toThrow(/^cannot reach Redis at rediss:\/\/default:\*\*\*@127\.0\.0\.1:\d+: self[- ]signed certificate$/);
      const w = startWorker(url, [], { NODE_EXTRA_CA_CERTS: cert!.cert });
      await w.waitFor(/ready: rediss:\/\/default:\*\*\*@127\.0\.0\.1:\d+ \(Redis 7/);
      w.child.kill('SIGINT');
      expect(await w.exited).toEqual([130, null]);
      expect(w.lines.slice(-2)).toEqual(['pathwise worker: stopping: finishing running blocks', 'pathwise: worker stopped']);
    } finally {
      await redis.stop();
    }
  });
});

describe('cluster without workers or without Redis', { timeout: 180_000 }, () => {
  it('no worker connected: the submitter gives up after its timeout with one line', async () => {
    const redis = await startRedis();
    try {
      const cluster = clusterExecutor({ redis: redis.url, timeout: 1500 });
      const err = await collect(cluster, expJob({ ...args, blocks: 3 })).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(ParallelError);
      expect((err as Error).message).toBe(`cluster: no block finished in 1.5 s (0/3 done, 0 workers on queue "pathwise" at ${redis.url}); start workers with: pathwise worker --redis ${redis.url}`);
      // The abandoned run's jobs were taken off the queue.
      const queue = new Queue('pathwise', { connection: { host: '127.0.0.1', port: redis.port }, prefix: KEY_PREFIX });
      expect(await queue.getWaitingCount()).toBe(0);
      await queue.close();
    } finally {
      await redis.stop();
    }
  });

  it('credentials refused, Redis stopped: one line (exit code 1 from the worker command)', async () => {
    const redis = await startRedis(['--requirepass', 'sesame']);
    const url = `redis://127.0.0.1:${redis.port}`;
    await expect(collect(clusterExecutor({ redis: `redis://default:nope@127.0.0.1:${redis.port}` }), expJob(args)))
      .rejects.toThrow(/^Redis at redis:\/\/default:\*\*\*@127\.0\.0\.1:\d+ refused the credentials \(WRONGPASS[^\n]*\)$/);
    await expect(collect(clusterExecutor({ redis: url }), expJob(args))).rejects.toThrow(/^Redis at redis:\/\/127\.0\.0\.1:\d+ requires a password: put it in the URL/);
    await redis.stop();
    const down = runWorkerCli(['--redis', url]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`pathwise: cannot reach Redis at ${url}: connect ECONNREFUSED 127.0.0.1:${redis.port}\n`);
    await expect(collect(clusterExecutor({ redis: url }), expJob(args))).rejects.toThrow(new ParallelError(`cannot reach Redis at ${url}: connect ECONNREFUSED 127.0.0.1:${redis.port}`));
    await expect(() => clusterExecutor({ redis: 'http://x' }).run(expJob(args), () => undefined)).rejects.toThrow('redis: the URL must start with redis:// or rediss://, got "http://x"');
  });
});
