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
