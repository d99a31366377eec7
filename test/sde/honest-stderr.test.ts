/**
 * SDE sensitivities' standard errors held against the spread of independent replicates: over 1000 keys, the
 * mean reported stderr is within 10 % of the standard deviation of the estimates, and 95 % intervals cover the
 * exact answer of the discretized scheme 93–97 % of the time. GBM by Euler: E[X_N] = x0 (1 + μh)^N, so
 * ∂μ E[X_N] = x0·T·(1 + μh)^{N−1} exactly, and ∂σ E[X_N] = 0.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { sensitivity } from '../../src/sde/index.js';
import { gbm } from './helpers.js';

const SEEDS = 1000, STEPS = 4, PATHS = 400, MU = 0.05;

describe('sde.sensitivity: honest standard errors over 1000 keys', () => {
  for (const mode of ['forward', 'adjoint', 'fd', 'score'] as const) {
    it(`mode ${mode}: ∂μ and ∂σ`, () => {
      const h = 1 / STEPS;
      const truth = { mu: (1 + MU * h) ** (STEPS - 1), sigma: 0 };
      for (const p of ['mu', 'sigma'] as const) {
        const xs: number[] = [], ses: number[] = [];
        for (let s = 0; s < SEEDS; s++) {
          const r = sensitivity({ ...gbm(key(10_000 + s), PATHS, STEPS), loss: (x) => x, mode });
          xs.push(r.grad[p]!.mean);
          ses.push(r.grad[p]!.stderr);
        }
        const mean = xs.reduce((a, b) => a + b) / SEEDS;
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (SEEDS - 1));
        const meanSe = ses.reduce((a, b) => a + b) / SEEDS;
        expect(sd, `${mode} ${p}: the per-path derivatives vary, so must the estimates`).toBeGreaterThan(0);
        const covered = xs.filter((x, k) => Math.abs(x - truth[p]) <= 1.959964 * ses[k]!).length / SEEDS;
        expect(Math.abs(meanSe / sd - 1), `${mode} ${p}: reported stderr ${meanSe} vs replicate sd ${sd}`).toBeLessThan(0.1);
        expect(covered, `${mode} ${p} coverage`).toBeGreaterThanOrEqual(0.93);
        expect(covered, `${mode} ${p} coverage`).toBeLessThanOrEqual(0.97);
      }
    }, 180_000);
  }
});
