/** Test helpers: merging block results by index (a left fold, as the driver does) and running an executor. */
import type { BlockExecutor, BlockJob, BlockResult } from '../../../src/montecarlo/block.js';
import { VectorMoments } from '../../../src/stats/vector-moments.js';
import { computeBlock, type ExpMomentsArgs } from '../fixtures/exp-moments.js';

export const FIXTURE_URL = new URL('../fixtures/exp-moments.ts', import.meta.url).href;

export function expJob(args: ExpMomentsArgs): BlockJob {
  return { blocks: args.blocks, compute: (i) => computeBlock(args, i), spec: { module: FIXTURE_URL, export: 'expMoments', args } };
}

/** Chan merge of the block moments in index order (whatever order they arrived in). */
export function mergeByIndex(results: readonly BlockResult[]): VectorMoments {
  const byIndex = [...results].sort((a, b) => a.index - b.index);
  const total = new VectorMoments(byIndex[0]!.mean.length);
  for (const r of byIndex) {
    const vm = new VectorMoments(r.mean.length);
    vm.count = r.count;
    vm.mean.set(r.mean);
    vm.m2.set(r.m2);
    total.merge(vm);
  }
  return total;
}

/** Runs a job on an executor, collecting the results and the order they arrived in. */
export async function collect(executor: BlockExecutor, job: BlockJob): Promise<{ results: BlockResult[]; order: number[] }> {
  const results: BlockResult[] = [];
  await executor.run(job, (r) => results.push(r));
  return { results, order: results.map((r) => r.index) };
}
