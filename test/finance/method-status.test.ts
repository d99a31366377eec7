import { describe, expect, it } from 'vitest';
import { autoChoice, fellerViolated, methodStatus } from '../../src/finance/greeks/method-status.js';
import type { ModelSpec } from '../../src/finance/index.js';

const digital = { kind: 'digital-call' as const, strike: 100 };
const jumpInSpot = new Map([['spot', ['step']]]);

describe('method status: reasons read as sentences, and Heston choices follow the Feller condition', () => {
  it('the mixed gamma reason says why the pathwise delta it is built on is biased', () => {
    const st = methodStatus('gamma', 'mixed', { kind: 'bs' }, digital, jumpInSpot);
    expect(st.biased).toBe(true);
    expect(st.reason).toBe('biased: built on the pathwise delta, which is biased because the payoff applies a jump (step) to a value derived from spot, and pathwise misses the jump');
    expect(methodStatus('delta', 'pathwise', { kind: 'bs' }, digital, jumpInSpot).reason)
      .toBe('biased: the payoff applies a jump (step) to a value derived from spot, and pathwise misses the jump');
  });

  it('Heston digitals: vibrato while Feller holds, fd (and vibrato flagged) when it fails', () => {
    const holds: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const fails: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 1, rho: -0.7 };
    expect(fellerViolated(holds)).toBe(false);
    expect(fellerViolated(fails)).toBe(true);
    expect(autoChoice('delta', holds, digital, jumpInSpot).method).toBe('vibrato');
    expect(autoChoice('delta', fails, digital, jumpInSpot).method).toBe('fd');
    expect(methodStatus('delta', 'vibrato', fails, digital, jumpInSpot).biased).toBe(true);
    // a call has no jump: vibrato's s → 0 limit is the pathwise derivative, unbiased even when Feller fails
    expect(methodStatus('delta', 'vibrato', fails, { kind: 'call', strike: 100 }, new Map()).biased).toBe(false);
    expect(autoChoice('vega', fails, { kind: 'call', strike: 100 }, new Map()).method).toBe('fd');
    expect(autoChoice('rho', fails, { kind: 'call', strike: 100 }, new Map()).method).toBe('pathwise');
  });

  it('Heston vibrato: theta, and vega on a payoff with a jump, flagged heavy-tailed; vega honest on a call or put; auto does not pick the flagged', () => {
    const holds: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const jumps = new Map([['vol', ['step']], ['maturity', ['step']]]);
    for (const g of ['vega', 'theta'] as const) {
      const st = methodStatus(g, 'vibrato', holds, digital, jumps);
      expect(st.biased, g).toBe(true);
      expect(st.reason).toMatch(/heavy-tailed .*standard error understates the spread/);
      expect(autoChoice(g, holds, digital, jumps).method).toBe('fd');
    }
    // the control variate f(μ) makes vega honest for a call or put (test/finance/honest-stderr-barrier-heston.test.ts)
    for (const kind of ['call', 'put'] as const) {
      expect(methodStatus('vega', 'vibrato', holds, { kind, strike: 100 }, new Map()), kind).toEqual({ applicable: true, biased: false });
      expect(methodStatus('theta', 'vibrato', holds, { kind, strike: 100 }, new Map()).reason, kind).toMatch(/heavy-tailed/);
    }
    expect(methodStatus('delta', 'vibrato', holds, { kind: 'call', strike: 100 }, new Map()).biased).toBe(false);
    // pathwise vega and theta are honest (tested over 400 seeds): not flagged, under Heston or Black–Scholes
    for (const model of [holds, { kind: 'bs' } as const]) {
      for (const g of ['vega', 'theta'] as const) expect(methodStatus(g, 'pathwise', model, { kind: 'call', strike: 100 }, new Map()).biased, `${model.kind} ${g}`).toBe(false);
    }
  });
});
