/** Worker threads: the same bits as the calling thread for any number of threads; errors and cancellation. */
import { describe, expect, it } from 'vitest';
import { localExecutor } from '../../src/parallel/local.js';
import { threadPoolExecutor } from '../../src/parallel/thread-pool.js';
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
  it('fails the run with the message of a block that throws', async () => {
    const ex = threadPoolExecutor({ workers: 2 });
    await expect(collect(ex, expJob({ ...args, failAt: 5 }))).rejects.toThrow(new ParallelError('block 5 failed: exp-moments: block 5 refuses on purpose'));
    await ex.close();
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
