/** Worker threads: the same bits as the calling thread for any number of threads; errors and cancellation. */
import { describe, expect, it } from 'vitest';
import { localExecutor } from '../../src/parallel/local.js';
import { nextTaskBlocks, runOnPool, TASK_TARGET_MS, threadPoolExecutor, threadTask, ThreadPool } from '../../src/parallel/thread-pool.js';
import { Delivery } from '../../src/parallel/executor.js';
import { moduleFileURL } from '../../src/parallel/run-spec.js';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InterruptedError, ParallelError } from '../../src/parallel/errors.js';
import { collect, expJob, mergeByIndex } from './helpers/merge.js';

const args = { seed: 11, blocks: 12, perBlock: 4000 };

describe('threadPoolExecutor', { timeout: 180_000 }, () => {
  it('workers 1, 2 and 3 give === merged moments, each block once', async () => {
    const local = mergeByIndex((await collect(localExecutor(), expJob(args))).results);
    // exp(z) with z ~ N(0,1): mean e^{1/2}, variance e² − e; the run is a real computation, checked against truth.
    const n = local.count;
    expect(n).toBe(args.blocks * args.perBlock);
    expect(Math.abs(local.mean[0]! - Math.exp(0.5))).toBeLessThan(5 * Math.sqrt(local.variance(0) / n));
    for (const workers of [1, 2, 3]) {
      const ex = threadPoolExecutor({ workers });
      const { results, order } = await collect(ex, expJob(args));
      await ex.close();
      expect([...order].sort((a, b) => a - b)).toEqual([...Array(args.blocks).keys()]);
      const merged = mergeByIndex(results);
      expect(merged.count).toBe(local.count);
      for (let j = 0; j < 2; j++) {
        expect(merged.mean[j] === local.mean[j], `workers ${workers} mean ${j}`).toBe(true);
        expect(merged.m2[j] === local.m2[j], `workers ${workers} m2 ${j}`).toBe(true);
      }
      expect(ex.lastRun).toEqual({ where: 'worker threads', workers });
    }
  });
  it('many blocks go in tasks of several: the same bits, each block once, in any grouping', async () => {
    const many = { seed: 5, blocks: 150, perBlock: 300 };
    const local = (await collect(localExecutor(), expJob(many))).results;
    for (const workers of [1, 2]) {
      const progress: number[] = [];
      const ex = threadPoolExecutor({ workers, onProgress: (done) => progress.push(done) });
      const run = await collect(ex, expJob(many));
      await ex.close();
      expect([...run.order].sort((a, b) => a - b)).toEqual([...Array(many.blocks).keys()]);
      expect(progress).toEqual([...Array(many.blocks).keys()].map((i) => i + 1));
      const byIndex = [...run.results].sort((a, b) => a.index - b.index);
      byIndex.forEach((r, i) => {
        expect(r.index).toBe(i);
        expect(Array.from(r.mean)).toEqual(Array.from(local[i]!.mean));
        expect(Array.from(r.m2)).toEqual(Array.from(local[i]!.m2));
      });
    }
  });
  it('a pool of real threads gets tasks of several blocks once a block has been timed', async () => {
    const many = { seed: 5, blocks: 400, perBlock: 300 };
    const job = expJob(many);
    const pool = new ThreadPool(2);
    const counts: number[] = [];
    const results: number[] = [];
    const delivery = new Delivery(job, (r) => results.push(r.index));
    await runOnPool(pool, delivery, (i, n) => (counts.push(n), threadTask('tasks-test', job.spec!, moduleFileURL(job.spec!.module), many.blocks, i, n)), undefined);
    await pool.destroy();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(many.blocks);
    expect(counts.slice(0, 4)).toEqual([1, 1, 1, 1]);   // nothing timed yet
    expect(Math.max(...counts)).toBeGreaterThan(1);
    expect(counts.length).toBeLessThan(many.blocks / 4);
    expect(results.length).toBe(many.blocks);
  });
  it('fails the run with the message of a block that throws, naming that block inside a task of many', async () => {
    const ex = threadPoolExecutor({ workers: 2 });
    await expect(collect(ex, expJob({ ...args, failAt: 5 }))).rejects.toThrow(new ParallelError('block 5 failed: exp-moments: block 5 refuses on purpose'));
    await expect(collect(ex, expJob({ ...args, blocks: 100, failAt: 7 }))).rejects.toThrow(new ParallelError('block 7 failed: exp-moments: block 7 refuses on purpose'));
    await ex.close();
  });
});

describe('nextTaskBlocks (guided self-scheduling)', () => {
  it('one block until a block has been timed; at most TASK_TARGET_MS of work', () => {
    expect(nextTaskBlocks(1000, 2)).toBe(1);
    expect(nextTaskBlocks(1000, 2, 0.01)).toBe(125);
    expect(nextTaskBlocks(1000, 2, 1.2)).toBe(Math.floor(TASK_TARGET_MS / 1.2));
    expect(nextTaskBlocks(1000, 2, 5 * TASK_TARGET_MS)).toBe(1);
    expect(nextTaskBlocks(1000, 2, 0)).toBe(125);
  });
  it('covers every block, shrinks to one block per task, and makes few tasks', () => {
    for (const threads of [1, 2, 3, 8]) {
      for (const blocks of [1, 7, 8, 24, 611, 6104, 1_000_000]) {
        const sizes: number[] = [];
        for (let left = blocks; left > 0; left -= sizes.at(-1)!) sizes.push(nextTaskBlocks(left, threads, 1e-6));
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(blocks);
        for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(sizes[i - 1]!);
        expect(sizes.slice(-Math.min(sizes.length, 4 * threads)).every((s) => s === 1)).toBe(true);
        // Each task takes a quarter of a thread's share of what is left: (1 − 1/(4·threads)) of it remains.
        const bound = 4 * threads * (Math.log(Math.max(1, blocks / (4 * threads))) + 1) + 4 * threads;
        expect(sizes.length, `${blocks} blocks on ${threads} threads`).toBeLessThanOrEqual(Math.min(blocks, Math.ceil(bound)));
      }
    }
  });
});

describe('executors: the calling thread, closures, the built package', { timeout: 180_000 }, () => {
  it('a run without a portable spec runs on the calling thread and says why', async () => {
    const ex = threadPoolExecutor({ workers: 2 });
    const { blocks, compute } = expJob({ ...args, blocks: 3 });
    const job = { blocks, compute, notPortable: 'the program is a closure' };
    const { order } = await collect(ex, job);
    expect(order).toEqual([0, 1, 2]);
    expect(ex.lastRun).toEqual({ where: 'calling thread', workers: 1, note: 'not run on worker threads: the program is a closure' });
  });
  it('an aborted signal stops the local executor between blocks', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const ex = localExecutor({ signal: controller.signal, onProgress: (done) => { if (done === 2) controller.abort(); } });
    await expect(ex.run(expJob({ ...args, blocks: 5 }), (r) => seen.push(r.index))).rejects.toThrow(new InterruptedError());
    expect(seen).toEqual([0, 1]);
  });
  it.skipIf(!existsSync(fileURLToPath(new URL('../../packages/pathwise/dist/parallel/thread-pool.js', import.meta.url))))(
    'from dist (plain node, no tsx): threads load the TypeScript fixture and give the same bits', async () => {
      const script = fileURLToPath(new URL('./fixtures/from-dist.mjs', import.meta.url));
      const out = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as [number, number[], number[]][];
      const { results } = await collect(localExecutor(), expJob({ seed: 11, blocks: 6, perBlock: 2000 }));
      expect(out).toEqual(results.map((r) => [r.index, Array.from(r.mean), Array.from(r.m2)]));
    });
});
