import { describe, expect, it } from 'vitest';
import { greeks, type MarketSpec } from '../../src/finance/index.js';
import { expectWithin } from './helpers.js';

const market: MarketSpec = { spot: 100, vol: 0.25, rate: 0.05, maturity: 1, dividend: 0.02 };
const STEPS = 20;   // monitoring dates iT/20

/**
 * The Broadie–Glasserman–Kou shift is itself an approximation (error o(√Δt)); at 20 dates a year, with the
 * barrier 15 % away and the payoff small at the barrier, it is within about 0.5 % (measured with 400k paths);
 * 1 % of the value is allowed for it on top of 5 stderr.
 */
const BGK_ALLOWANCE = 0.01;

describe('discretely monitored barriers: the one-step-survival conditional estimator', () => {
  it('down-and-out call with rebate: all five Greeks match the BGK-corrected closed form within its own bias', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'barrier', strike: 100, barrier: 85, barrierType: 'down-out', rebate: 2 }, market, {
      methods: ['pathwise', 'conditional', 'auto'], paths: 30_000, steps: STEPS, seed: 41,
    });
    expect(r.discontinuities.map((e) => e.op)).toContain('step');
    for (const g of ['delta', 'gamma', 'vega', 'rho', 'theta'] as const) {
      const c = r.greeks[g]!.conditional!;
      expect(c.biased).toBeUndefined();
      expect(r.greeks[g]!.auto!.chosen).toBe('conditional');
      const cf = r.closedForm[g]!;
      expectWithin(`down-out ${g}`, c, cf, 5, BGK_ALLOWANCE * Math.abs(cf));
    }
    for (const g of ['delta', 'vega', 'rho', 'theta'] as const) expect(r.greeks[g]!.pathwise!.biased).toBe(true);
    // the pathwise delta through the indicator really is wrong: it misses the knock-out's effect
    expect(Math.abs(r.greeks.delta!.pathwise!.mean - r.closedForm.delta!)).toBeGreaterThan(10 * r.greeks.delta!.pathwise!.stderr);
  });

  it('down-and-in put: conditional delta and vega against the BGK closed form', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'barrier', strike: 100, barrier: 90, barrierType: 'down-in', option: 'put' }, market, {
      greeks: ['delta', 'vega'], methods: ['conditional'], paths: 30_000, steps: STEPS, seed: 42,
    });
    for (const g of ['delta', 'vega'] as const) {
      expectWithin(`down-in put ${g}`, r.greeks[g]!.conditional!, r.closedForm[g]!, 5, BGK_ALLOWANCE * Math.abs(r.closedForm[g]!));
    }
  });

  it('up-and-out call (where BGK is off by 2.5 % at 20 dates): conditional agrees with the unbiased multi-step LR on the same contract', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'barrier', strike: 95, barrier: 130, barrierType: 'up-out' }, market, {
      greeks: ['delta', 'rho'], methods: ['conditional', 'lr'], paths: 40_000, steps: STEPS, seed: 43,
    });
    for (const g of ['delta', 'rho'] as const) {
      const c = r.greeks[g]!.conditional!, lr = r.greeks[g]!.lr!;
      expectWithin(`up-out ${g} conditional vs lr`, { mean: c.mean, stderr: Math.hypot(c.stderr, lr.stderr) }, lr.mean);
    }
    // for delta the smoothing also beats LR's variance (for this rho it does not: the conditional payoff is steep near H)
    expect(r.greeks.delta!.conditional!.stderr).toBeLessThan(r.greeks.delta!.lr!.stderr);
  });
});

describe('continuously monitored barriers: the Brownian-bridge survival probability', () => {
  it('no jump for the tracking; pathwise, LR and fd match the continuous closed form (no BGK shift) for all Greeks', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'barrier', strike: 100, barrier: 85, barrierType: 'down-out', monitoring: 'continuous' }, market, {
      methods: ['pathwise', 'lr', 'fd', 'auto'], paths: 30_000, steps: 10, seed: 44,
    });
    expect(r.discontinuities).toEqual([]);
    expect(r.greeks.delta!.auto!.chosen).toBe('pathwise');
    expect(r.greeks.gamma!.auto!.chosen).toBe('fd');
    let checked = 0;
    for (const [g, methods] of Object.entries(r.greeks)) {
      for (const [m, e] of Object.entries(methods)) {
        if (!Number.isFinite(e.mean)) continue;
        expectWithin(`continuous down-out ${g}/${m}`, e, r.closedForm[g as 'delta']!);
        checked++;
      }
    }
    expectWithin('continuous down-out price', r.price, r.closedForm.price!);
    expect(checked).toBeGreaterThanOrEqual(14);
  });
});
