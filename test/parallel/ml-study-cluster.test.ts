/**
 * train vae's estimator study (the VAE gradient-variance study) on a cluster: a real redis-server, two real
 * `pathwise worker` processes. The library call and the CLI (`train vae --cluster`) give the bits of the
 * local one-thread run; the workers load the probe images from their own shipped digits (by row index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/parallel/index.js';
import { DIGITS_VAE, gradientVariance, gradientVarianceAsync, initVae, rows } from '../../src/ml/index.js';
import { loadDigits } from '../../src/ml/node.js';
import { key } from '../../src/random/key.js';
import { runCli } from '../cli/run-cli.js';
import { expectSameBits } from '../montecarlo/helpers.js';
import type { RedisServer } from './helpers/redis.js';
import { startCluster, type LocalCluster, type WorkerProcess } from './helpers/workers.js';

let cluster: LocalCluster;
let redis: RedisServer;
let workers: readonly WorkerProcess[] = [];

beforeAll(async () => {
  cluster = await startCluster(2);
  ({ redis, workers } = cluster);
}, 180_000);

afterAll(() => cluster?.stop(), 60_000);

describe('the VAE gradient-variance study on a cluster', () => {
  it('gradientVarianceAsync({ cluster }): the bits of the one-thread study', async () => {
    const params = initVae(key(4), DIGITS_VAE);
    const idx = [11, 500];
    const x = rows(loadDigits().images, idx);
    const study = { samples: 40, blockSize: 10, key: key(9) };
    const { execution, ...r } = await gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, cluster: redis.url, timeout: 120, source: { dataset: 'digits', rows: idx } });
    expect(execution?.where).toBe('cluster');
    expectSameBits(r, gradientVariance(params, x, DIGITS_VAE, study), 'cluster');
    // Both workers took blocks (16 blocks, each worker one thread).
    for (const w of workers) expect(w.lines.some((l) => /done /.test(l)), w.lines.join('\n')).toBe(true);
  }, 300_000);

  it('pathwise train vae --cluster: the variance table of --workers 1', () => {
    const base = ['train', 'vae', '--epochs', '1', '--samples', '40', '--seed', '2', '--json'];
    const local = runCli([...base, '--workers', '1'], { timeout: 240_000 });
    expect(local.code, local.stderr).toBe(0);
    const remote = runCli([...base, '--cluster', redis.url, '--timeout', '120'], { timeout: 240_000 });
    expect(remote.code, remote.stderr).toBe(0);
    type Out = { history: { seconds?: number }[]; gradientVariance: { rows: unknown; execution: { where: string } } };
    const a = JSON.parse(local.stdout) as Out, b = JSON.parse(remote.stdout) as Out;
    expect([a.gradientVariance.execution.where, b.gradientVariance.execution.where]).toEqual(['calling thread', 'cluster']);
    expect(b.gradientVariance.rows).toEqual(a.gradientVariance.rows);
    const elbo = (o: Out) => o.history.map(({ seconds: _s, ...e }) => e);
    expect(elbo(b)).toEqual(elbo(a));
  }, 600_000);
});
