/**
 * The estimator lab's closed-form gradients (playground/src/jobs.ts exactGradient) are themselves checked:
 * every one against the library's score-function and auto estimates, |estimate − exact| ≤ 5·stderr
 * (an estimate with stderr 0, e.g. pathwise on E[x], must equal it to rounding).
 */
import { describe, expect, it } from 'vitest';
import { runLab } from '../../playground/src/jobs.js';

const CASES: readonly [string, string, Record<string, number>][] = [
  ['normal', 'square', { mu: 0.5, sigma: 1.2 }],
  ['normal', 'identity', { mu: -0.3, sigma: 0.7 }],
  ['normal', 'step', { mu: 0.5, sigma: 1 }],
  ['gamma', 'identity', { alpha: 2, beta: 1.5 }],
  ['gamma', 'square', { alpha: 2, beta: 1.5 }],
  ['exponential', 'identity', { rate: 1.3 }],
  ['exponential', 'square', { rate: 1.3 }],
  ['exponential', 'step', { rate: 1.3 }],
  ['beta', 'identity', { a: 2, b: 3 }],
  ['bernoulli', 'logsq', { p: 0.3 }],
  ['bernoulli', 'step', { p: 0.3 }],
  ['poisson', 'square', { rate: 2 }],
  ['poisson', 'identity', { rate: 2 }],
];

describe('lab closed-form gradients', () => {
  it.each(CASES)('%s with cost %s', (distribution, cost, params) => {
    const r = runLab({ distribution, cost, params, c: 0.3, estimators: ['score', 'auto'], samples: 50_000, seed: 11, blockSize: 4096, keepSamples: 0 });
    expect(r.exact).not.toBeNull();
    for (const row of r.rows) {
      expect(row.error).toBeUndefined();
      row.components.forEach((c, k) => {
        const exact = r.exact![k]!;
        const bound = c.stderr > 0 ? 5 * c.stderr : 1e-12 * Math.max(1, Math.abs(exact));
        expect(Math.abs(c.mean - exact), `${row.estimator} ∂/∂${c.name}: ${c.mean} ± ${c.stderr} vs ${exact}`).toBeLessThanOrEqual(bound);
      });
    }
  });

  it('has no closed form where the lab does not claim one', () => {
    const r = runLab({ distribution: 'lognormal', cost: 'sin', params: { mu: 0, sigma: 0.5 }, c: 0, estimators: ['auto'], samples: 1000, seed: 1, blockSize: 1000, keepSamples: 0 });
    expect(r.exact).toBeNull();
  });
});
