/**
 * Black-box variational inference through `expectation`: the ELBO's gradient in (μ, log σ) by the driver
 * (forward and reverse mode), Adam, and convergence to within 1 nat of the optimum
 * found by a hand-written NumPy implementation (scripts/bbvi-reference.py, committed fixture).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { logisticElbo, syntheticLogistic, type GaussianVariational } from '../../src/ml/bbvi.js';

const reference = JSON.parse(readFileSync(new URL('../fixtures/ml/bbvi-reference.json', import.meta.url), 'utf8')) as { elbo: number; stderr: number; mu: number[]; logSigma: number[] };

describe('BBVI for Bayesian logistic regression', () => {
  const data = syntheticLogistic(pw.key(3), 200, 6);
  const elbo = logisticElbo(data);

  it('the gradient at the NumPy optimum is zero within its standard error, in both modes', () => {
    const p = { mu: pw.tensor(reference.mu), logSigma: pw.tensor(reference.logSigma) };
    for (const mode of ['forward', 'reverse'] as const) {
      const r = elbo.grad(p, { samples: 8192, seed: 5, mode });
      expect(r.diagnostics.mode.used).toBe(mode);
      for (const k of ['mu', 'logSigma'] as const) {
        for (let j = 0; j < 6; j++) {
          expect(Math.abs(r.grad[k].mean.data[j]!)).toBeLessThan(5 * r.grad[k].stderr.data[j]!);
        }
      }
      expect(Math.abs(r.value.mean - reference.elbo)).toBeLessThan(5 * Math.hypot(r.value.stderr, reference.stderr));
    }
  });

  it('Adam on expectation(...).grad converges to within 1 nat of the reference ELBO', () => {
    let p: GaussianVariational = { mu: pw.zeros([6]), logSigma: pw.zeros([6]) };
    const opt = new pw.ml.Adam({ lr: (t: number) => 0.2 / (1 + t / 50) });
    for (let step = 0; step < 150; step++) {
      const r = elbo.grad(p, { samples: 16, seed: step });
      p = opt.step(p, { mu: r.grad.mu.mean.neg(), logSigma: r.grad.logSigma.mean.neg() });
    }
    const v = elbo.value(p, { samples: 50_000, seed: 99 });
    expect(v.stderr).toBeLessThan(0.05);
    expect(reference.elbo - v.mean).toBeLessThan(1);
    expect(v.mean - reference.elbo).toBeLessThan(5 * Math.hypot(v.stderr, reference.stderr));   // not above the optimum
  });
});
