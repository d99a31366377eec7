import { describe, expect, it } from 'vitest';
import { greeks, type MarketSpec } from '../../src/finance/index.js';
import { expectUnbiasedMatchClosedForm, expectWithin } from './helpers.js';

const market: MarketSpec = { spot: 100, vol: 0.25, rate: 0.04, maturity: 1.5, dividend: 0.02 };

describe('Asian options (multi-step paths)', () => {
  it('geometric Asian: every unbiased method matches the closed form on the same 12 fixings', () => {
    for (const kind of ['asian-call', 'asian-put'] as const) {
      const r = greeks({ kind: 'bs' }, { kind, strike: 95, average: 'geometric', fixings: 12 }, market, {
        methods: ['pathwise', 'lr', 'mixed', 'fd'], paths: 40_000, seed: 21,
      });
      expect(expectUnbiasedMatchClosedForm(kind, r)).toBeGreaterThanOrEqual(16);
    }
  });

  it('arithmetic Asian (no closed form): pathwise and multi-step LR agree', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 8 }, market, {
      methods: ['pathwise', 'lr', 'fd'], greeks: ['delta', 'vega', 'rho', 'theta'], paths: 40_000, seed: 22,
    });
    expect(r.closedForm).toEqual({});
    // LR from independent paths (another seed): the difference's stderr is then the hypot of the two
    const ref = greeks({ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 8 }, market, { methods: ['lr'], greeks: ['delta', 'vega', 'rho', 'theta'], paths: 40_000, seed: 122 });
    for (const g of ['delta', 'vega', 'rho', 'theta'] as const) {
      const pw = r.greeks[g]!.pathwise!, lr = ref.greeks[g]!.lr!;
      expectWithin(`arithmetic ${g} lr vs pathwise`, { mean: lr.mean, stderr: Math.hypot(lr.stderr, pw.stderr) }, pw.mean);
    }
  });

  it('QMC (scrambled Sobol + Brownian bridge): within 5 replicate stderr, and far tighter than pseudo-random', () => {
    const spec = { kind: 'asian-call' as const, strike: 100, average: 'geometric' as const, fixings: 16 };
    const q = greeks({ kind: 'bs' }, spec, market, { greeks: ['delta', 'vega'], methods: ['pathwise'], paths: 32_768, seed: 3, qmc: 'sobol', replicates: 16 });
    const p = greeks({ kind: 'bs' }, spec, market, { greeks: ['delta', 'vega'], methods: ['pathwise'], paths: 32_768, seed: 3 });
    expect(q.setup).toMatchObject({ qmc: true, replicates: 16, paths: 32_768 });
    expectWithin('qmc price', q.price, q.closedForm.price!);
    expectWithin('qmc delta', q.greeks.delta!.pathwise!, q.closedForm.delta!);
    expectWithin('qmc vega', q.greeks.vega!.pathwise!, q.closedForm.vega!);
    expect(q.price.stderr).toBeLessThan(p.price.stderr / 5);
    expect(q.greeks.delta!.pathwise!.stderr).toBeLessThan(p.greeks.delta!.pathwise!.stderr / 2);
  });
});
