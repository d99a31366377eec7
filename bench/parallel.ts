/**
 * Issue [2/5] benchmark: (1) speed-up of worker threads (2 over 1) on a CPU-heavy block function, steady
 * state (threads started and the run rebuilt before timing) and cold (a fresh pool per run); (2) the
 * cluster on a local redis-server: bookkeeping time per block (blocks that compute almost nothing, so the
 * wall time is queueing, Redis round trips, thread hand-off and result delivery), the same for a resubmitted
 * run whose results are reused, the heavy run on 2 worker processes against 2 worker threads, and a
 * European Greeks run (1e8 paths by default, the default methods) through greeksAsync on 2 local worker processes
 * against 2 worker threads (the issue's goal: within 1.2×), checked to give the same bits.
 * The block function is the parallel tests' fixture: per-block moments of exp(z), z from pathwise's normals.
 * The machine is shared with other agents: absolute times are noise, ratios measured in one run are the result.
 * Run: npx tsx bench/parallel.ts [blocks] [spin] [greeks paths]   (defaults 24 blocks, spin 8, 1e8 paths;
 * needs redis-server for part 2)
 */
import { spawnSync } from 'node:child_process';
import { closeThreadPools } from '../src/parallel/index.js';   // also registers threads and the cluster with greeksAsync
import { greeksAsync } from '../src/finance/index.js';
import type { BlockJob, BlockResult } from '../src/montecarlo/block.js';
import { clusterExecutor } from '../src/parallel/cluster.js';
import type { ParallelExecutor } from '../src/parallel/executor.js';
import { localExecutor } from '../src/parallel/local.js';
import { threadPoolExecutor } from '../src/parallel/thread-pool.js';
import { expJob } from '../test/parallel/helpers/merge.js';
import { startRedis } from '../test/parallel/helpers/redis.js';
import { startWorker } from '../test/parallel/helpers/workers.js';
import { median } from './lib/harness.js';

const BLOCKS = Number(process.argv[2] ?? 24);
const SPIN = Number(process.argv[3] ?? 8);
const GREEKS_PATHS = Number(process.argv[4] ?? 1e8);
const heavy = { seed: 3, blocks: BLOCKS, perBlock: 50_000, spin: SPIN };

let lastCores = 0;
let lastCpu = 0;
/** Wall time of a run in s; sets lastCores to the CPU time of this process (all its threads) over the wall time. */
async function time(ex: ParallelExecutor, job: BlockJob): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out: BlockResult[] = [];
  await ex.run(job, (r) => out.push(r));
  if (out.length !== job.blocks) throw new Error('lost blocks');
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  lastCpu = (cpu.user + cpu.system) / 1e6;
  lastCores = lastCpu / wall;
  return wall;
}

async function steady(workers: number, runs = 3): Promise<number> {
  const ex = threadPoolExecutor({ workers });
  await time(ex, expJob({ ...heavy, blocks: 2 * workers, seed: 99 }));   // start the threads, warm the JIT
  const times: number[] = [];
  const cores: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await time(ex, expJob({ ...heavy, seed: 10 + i })));
    cores.push(lastCores);
    cpus.push(lastCpu);
  }
  await ex.close();
  lastCores = median(cores);
  lastCpu = median(cpus);
  return median(times);
}

async function cold(workers: number): Promise<number> {
  const ex = threadPoolExecutor({ workers });
  const t = await time(ex, expJob(heavy));
  await ex.close();
  return t;
}

const f = (s: number): string => `${s.toFixed(3)} s`;
console.log(`parallel: ${BLOCKS} blocks × 50 000 samples × spin ${SPIN}; cores: ${(await import('node:os')).availableParallelism()}; load average now ${(await import('node:os')).loadavg()[0]!.toFixed(1)} (shared machine)`);
const local = await time(localExecutor(), expJob(heavy));
const one = await steady(1);
const oneCores = lastCores;
const oneCpu = lastCpu;
const two = await steady(2);
const twoCpu = lastCpu;
console.log(`  calling thread            ${f(local)}`);
console.log(`  1 worker thread (warm)    ${f(one)}   CPU busy ${oneCores.toFixed(2)} cores`);
console.log(`  2 worker threads (warm)   ${f(two)}   CPU busy ${lastCores.toFixed(2)} cores; speed-up over 1: ${(one / two).toFixed(2)}× (goal ≥ 1.8×)`);
console.log(`  (CPU busy = CPU time of all the process's threads / wall time: what the shared machine gave the run)`);
console.log(`  CPU time per run: 1 thread ${f(oneCpu)}, 2 threads ${f(twoCpu)}: with two free cores the speed-up would be ≈ ${(2 * oneCpu / twoCpu).toFixed(2)}× (2 × CPU₁/CPU₂)`);
const cold1 = await cold(1);
const cold2 = await cold(2);
console.log(`  cold pools (thread start and rebuild included): 1 → ${f(cold1)}, 2 → ${f(cold2)}, speed-up ${(cold1 / cold2).toFixed(2)}×`);

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('  cluster: skipped (no redis-server)');
  process.exit(0);
}
const redis = await startRedis();
const workers = [startWorker(redis.url, ['--concurrency', '1']), startWorker(redis.url, ['--concurrency', '1'])];
try {
  await Promise.all(workers.map((w) => w.waitFor(/ready:/, 120_000)));
  const cluster = clusterExecutor({ redis: redis.url, timeout: 120_000 });
  const tiny = (seed: number): BlockJob => expJob({ seed, blocks: 400, perBlock: 1, spin: 1 });
  await time(cluster, tiny(1)); // both workers' threads started and warm
  const bookkeeping = await time(cluster, tiny(2));
  const submitterCpu = lastCores * bookkeeping;
  const reused = await time(cluster, tiny(2));
  console.log(`  cluster bookkeeping, 400 trivial blocks on 2 worker processes: ${(bookkeeping * 1000 / 400).toFixed(2)} ms per block (goal ≤ 5 ms); submitter CPU ${(submitterCpu * 1000 / 400).toFixed(2)} ms per block`);
  console.log(`  cluster, the same run resubmitted (results reused): ${(reused * 1000 / 400).toFixed(3)} ms per block`);
  await time(cluster, expJob({ ...heavy, blocks: 4, seed: 98 }));
  const clusterHeavy = await time(cluster, expJob({ ...heavy, seed: 77 }));
  const threadsHeavy = await steady(2, 1);
  console.log(`  heavy run: 2 worker processes ${f(clusterHeavy)} vs 2 worker threads ${f(threadsHeavy)}: ratio ${(clusterHeavy / threadsHeavy).toFixed(2)} (goal ≤ 1.2)`);
  // European Greeks through the entry point: the same request on 2 worker threads and on the 2 worker processes.
  const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
  const euro = (paths: number, seed: number, where: { workers: number } | { cluster: string; timeout: number }) =>
    greeksAsync({ kind: 'bs' }, { kind: 'call', strike: 100 }, market, { paths, seed, ...where });
  const onCluster = { cluster: redis.url, timeout: 600 };
  await euro(200_000, 1, { workers: 2 });   // threads started, greeks module loaded
  await euro(200_000, 1, onCluster);        // the workers' threads load the greeks module
  let t0 = performance.now();
  const byThreads = await euro(GREEKS_PATHS, 42, { workers: 2 });
  const greeksThreads = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const byCluster = await euro(GREEKS_PATHS, 42, onCluster);
  const greeksCluster = (performance.now() - t0) / 1000;
  const bits = (r: typeof byThreads): string => JSON.stringify([r.price, r.greeks]);
  if (bits(byThreads) !== bits(byCluster)) throw new Error('European Greeks: the cluster and the threads differ');
  console.log(`  European Greeks, ${GREEKS_PATHS.toExponential(0)} paths (default methods): 2 worker processes ${f(greeksCluster)} vs 2 worker threads ${f(greeksThreads)}: ratio ${(greeksCluster / greeksThreads).toFixed(2)} (goal ≤ 1.2); same bits`);
} finally {
  for (const w of workers) w.child.kill('SIGINT');
  await Promise.all(workers.map((w) => w.exited));
  await redis.stop();
  await closeThreadPools();
}
