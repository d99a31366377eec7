/**
 * The entry points on a cluster: real redis-server, two real `pathwise worker` processes; `greeksAsync`,
 * `gradAsync` (the objective's module is under the workers' --modules folder) and `sde.sensitivityAsync`
 * give the bits of the local run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/parallel/index.js';
import * as pw from '../../src/index.js';
import { objective } from './fixtures/objective.js';
import type { RedisServer } from './helpers/redis.js';
import { startCluster, type LocalCluster } from './helpers/workers.js';
import { expectSameBits } from '../montecarlo/helpers.js';

let cluster: LocalCluster;
let redis: RedisServer;

beforeAll(async () => {
  cluster = await startCluster(2);
  ({ redis } = cluster);
}, 180_000);

afterAll(() => cluster?.stop(), 60_000);

describe('entry points on a cluster', () => {
  it('greeksAsync, gradAsync and sde.sensitivityAsync: the same bits as the local runs', async () => {
    const market = { spot: 100, vol: 0.25, rate: 0.03, maturity: 1, dividend: 0.01 };
    const o: pw.finance.GreeksOptions = { paths: 8000, blockSize: 1000, seed: 12, methods: ['pathwise', 'lr', 'fd', 'auto'] };
    const local = pw.greeks({ kind: 'bs' }, { kind: 'digital-put', strike: 95 }, market, o);
    const { execution, ...remote } = await pw.greeksAsync({ kind: 'bs' }, { kind: 'digital-put', strike: 95 }, market, { ...o, cluster: redis.url, timeout: 120 });
    expect(execution?.where).toBe('cluster');
    expectSameBits(remote, local, 'greeks');

    // maxMemory: Infinity travels as a number (plain JSON would make it null, which the worker refuses).
    const go = { samples: 8000, blockSize: 1000, seed: 13, estimator: 'auto' as const, maxMemory: Infinity };
    const g = await objective.gradAsync({ mu: 0.1, sigma: 0.9 }, { ...go, cluster: redis.url, timeout: 120 });
    const gl = objective.grad({ mu: 0.1, sigma: 0.9 }, go);
    expectSameBits([g.value, g.grad, g.diagnostics.trace], [gl.value, gl.grad, gl.diagnostics.trace], 'grad');
    // Parameters whose keys are not in sorted order (the cluster stores specs as sorted-key JSON): the
    // gradient's columns stay the submitter's.
    const swapped = await objective.gradAsync({ sigma: 0.9, mu: 0.1 }, { ...go, cluster: redis.url, timeout: 120 });
    expectSameBits(swapped.grad, objective.grad({ sigma: 0.9, mu: 0.1 }, go).grad, 'grad { sigma, mu }');

    const so = { ...pw.sde.models.gbm(3000, 16, 14), mode: 'adjoint' as const, blockSize: 1000, maxMemory: Infinity };
    const s = await pw.sde.sensitivityAsync(so, { cluster: redis.url, timeout: 120, from: pw.sde.models.portable('gbm', 3000, 16, 14) });
    const { execution: _e, ...sr } = s;
    expectSameBits(sr, pw.sde.sensitivity(so), 'sde');
    const swappedSde = { ...so, params: { sigma: so.params.sigma, mu: so.params.mu } };
    const { execution: _e2, ...ss } = await pw.sde.sensitivityAsync(swappedSde, { cluster: redis.url, timeout: 120, from: pw.sde.models.portable('gbm', 3000, 16, 14) });
    expectSameBits(ss, pw.sde.sensitivity(swappedSde), 'sde { sigma, mu }');
  }, 300_000);
});
