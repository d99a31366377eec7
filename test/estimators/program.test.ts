/** The expectation program: several and dependent sites, per-site estimators, baselines, control variates, batching. */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { expectation } from '../../src/estimators/index.js';
import { Normal } from '../../src/distributions/normal.js';
import { Bernoulli } from '../../src/distributions/bernoulli.js';
import { expectWithin } from './helpers.js';

// z1 ~ N(μ, 1), z2 | z1 ~ N(z1, σ): E[z2²] = μ² + 1 + σ², so ∂μ = 2μ and ∂σ = 2σ.
const chain = expectation<{ mu: number; sigma: number }>((p, s) => {
  const z1 = s.sample('z1', Normal(p.mu, 1));
  const z2 = s.sample('z2', Normal(z1, p.sigma));
  return pw.square(z2);
});

describe('several sites', () => {
  const mu = 0.7, sigma = 1.3;
  for (const estimator of ['pathwise', 'score', 'auto'] as const) {
    it(`dependent sites by ${estimator}`, () => {
      const r = chain.grad({ mu, sigma }, { samples: 200_000, seed: 40, estimator });
      expectWithin(r.grad.mu, 2 * mu, 5, 'mu');
      expectWithin(r.grad.sigma, 2 * sigma, 5, 'sigma');
      expect(r.diagnostics.sites.map((s) => s.name)).toEqual(['z1', 'z2']);
    });
  }
  it('a site may override the run estimator, mixing pathwise and score', () => {
    const mixed = expectation<{ mu: number; sigma: number }>((p, s) => {
      const z1 = s.sample('z1', Normal(p.mu, 1), { estimator: 'score' });
      const z2 = s.sample('z2', Normal(z1, p.sigma));
      return pw.square(z2);
    });
    const r = mixed.grad({ mu, sigma }, { samples: 200_000, seed: 41, estimator: 'pathwise' });
    expect(r.diagnostics.sites.map((s) => s.estimator)).toEqual(['score', 'pathwise']);
    expectWithin(r.grad.mu, 2 * mu, 5, 'mu');
    expectWithin(r.grad.sigma, 2 * sigma, 5, 'sigma');
  });
  it('a discrete site next to a continuous one, with tensor-valued parameters', () => {
    // x ~ Bernoulli(q), z ~ N(w[x], 1): E[z²] = q(w1² + 1) + (1 − q)(w0² + 1).
    const objective = expectation<{ q: number; w: pw.Tensor }>((p, s) => {
      const x = s.sample('x', Bernoulli(p.q));
      const loc = pw.add(pw.mul(x, pw.sliceAxis(p.w, 0, 1, 2)), pw.mul(pw.sub(1, x), pw.sliceAxis(p.w, 0, 0, 1)));
      return pw.square(s.sample('z', Normal(loc, 1)));
    });
    const q = 0.3, w = [0.5, -1.2];
    const r = objective.grad({ q, w: pw.tensor(w) }, { samples: 200_000, seed: 42 });
    expect(r.diagnostics.sites.map((s) => s.estimator)).toEqual(['score', 'pathwise']);
    expectWithin(r.grad.q, w[1]! ** 2 - w[0]! ** 2, 5, 'q');
    const gw = r.grad.w;
    expectWithin({ mean: gw.mean.data[0]!, stderr: gw.stderr.data[0]! }, 2 * (1 - q) * w[0]!, 5, 'w0');
    expectWithin({ mean: gw.mean.data[1]!, stderr: gw.stderr.data[1]! }, 2 * q * w[1]!, 5, 'w1');
  });
});

describe('score-function baselines stay unbiased and reduce variance', () => {
  // Each test makes its own objective and its own baseline-free reference: no state is shared between tests
  // (each one runs alone), and the EMA baseline, which carries the value over earlier calls, is warmed up first.
  const make = () => expectation<{ mu: number }>((p, s) => pw.add(pw.square(s.sample('x', Normal(p.mu, 1))), 10));
  const mu = 0.4;
  const options = { samples: 100_000, seed: 50, estimator: 'score', batchSize: 10_000 } as const;
  for (const baseline of ['none', 'loo', 'ema', 'optimal'] as const) {
    it(baseline, () => {
      const objective = make();
      if (baseline === 'ema') objective.grad({ mu }, { ...options, seed: 49, baseline });   // the first call sets the average (using loo)
      const r = objective.grad({ mu }, { ...options, baseline });
      expectWithin(r.grad.mu, 2 * mu, 5, baseline);
      if (baseline !== 'none') {
        const none = make().grad({ mu }, { ...options, baseline: 'none' }).grad.mu.variance;
        expect(r.grad.mu.variance).toBeLessThan(0.2 * none);
      }
    });
  }
});

describe('control variates', () => {
  it('the regression estimator keeps the mean and cuts the variance', () => {
    // f = z + z², with the control variate h = z (mean μ): the value's variance drops from Var(z + z²).
    const mu = 0.3;
    const objective = expectation<{ mu: number }>((p, s) => {
      const z = s.sample('z', Normal(p.mu, 1));
      s.controlVariate('z', pw.stopGradient(z), mu);
      return pw.add(z, pw.square(z));
    });
    const plain = expectation<{ mu: number }>((p, s) => {
      const z = s.sample('z', Normal(p.mu, 1));
      return pw.add(z, pw.square(z));
    });
    const a = objective.value({ mu }, { samples: 100_000, seed: 60 });
    const b = plain.value({ mu }, { samples: 100_000, seed: 60 });
    expectWithin(a, mu + mu * mu + 1);
    expect(a.stderr).toBeLessThan(0.8 * b.stderr);
    const g = objective.grad({ mu }, { samples: 100_000, seed: 60, estimator: 'score' });
    expectWithin(g.grad.mu, 1 + 2 * mu);
  });
});

describe('batching', () => {
  it('results do not depend on the batch size', () => {
    const opts = { samples: 30_000, seed: 70, estimator: 'pathwise' as const };
    const a = chain.grad({ mu: 0.2, sigma: 0.9 }, { ...opts, batchSize: 30_000 });
    const b = chain.grad({ mu: 0.2, sigma: 0.9 }, { ...opts, batchSize: 777 });
    expect(Math.abs(a.grad.mu.mean - b.grad.mu.mean)).toBeLessThan(1e-12);
    expect(Math.abs(a.grad.sigma.stderr - b.grad.sigma.stderr)).toBeLessThan(1e-12);
    expect(Math.abs(a.value.mean - b.value.mean)).toBeLessThan(1e-12);
  });
  it('records a convergence trace, one entry per block', () => {
    const r = chain.grad({ mu: 0.2, sigma: 0.9 }, { samples: 10_000, seed: 71, blockSize: 2_500, batchSize: 1_000 });
    expect(r.diagnostics.trace.map((t) => t.n)).toEqual([2500, 5000, 7500, 10000]);
    expect(r.diagnostics.blocks).toEqual({ count: 4, size: 2500 });
  });
});

describe('compare', () => {
  it('gives one row per estimator, with a reason where one does not apply', () => {
    const objective = expectation<{ eta: number }>((p, s) => pw.square(s.sample('x', Bernoulli(pw.sigmoid(p.eta)))));
    const rows = objective.compare({ eta: 0.2 }, { samples: 20_000, seed: 80 });
    expect(rows.map((r) => r.estimator)).toEqual(['pathwise', 'score', 'mvd', 'fd']);
    expect(rows[0]!.error).toMatch(/no reparameterized sampler/);
    for (const r of rows.slice(1)) {
      expect(r.components[0]!.name).toBe('eta');
      expect(r.secondsPerSample).toBeGreaterThan(0);
      expect(r.components[0]!.workNormalizedVariance).toBeCloseTo(r.components[0]!.variance * r.secondsPerSample, 12);
    }
  });
});

describe('bad input', () => {
  const objective = expectation<{ mu: number }>((p, s) => s.sample('z', Normal(p.mu, 1)));
  it('names the option and the value', () => {
    expect(() => objective.grad({ mu: 0 }, { estimator: 'magic' as 'auto' })).toThrow(/estimator must be one of pathwise, score, mvd, fd, auto; got "magic"/);
    expect(() => objective.grad({ mu: 0 }, { samples: 1 })).toThrow('grad: samples must be an integer ≥ 2, got 1');
    expect(() => objective.grad({ mu: Number.NaN })).toThrow('grad: parameter mu must be finite, got NaN');
  });
  it('requires one cost per sample and distinct site names', () => {
    const scalar = expectation<{ mu: number }>((p, s) => pw.mean(s.sample('z', Normal(p.mu, 1))));
    expect(() => scalar.value({ mu: 0 }, { samples: 100 })).toThrow(/must return one cost per sample, shape \[100\]/);
    const twice = expectation<{ mu: number }>((p, s) => pw.add(s.sample('z', Normal(p.mu, 1)), s.sample('z', Normal(p.mu, 1))));
    expect(() => twice.value({ mu: 0 }, { samples: 100 })).toThrow("sample('z'): the site is sampled twice in one run");
  });
});

describe('straight-through sites', () => {
  it('are reported as biased by design when differentiated pathwise', () => {
    const objective = expectation<{ eta: number }>((p, s) => pw.square(s.sample('x', pw.StraightThroughBernoulli(0.5, { logits: p.eta }))));
    const r = objective.grad({ eta: 0.3 }, { samples: 2_000, seed: 90 });
    expect(r.diagnostics.sites[0]!.estimator).toBe('pathwise');
    expect(r.diagnostics.sites[0]!.reason).toMatch(/biased by design/);
    expect(r.diagnostics.biased).toBe(true);
  });
});
