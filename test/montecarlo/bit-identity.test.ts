/**
 * The driver's contract: the same bits whatever the batch size. Every number of a result — means, standard
 * errors, variances, the value, the convergence trace, kept samples and the diagnostics — is compared with
 * `===` (through a deep equality that treats typed arrays element by element), for every estimator and
 * baseline, `auto` on a discontinuous cost, control variates and reverse mode.
 */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import type { GradOptions } from '../../src/estimators/types.js';
import { expectSameBits } from './helpers.js';

/** A result without its wall-clock time and the cache state of its plan (how, not what). */
function comparable(r: pw.GradResult<unknown>): unknown {
  const { seconds: _s, plan: _p, ...diagnostics } = r.diagnostics;
  return { value: r.value, grad: r.grad, diagnostics };
}

const BATCHES = [1, 7, 1000, 16384, undefined];

function acrossBatchSizes(run: (o: GradOptions) => pw.GradResult<unknown>, samples: number): void {
  const reference = comparable(run({ samples }));
  for (const batchSize of BATCHES) {
    if (batchSize === 1 && samples > 3000) continue;
    expectSameBits(comparable(run({ samples, ...(batchSize !== undefined ? { batchSize } : {}) })), reference, `batchSize ${batchSize}`);
  }
}

// z1 ~ N(μ, 1), z2 | z1 ~ N(z1, σ), cost z2²: two dependent sites.
const chain = pw.expectation<{ mu: number; sigma: number }>((p, s) => {
  const z1 = s.sample('z1', pw.Normal(p.mu, 1));
  return pw.square(s.sample('z2', pw.Normal(z1, p.sigma)));
});

describe('the same bits at any batch size', () => {
  for (const estimator of ['pathwise', 'score', 'mvd', 'fd', 'auto'] as const) {
    it(`estimator ${estimator}`, () => {
      acrossBatchSizes((o) => chain.grad({ mu: 0.3, sigma: 0.8 }, { ...o, seed: 11, estimator, keepSamples: 50 }), 2500);
    });
  }
  for (const baseline of ['none', 'loo', 'optimal'] as const) {
    it(`score with the ${baseline} baseline, several blocks`, () => {
      acrossBatchSizes((o) => chain.grad({ mu: 0.3, sigma: 0.8 }, { ...o, seed: 12, estimator: 'score', baseline, blockSize: 1000 }), 2500);
    });
  }
  it('score with the ema baseline: the same sequence of calls gives the same bits', () => {
    const calls = (batchSize: number) => {
      const objective = pw.expectation<{ mu: number }>((p, s) => pw.square(s.sample('x', pw.Normal(p.mu, 1))));
      return [0.1, 0.2, 0.3].map((mu) => comparable(objective.grad({ mu }, { samples: 3000, seed: 13, estimator: 'score', baseline: 'ema', batchSize })));
    };
    expectSameBits(calls(7), calls(16384));
  });
  it('auto on a discontinuous cost (a digital): the site switches to the score function', () => {
    const digital = pw.expectation<{ mu: number }>((p, s) => pw.step(s.sample('z', pw.Normal(p.mu, 1)).sub(0.3)));
    acrossBatchSizes((o) => digital.grad({ mu: 0.1 }, { ...o, seed: 14 }), 20_000);
    expect(digital.grad({ mu: 0.1 }, { samples: 100, seed: 14 }).diagnostics.sites[0]!.estimator).toBe('score');
  });
  it('control variates', () => {
    const cv = pw.expectation<{ mu: number }>((p, s) => {
      const z = s.sample('z', pw.Normal(p.mu, 1));
      s.controlVariate('z', pw.stopGradient(z), 0.3);
      return pw.add(z, pw.square(z));
    });
    acrossBatchSizes((o) => cv.grad({ mu: 0.3 }, { ...o, seed: 15 }), 20_000);
  });
  it('reverse mode', () => {
    acrossBatchSizes((o) => chain.grad({ mu: 0.3, sigma: 0.8 }, { ...o, seed: 16, mode: 'reverse', estimator: 'auto' }), 20_000);
  });
  it('reverse mode, per-sample rows pulled back row by row (small blocks) and by the Jacobian, with a score site', () => {
    for (const blockSize of [2, 1000]) {
      acrossBatchSizes((o) => chain.grad({ mu: 0.3, sigma: 0.8 }, { ...o, seed: 18, mode: 'reverse', estimator: 'score', blockSize, keepSamples: 20 }), 2500);
    }
  });
  it('reverse mode by batch means (a parameter applied by a matmul over the samples)', () => {
    const matmulCost = pw.expectation<{ mu: number; w: pw.Tensor }>((p, s) => {
      const z = s.sample('z', pw.Normal(p.mu, 1));
      return pw.reshape(pw.matmul(pw.reshape(pw.square(z), [-1, 1]), p.w), [-1]);
    });
    acrossBatchSizes((o) => matmulCost.grad({ mu: 0.3, w: pw.tensor([[2]]) }, { ...o, seed: 19, mode: 'reverse', blockSize: 1000 }), 2500);
    expect(matmulCost.grad({ mu: 0.3, w: pw.tensor([[2]]) }, { samples: 100, seed: 19, mode: 'reverse' }).diagnostics.stderrMethod).toMatch(/batch means/);
  });
  it('value', () => {
    const objective = pw.expectation<{ mu: number }>((p, s) => pw.exp(s.sample('x', pw.Normal(p.mu, 1))));
    const a = objective.value({ mu: 0.2 }, { samples: 50_000, seed: 17, batchSize: 999 });
    const b = objective.value({ mu: 0.2 }, { samples: 50_000, seed: 17 });
    expectSameBits(a, b);
  });
});
