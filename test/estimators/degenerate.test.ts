/**
 * Finite differences on a discrete site: unbiased up to O(h²) but of variance O(1/h); a run in which no sample
 * flips between θ ± h reports 0 ± 0, which must be flagged rather than printed as a gradient.
 */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { expectWithin } from './helpers.js';

describe('finite differences on a discrete site', () => {
  it('a run without a flip is flagged as degenerate and biased', () => {
    const o = pw.expectation<{ eta: number }>((q, s) => pw.square(s.sample('x', pw.Bernoulli(pw.sigmoid(q.eta)))));
    const r = o.grad({ eta: 0.2 }, { samples: 20_000, seed: 1, estimator: 'fd' });
    expect(r.grad.eta).toMatchObject({ mean: 0, stderr: 0 });
    expect(r.diagnostics.biased).toBe(true);
    expect(r.diagnostics.warnings.some((w) => /^degenerate: no sample of the discrete site\(s\) x changed/.test(w))).toBe(true);
    expect(r.diagnostics.sites[0]!.reason).toMatch(/high variance/);
  });
  it('a run that sees flips keeps its (honest, noisy) estimate, unflagged', () => {
    const o = pw.expectation<{ p: number }>((q, s) => pw.square(s.sample('x', pw.Bernoulli(q.p))));
    const r = o.grad({ p: 0.3 }, { samples: 20_000, seed: 1, estimator: 'fd' });
    expect(r.grad.p.stderr).toBeGreaterThan(0);
    expectWithin(r.grad.p, 1, 5, 'd/dp E[x²] = 1');
    expect(r.diagnostics.biased).toBe(false);
  });
  it('a parameter that feeds a discrete and a continuous site: no flip means the jumps are missed, flagged biased', () => {
    // E[x + y], x ~ Bernoulli(σ(θ)), y ~ N(θ, 1): d/dθ = σ(θ)(1 − σ(θ)) + 1; without a flip fd sees only the 1.
    const o = pw.expectation<{ theta: number; mu: number }>((q, s) => s.sample('x', pw.Bernoulli(pw.sigmoid(q.theta))).add(s.sample('y', pw.Normal(q.theta.add(q.mu), 1))));
    const r = o.grad({ theta: 0.2, mu: 0 }, { samples: 2_000, seed: 1, estimator: 'fd' });
    expect(r.grad.theta.stderr).toBeGreaterThan(0);   // not 0 ± 0: the continuous part moved
    expect(r.diagnostics.biased).toBe(true);
    expect(r.diagnostics.warnings).toContain("degenerate: no sample of the discrete site(s) x changed between θ ± h, so the finite-difference gradient of theta misses their jumps entirely (biased); use 'score' or 'mvd'");
    expect(r.diagnostics.warnings.join('\n')).not.toMatch(/\bmu\b/);   // mu feeds only the continuous site
  });
  it('a handful of flips: the estimate stands, with a warning that its interval is unreliable', () => {
    // P(x ≥ 1), x ~ Poisson(λ): d/dλ = e^{−λ}; a flip happens with probability about 2h·e^{−λ} per sample.
    const o = pw.expectation<{ rate: number }>((q, s) => pw.step(s.sample('x', pw.Poisson(q.rate)).sub(0.5)));
    const r = o.grad({ rate: 2 }, { samples: 20_000, seed: 1, estimator: 'fd' });
    const w = r.diagnostics.warnings.find((x) => x.startsWith('unreliable: only '));
    expect(w).toMatch(/^unreliable: only \d+ samples? \(rate\) of 20000 flipped a discrete site between θ ± h/);
    const flips = Number(/only (\d+)/.exec(w!)![1]);
    expect(flips).toBeGreaterThan(0);
    expect(flips).toBeLessThan(20);
    // A flip that moves x across 0.5 contributes 1/(2h) (h = 1e-4·λ): the estimate is a whole number of jumps,
    // at most the flips (a flip from 3 to 4 does not move the cost).
    const jumps = r.grad.rate.mean * 2 * 2e-4 * 20_000;
    expect(jumps).toBeCloseTo(Math.round(jumps), 8);
    expect(jumps).toBeLessThanOrEqual(flips);
  });
  it('enough flips: no warning', () => {
    const o = pw.expectation<{ rate: number }>((q, s) => pw.step(s.sample('x', pw.Poisson(q.rate)).sub(0.5)));
    const r = o.grad({ rate: 0.1 }, { samples: 400_000, seed: 2, estimator: 'fd', fdStep: 1e-3 });
    expect(r.diagnostics.warnings.filter((x) => /^(unreliable|degenerate)/.test(x))).toEqual([]);
    expectWithin(r.grad.rate, Math.exp(-0.1), 5, 'd/dλ P(x ≥ 1) = e^{−λ}');
  });
});
