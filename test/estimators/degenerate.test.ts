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
});
