/**
 * Issue [2/5] benchmark: the entry points on 1 and 2 worker threads, same run, same bits (checked here):
 * ∇(μ, σ) E[log(1 + z²)] with 1e7 samples (pathwise and score), and Heston forward sensitivities
 * (`sde.models.heston`, paths × 256 steps); then, in the same run, where 2 threads stand against the peers
 * given the same cores: NumPy (its elementwise loops use one thread) and PyTorch with 2 intra-op threads.
 * Run: npx tsx bench/parallel-entry.ts [paths]
 */
import { isMainThread } from 'node:worker_threads';
import '../src/parallel/index.js';
import * as pw from '../src/index.js';
import { median, row } from './lib/harness.js';
import { estimatorNumpy, estimatorTorch, logHestonNumpy, logHestonTorch } from './lib/peers.js';

export const objective = pw.expectation<{ mu: number; sigma: number }>((p, s) => {
  const z = s.sample('z', pw.Normal(p.mu, p.sigma));
  return pw.log1p(pw.square(z));
}, { module: import.meta.url, export: 'objective' });

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push((performance.now() - t0) / 1000);
  }
  return median(ts);
}

// Worker threads import this module for the objective, and share the parent's argv: only the main thread benchmarks.
const isMain = isMainThread && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop()!);
if (isMain) {
  const N = 10_000_000, RUNS = 3;
  const hestonPaths = Number(process.argv[2] ?? 20_000);
  console.log(`Entry points on worker threads (median of ${RUNS}; a warm pool; seconds)`);
  row('', '1 thread', '2 threads', 'speed-up');
  const twoThreads: Record<string, number> = {};
  for (const estimator of ['pathwise', 'score'] as const) {
    const o = { samples: N, seed: 1, estimator, baseline: 'none' as const };
    let a: pw.GradResult<unknown> | undefined, b: pw.GradResult<unknown> | undefined;
    const t1 = await timeAsync(async () => (a = await objective.gradAsync({ mu: 0.3, sigma: 1.2 }, { ...o, workers: 1 })), RUNS);
    const t2 = await timeAsync(async () => (b = await objective.gradAsync({ mu: 0.3, sigma: 1.2 }, { ...o, workers: 2 })), RUNS);
    if (JSON.stringify([a!.grad, a!.value]) !== JSON.stringify([b!.grad, b!.value])) throw new Error('1 and 2 threads differ');
    row(`estimator ${estimator}, 1e7 samples`, t1, t2, t1 / t2);
    twoThreads[estimator] = t2;
  }
  const from = pw.sde.models.portable('heston', hestonPaths, 256, 1);
  const options = { ...pw.sde.models.heston(hestonPaths, 256, 1), mode: 'forward' as const };
  const h1 = await timeAsync(() => pw.sde.sensitivityAsync(options, { workers: 1, from }), 1);
  const h2 = await timeAsync(() => pw.sde.sensitivityAsync(options, { workers: 2, from }), 1);
  row(`Heston forward, ${hestonPaths} × 256`, h1, h2, h1 / h2);

  console.log('\nThe same, pathwise on 2 threads against the peers (seconds; ratio = pathwise time / peer time)');
  row('', 'pathwise', 'NumPy', 'ratio', 'PyTorch 2 thr', 'ratio');
  const problem = { n: N, mu: 0.3, sigma: 1.2, runs: RUNS };
  const numpy = estimatorNumpy(problem), torch = estimatorTorch(problem, 2);
  for (const est of ['pathwise', 'score'] as const) {
    const t = twoThreads[est]!;
    row(`estimator ${est}`, t, numpy?.[est] ?? 'n/a', numpy ? t / numpy[est]! : 'n/a', torch?.[est] ?? 'n/a', torch ? t / torch[est]! : 'n/a');
  }
  const heston = { paths: hestonPaths, steps: 256, params: pw.sde.models.HESTON, runs: 1 };
  const hn = logHestonNumpy(heston), ht = logHestonTorch(heston, 2);
  row('Heston forward', h2, hn?.t ?? 'n/a', hn ? h2 / hn.t! : 'n/a', ht?.t ?? 'n/a', ht ? h2 / ht.t! : 'n/a');
  const last = await pw.sde.sensitivityAsync(options, { workers: 2, from });
  const g = last.grad as Record<string, { mean: number; stderr: number }>;
  console.log(`  pathwise: dκ = ${g.kappa!.mean.toFixed(4)} ± ${g.kappa!.stderr.toFixed(4)}, dθ = ${g.theta!.mean.toFixed(3)} ± ${g.theta!.stderr.toFixed(3)}, dξ = ${g.xi!.mean.toFixed(3)} ± ${g.xi!.stderr.toFixed(3)}`);
  if (hn) console.log(`  NumPy:    dκ = ${hn.kappa!.toFixed(4)}, dθ = ${hn.theta!.toFixed(3)}, dξ = ${hn.xi!.toFixed(3)} (own random numbers)`);
  if (ht) console.log(`  PyTorch:  dκ = ${ht.kappa!.toFixed(4)}, dθ = ${ht.theta!.toFixed(3)}, dξ = ${ht.xi!.toFixed(3)} (own random numbers)`);
}
