/**
 * The entry points on worker threads: `gradAsync` with 1, 2 and 3 workers gives `===` results for every
 * estimator (the blocks are rebuilt in each thread from the objective's module), and a closure stays on the
 * calling thread with the reason in its diagnostics.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../src/parallel/index.js';
import * as pw from '../../src/index.js';
import { objective } from './fixtures/objective.js';
import { expectSameBits } from '../montecarlo/helpers.js';

const strip = (r: pw.GradResult<unknown>): unknown => {
  const { seconds: _s, plan: _p, execution: _e, ...d } = r.diagnostics;
  return { value: r.value, grad: r.grad, diagnostics: d };
};

describe('gradAsync on worker threads', () => {
  afterAll(() => undefined);
  for (const estimator of ['pathwise', 'score', 'mvd', 'fd', 'auto'] as const) {
    it(`estimator ${estimator}: workers 1, 2, 3 give the bits of grad`, async () => {
      const opts = { samples: 12_000, blockSize: 2000, seed: 9, estimator, keepSamples: 10 };
      const reference = strip(objective.grad({ mu: 0.2, sigma: 1.1 }, opts));
      for (const workers of [1, 2, 3]) {
        const r = await objective.gradAsync({ mu: 0.2, sigma: 1.1 }, { ...opts, workers });
        expect(r.diagnostics.execution?.where).toBe(workers === 1 ? 'calling thread' : 'worker threads');
        expectSameBits(strip(r), reference, `workers ${workers}`);
      }
    }, 120_000);
  }
  it('a closure runs on the calling thread and says why', async () => {
    const closure = pw.expectation<{ mu: number }>((p, s) => pw.square(s.sample('z', pw.Normal(p.mu, 1))));
    const r = await closure.gradAsync({ mu: 0.1 }, { samples: 8000, blockSize: 1000, workers: 2 });
    expect(r.diagnostics.execution).toEqual({ where: 'calling thread', workers: 1, reason: expect.stringMatching(/module location/) });
  });
});

describe('greeksAsync on worker threads', () => {
  const market = { spot: 100, vol: 0.25, rate: 0.03, maturity: 1, dividend: 0.01 };
  it('every method, QMC included: workers 1, 2, 3 give the bits of greeks', async () => {
    const cases: [pw.finance.ModelSpec, pw.finance.PayoffSpec, pw.finance.GreeksOptions][] = [
      [{ kind: 'bs' }, { kind: 'digital-call', strike: 100 }, { paths: 8000, blockSize: 2000, seed: 3, methods: ['pathwise', 'lr', 'mixed', 'fd', 'auto'] }],
      [{ kind: 'bs' }, { kind: 'barrier', strike: 100, barrier: 120, barrierType: 'up-out' }, { paths: 4000, blockSize: 1000, steps: 6, seed: 4, methods: ['conditional', 'auto'] }],
      [{ kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.6 }, { kind: 'put', strike: 100 }, { paths: 4000, blockSize: 1000, steps: 8, seed: 5, greeks: ['delta', 'vega'], methods: ['pathwise', 'vibrato'] }],
      [{ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 4 }, { paths: 4096, blockSize: 256, seed: 6, qmc: 'sobol', replicates: 8, methods: ['pathwise', 'lr'] }],
    ];
    for (const [model, payoff, o] of cases) {
      const reference = pw.greeks(model, payoff, market, o);
      for (const workers of [1, 2, 3]) {
        const { execution, ...r } = await pw.greeksAsync(model, payoff, market, { ...o, workers });
        expect(execution?.workers).toBe(workers);
        expectSameBits(r, reference, `${payoff.kind} workers ${workers}`);
      }
    }
  }, 180_000);
});
