/** The worked checks of the estimators issue, each against its closed form within 5 standard errors. */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { expectation } from '../../src/estimators/index.js';
import { Normal } from '../../src/distributions/normal.js';
import { Gamma } from '../../src/distributions/gamma.js';
import { Bernoulli } from '../../src/distributions/bernoulli.js';
import { expectWithin, varianceWithError } from './helpers.js';

const npdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

describe('z ~ N(φ, e^φ), f = z²: gradient 2φ + e^φ', () => {
  const objective = expectation<{ phi: number }>((p, s) => pw.square(s.sample('z', Normal(p.phi, pw.exp(p.phi.div(2))))));
  const phi = 0.5, truth = 2 * phi + Math.exp(phi);
  for (const estimator of ['pathwise', 'score', 'mvd', 'fd', 'auto'] as const) {
    it(`by ${estimator}`, () => {
      const r = objective.grad({ phi }, { samples: 200_000, seed: 11, estimator });
      expectWithin(r.grad.phi, truth, 5, estimator);
      expectWithin(r.value, phi * phi + Math.exp(phi), 5, 'value');
      expect(r.diagnostics.biased).toBe(false);
    });
  }
});

describe('x ~ N(μ, σ²), f = x', () => {
  const objective = expectation<{ mu: number; sigma: number }>((p, s) => s.sample('x', Normal(p.mu, p.sigma)));
  const mu = 1.5, sigma = 0.8;
  it('pathwise d/dμ is the constant 1: per-sample variance exactly 0', () => {
    const r = objective.grad({ mu, sigma }, { samples: 50_000, seed: 1, estimator: 'pathwise' });
    expect(r.grad.mu.mean).toBe(1);
    expect(r.grad.mu.variance).toBe(0);
    expect(r.grad.mu.stderr).toBe(0);
  });
  it('score d/dμ has mean 1 and per-sample variance μ²/σ² + 2', () => {
    const n = 400_000;
    const r = objective.grad({ mu, sigma }, { samples: n, seed: 2, estimator: 'score', baseline: 'none', keepSamples: n });
    expectWithin(r.grad.mu, 1, 5, 'score mean');
    const v = varianceWithError(r.diagnostics.samples[0]!);
    expectWithin(v, mu * mu / (sigma * sigma) + 2, 5, 'score per-sample variance');
    expect(Math.abs(r.grad.mu.variance - v.mean)).toBeLessThan(1e-9 * v.mean);
  });
});

describe('x ~ N(μ, σ²), f = (x − k)², a = μ − k', () => {
  const k = 0.4, mu = 1.1, sigma = 0.7, a = mu - k;
  const objective = expectation<{ mu: number; sigma: number }>((p, s) => pw.square(s.sample('x', Normal(p.mu, p.sigma)).sub(k)));
  const n = 400_000;
  it('pathwise: gradients 2a and 2σ, per-sample variances 4σ² and 4a² + 8σ²', () => {
    const r = objective.grad({ mu, sigma }, { samples: n, seed: 3, estimator: 'pathwise', keepSamples: n });
    expectWithin(r.grad.mu, 2 * a);
    expectWithin(r.grad.sigma, 2 * sigma);
    expectWithin(varianceWithError(r.diagnostics.samples[0]!), 4 * sigma ** 2, 5, 'var μ');
    expectWithin(varianceWithError(r.diagnostics.samples[1]!), 4 * a * a + 8 * sigma ** 2, 5, 'var σ');
  });
  it('score: same gradients, per-sample variances a⁴/σ² + 14a² + 15σ² and 2a⁴/σ² + 60a² + 74σ²', () => {
    const r = objective.grad({ mu, sigma }, { samples: n, seed: 4, estimator: 'score', baseline: 'none', keepSamples: n });
    expectWithin(r.grad.mu, 2 * a);
    expectWithin(r.grad.sigma, 2 * sigma);
    expectWithin(varianceWithError(r.diagnostics.samples[0]!), a ** 4 / sigma ** 2 + 14 * a * a + 15 * sigma ** 2, 5, 'var μ');
    expectWithin(varianceWithError(r.diagnostics.samples[1]!), 2 * a ** 4 / sigma ** 2 + 60 * a * a + 74 * sigma ** 2, 5, 'var σ');
  });
});

describe('where the path breaks', () => {
  const c = 0.3, mu = 0.1;
  it('a step in f: pathwise returns 0 and reports the event; auto finds φ(c − μ)', () => {
    const objective = expectation<{ mu: number }>((p, s) => pw.step(s.sample('z', Normal(p.mu, 1)).sub(c)));
    const pathwise = objective.grad({ mu }, { samples: 50_000, seed: 5, estimator: 'pathwise' });
    expect(pathwise.grad.mu.mean).toBe(0);
    expect(pathwise.diagnostics.biased).toBe(true);
    expect(pathwise.diagnostics.events).toEqual([{ op: 'step', sources: ['z'], count: 1, biasing: true }]);
    const auto = objective.grad({ mu }, { samples: 200_000, seed: 5 });
    expect(auto.diagnostics.sites[0]!.estimator).toBe('score');
    expect(auto.diagnostics.sites[0]!.reason).toMatch(/discontinuous op\(s\) step/);
    expect(auto.diagnostics.biased).toBe(false);
    expectWithin(auto.grad.mu, npdf(c - mu));
  });
  it('a Bernoulli built by thresholding a sample: same story', () => {
    const p0 = 0.25;
    const objective = expectation<{ mu: number }>((p, s) => {
      const x = pw.greater(s.sample('z', Normal(p.mu, 1)), 0);   // x ~ Bernoulli(Φ(μ))
      return pw.square(x.sub(p0));
    });
    const truth = npdf(mu) * (1 - 2 * p0);   // d/dμ [Φ(μ)(1 − p0)² + (1 − Φ(μ))p0²]
    const pathwise = objective.grad({ mu }, { samples: 20_000, seed: 6, estimator: 'pathwise' });
    expect(pathwise.grad.mu.mean).toBe(0);
    expect(pathwise.diagnostics.events[0]!.op).toBe('greater');
    expectWithin(objective.grad({ mu }, { samples: 200_000, seed: 6 }).grad.mu, truth);
  });
  it('a parameter entering the jump directly is reported as biased', () => {
    const objective = expectation<{ c: number }>((p, s) => pw.step(s.sample('z', Normal(0, 1)).sub(p.c)));
    const r = objective.grad({ c: 0.2 }, { samples: 1000, seed: 1 });
    expect(r.diagnostics.biased).toBe(true);
    expect(r.diagnostics.warnings[0]).toMatch(/parameter\(s\) c enter discontinuous op 'step'/);
  });
});

describe('discrete sites', () => {
  it('Bernoulli(sigmoid(η)), f = (x − p)², η = 0: gradient (1 − 2p)/4 by score and mvd', () => {
    const pp = 0.3;
    const objective = expectation<{ eta: number }>((p, s) => pw.square(s.sample('x', Bernoulli(pw.sigmoid(p.eta))).sub(pp)));
    for (const estimator of ['score', 'mvd', 'auto'] as const) {
      const r = objective.grad({ eta: 0 }, { samples: 100_000, seed: 8, estimator });
      if (estimator === 'mvd') expect(r.grad.eta.mean).toBeCloseTo((1 - 2 * pp) / 4, 14);   // f(1) − f(0) is exact
      else expectWithin(r.grad.eta, (1 - 2 * pp) / 4, 5, estimator);
    }
  });
  it('refuses pathwise for a site without a reparameterized sampler, saying what to use', () => {
    const objective = expectation<{ eta: number }>((p, s) => s.sample('x', Bernoulli(pw.sigmoid(p.eta))));
    expect(() => objective.grad({ eta: 0 }, { samples: 100, estimator: 'pathwise' }))
      .toThrow("site 'x': Bernoulli has no reparameterized sampler, so 'pathwise' cannot be used; use 'score', 'mvd' or 'auto'");
  });
});

describe('implicit reparameterization: Gamma(α, 1), d/dα E[z^j] for j = 0…4', () => {
  const alpha = 2.5;
  // E[z^j] = α(α+1)…(α+j−1); its derivative is the sum over factors of the product of the others.
  const dMoment = (j: number) => {
    let s = 0;
    for (let i = 0; i < j; i++) {
      let prod = 1;
      for (let l = 0; l < j; l++) if (l !== i) prod *= alpha + l;
      s += prod;
    }
    return s;
  };
  for (let j = 0; j <= 4; j++) {
    it(`j = ${j}`, () => {
      const objective = expectation<{ alpha: number }>((p, s) => pw.pow(s.sample('z', Gamma(p.alpha, 1)), j));
      const r = objective.grad({ alpha }, { samples: 200_000, seed: 20 + j, estimator: 'pathwise' });
      if (j === 0) expect(r.grad.alpha.mean).toBe(0);
      else expectWithin(r.grad.alpha, dMoment(j), 5, `j=${j}`);
    });
  }
  it('forced to the score path, the same model reaches the same gradient', () => {
    const objective = expectation<{ alpha: number }>((p, s) => pw.square(s.sample('z', Gamma(p.alpha, 1))));
    const pathwise = objective.grad({ alpha }, { samples: 200_000, seed: 30, estimator: 'pathwise' }).grad.alpha;
    const score = objective.grad({ alpha }, { samples: 200_000, seed: 31, estimator: 'score' }).grad.alpha;
    const combined = Math.sqrt(pathwise.stderr ** 2 + score.stderr ** 2);
    expectWithin({ mean: pathwise.mean - score.mean, stderr: combined }, 0);
    expectWithin(score, dMoment(2));
  });
});

describe('the score function and a moving support', () => {
  it('is reported as biased when the support depends on the parameters (Uniform(0, θ))', () => {
    // E[z] = θ/2 for z ~ U(0, θ); the score of U(0, θ) is −1/θ on the support, which misses the boundary.
    const objective = expectation<{ theta: number }>((p, s) => s.sample('z', pw.Uniform(0, p.theta)));
    const score = objective.grad({ theta: 2 }, { samples: 20_000, seed: 3, estimator: 'score' });
    expect(score.diagnostics.biased).toBe(true);
    expect(score.diagnostics.sites[0]!.reason).toMatch(/support depends on the parameters/);
    const pathwise = objective.grad({ theta: 2 }, { samples: 20_000, seed: 3, estimator: 'pathwise' });
    expect(pathwise.diagnostics.biased).toBe(false);
    expectWithin(pathwise.grad.theta, 0.5);
  });
});
