/**
 * Reverse mode against forward mode (per-sample gradients) on the same samples, against closed forms, and
 * the honesty of the standard errors: 95 % intervals must cover the truth 93–97 % of the time over 1000
 * seeds (a binomial standard deviation of 0.7 %). Reverse mode gives per-sample gradients from one pass
 * when the parameters reach the samples through broadcasts (src/ad/per-sample.ts), batch means otherwise.
 */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { expectWithin } from '../estimators/helpers.js';

// z ~ N(μ, σ²), cost z² + z: ∂μ = 2μ + 1, ∂σ = 2σ.
const quad = pw.expectation<{ mu: number; sigma: number }>((p, s) => {
  const z = s.sample('z', pw.Normal(p.mu, p.sigma));
  return pw.add(pw.square(z), z);
});

// The same cost with a weight w = 1 applied by a matmul over the samples: w's cotangent is summed over the
// samples inside the matmul's rule, so the gradient does not separate by rows (batch means).
const quadMatmul = pw.expectation<{ mu: number; sigma: number; w: pw.Tensor }>((p, s) => {
  const z = s.sample('z', pw.Normal(p.mu, p.sigma));
  return pw.add(pw.square(z), pw.reshape(pw.matmul(pw.reshape(z, [-1, 1]), p.w), [-1]));
});
const W1 = pw.tensor([[1]]);

describe('reverse mode', () => {
  it('gives the forward-mode per-sample gradients to round-off from one pass, for pathwise and score sites', () => {
    for (const estimator of ['pathwise', 'score'] as const) {
      const opts = { samples: 20_000, seed: 3, estimator, keepSamples: 50 };
      const f = quad.grad({ mu: 0.4, sigma: 1.2 }, { ...opts, mode: 'forward' });
      const r = quad.grad({ mu: 0.4, sigma: 1.2 }, { ...opts, mode: 'reverse' });
      expect(r.diagnostics.mode.used).toBe('reverse');
      expect(f.diagnostics.mode.used).toBe('forward');
      expect(r.diagnostics.stderrMethod).toBe('per-sample');
      for (const k of ['mu', 'sigma'] as const) {
        expect(Math.abs(r.grad[k].mean - f.grad[k].mean)).toBeLessThan(1e-12 * (1 + Math.abs(f.grad[k].mean)));
        expect(Math.abs(r.grad[k].stderr / f.grad[k].stderr - 1)).toBeLessThan(1e-12);
      }
      const fs = f.diagnostics.samples!, rs = r.diagnostics.samples!;
      expect(rs.map((c) => c.length)).toEqual(fs.map((c) => c.length));
      fs.forEach((col, c) => col.forEach((v, i) => expect(Math.abs(rs[c]![i]! - v)).toBeLessThan(1e-12 * (1 + Math.abs(v)))));
      expect(r.value.mean).toBeCloseTo(f.value.mean, 12);
    }
  });

  it('falls back to batch means when the gradient does not separate by samples (a matmul over them, an mvd site)', () => {
    const cases = [
      { obj: quadMatmul, params: { mu: 0.4, sigma: 1.2, w: W1 }, estimator: 'pathwise' as const },
      { obj: quad, params: { mu: 0.4, sigma: 1.2 }, estimator: 'mvd' as const },
    ];
    for (const { obj, params, estimator } of cases) {
      const f = (obj as typeof quad).grad(params as { mu: number; sigma: number }, { samples: 20_000, seed: 3, estimator, mode: 'forward' });
      const r = (obj as typeof quad).grad(params as { mu: number; sigma: number }, { samples: 20_000, seed: 3, estimator, mode: 'reverse' });
      expect(r.diagnostics.stderrMethod).toMatch(/batch means over \d+ groups/);
      for (const k of ['mu', 'sigma'] as const) {
        expect(Math.abs(r.grad[k].mean - f.grad[k].mean)).toBeLessThan(1e-12 * (1 + Math.abs(f.grad[k].mean)));
      }
      // batch means estimate the same per-sample variance, with fewer degrees of freedom
      expect(r.grad.mu.stderr / f.grad.mu.stderr).toBeGreaterThan(0.7);
      expect(r.grad.mu.stderr / f.grad.mu.stderr).toBeLessThan(1.3);
    }
  });

  it('is chosen automatically for many parameters, and agrees with the closed form', () => {
    // z ~ N(w, 1) with 24 components, cost Σ_j c_j z_j²: ∂w_j = 2 c_j w_j.
    const d = 24;
    const c = pw.tensor(Array.from({ length: d }, (_, j) => 1 + j / d));
    const wide = pw.expectation<{ w: pw.Tensor }>((p, s) => pw.sum(pw.mul(pw.square(s.sample('z', pw.Normal(p.w, 1))), c), 1));
    const w = Array.from({ length: d }, (_, j) => Math.sin(j));
    const r = wide.grad({ w: pw.tensor(w) }, { samples: 40_000, seed: 5 });
    expect(r.diagnostics.mode.used).toBe('reverse');
    expect(r.diagnostics.mode.reason).toMatch(/24 parameter components/);
    for (let j = 0; j < d; j++) {
      expectWithin({ mean: r.grad.w.mean.data[j]!, stderr: r.grad.w.stderr.data[j]! }, 2 * c.data[j]! * w[j]!, 5, `w[${j}]`);
    }
    const f = wide.grad({ w: pw.tensor(w) }, { samples: 40_000, seed: 5, mode: 'forward' });
    for (let j = 0; j < d; j++) expect(Math.abs(f.grad.w.mean.data[j]! - r.grad.w.mean.data[j]!)).toBeLessThan(1e-10);
  });

  // Reverse mode's batch means over 64 groups have 63 degrees of freedom: nominal coverage 94.6 %. The
  // score-function terms are skewed (f·∂log q), so they need more samples per run for the normal interval.
  it('forward mode: 95 % intervals cover the truth 93–97 % of the time (1000 seeds, pathwise and score)', () => {
    let covered = 0, coveredScore = 0;
    const seeds = 1000, mu = 0.4, sigma = 1.2;
    for (let seed = 0; seed < seeds; seed++) {
      const r = quad.grad({ mu, sigma }, { samples: 2048, seed, mode: 'forward', estimator: 'pathwise' });
      if (Math.abs(r.grad.mu.mean - (2 * mu + 1)) <= 1.959964 * r.grad.mu.stderr) covered++;
      const s = quad.grad({ mu, sigma }, { samples: 8192, seed: seed + 5000, mode: 'forward', estimator: 'score' });
      if (Math.abs(s.grad.sigma.mean - 2 * sigma) <= 1.959964 * s.grad.sigma.stderr) coveredScore++;
    }
    for (const c of [covered, coveredScore]) {
      expect(c / seeds).toBeGreaterThanOrEqual(0.93);
      expect(c / seeds).toBeLessThanOrEqual(0.97);
    }
  });
  it('reverse mode: 95 % intervals cover the truth 93–97 % of the time (1000 seeds, batch means)', () => {
    let covered = 0;
    const seeds = 1000, mu = 0.4, sigma = 1.2;
    for (let seed = 0; seed < seeds; seed++) {
      const r = quadMatmul.grad({ mu, sigma, w: W1 }, { samples: 2048, blockSize: 1024, seed, mode: 'reverse', estimator: 'pathwise' });
      if (Math.abs(r.grad.mu.mean - (2 * mu + 1)) <= 1.959964 * r.grad.mu.stderr) covered++;
    }
    expect(covered / seeds).toBeGreaterThanOrEqual(0.93);
    expect(covered / seeds).toBeLessThanOrEqual(0.97);
  }, 120_000);
  it('measure-valued and finite-difference estimators: stderr within 10 % of the replicates, coverage 93–97 % (1000 seeds)', () => {
    const seeds = 1000, mu = 0.4, sigma = 1.2;
    for (const estimator of ['mvd', 'fd'] as const) {
      const xs: number[] = [], ses: number[] = [];
      for (let seed = 0; seed < seeds; seed++) {
        const r = quad.grad({ mu, sigma }, { samples: 4096, seed: seed + 9000, estimator });
        xs.push(r.grad.sigma.mean);
        ses.push(r.grad.sigma.stderr);
      }
      const mean = xs.reduce((a, b) => a + b) / seeds;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (seeds - 1));
      const meanSe = ses.reduce((a, b) => a + b) / seeds;
      const covered = xs.filter((x, k) => Math.abs(x - 2 * sigma) <= 1.959964 * ses[k]!).length / seeds;
      expect(Math.abs(meanSe / sd - 1), `${estimator}: stderr ${meanSe} vs spread ${sd}`).toBeLessThan(0.1);
      expect(covered, `${estimator} coverage`).toBeGreaterThanOrEqual(0.93);
      expect(covered, `${estimator} coverage`).toBeLessThanOrEqual(0.97);
    }
  }, 120_000);
});
