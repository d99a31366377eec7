import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../../src/errors.js';
import { blackScholesGreeks, blackScholesPrice, type VanillaOption } from '../../../src/finance/closed-form/index.js';
import reference from '../../fixtures/finance/closed-form-reference.json' with { type: 'json' };
import { centralDiff, expectClose, secondDiff } from './helpers.js';

const atm: VanillaOption = { spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call' };

describe('blackScholesPrice: published values', () => {
  it("Hull's example (S=42, K=40, r=10%, σ=20%, T=0.5): call 4.76, put 0.81", () => {
    const o: VanillaOption = { spot: 42, strike: 40, rate: 0.1, dividend: 0, vol: 0.2, maturity: 0.5, kind: 'call' };
    expectClose(blackScholesPrice(o), 4.76, 0.005);
    expectClose(blackScholesPrice({ ...o, kind: 'put' }), 0.81, 0.005);
  });

  it("Haug's examples: call 2.1334 (no dividend) and generalized put 2.4648 (q = 5%)", () => {
    // Haug (2007) §1.1.1: S = 60, K = 65, T = 0.25, r = 8%, σ = 30%
    expectClose(blackScholesPrice({ spot: 60, strike: 65, rate: 0.08, dividend: 0, vol: 0.3, maturity: 0.25, kind: 'call' }), 2.1334, 5e-5);
    // Haug (2007) §1.1.6: S = 100, K = 95, T = 0.5, r = 10%, q = 5%, σ = 20%
    expectClose(blackScholesPrice({ spot: 100, strike: 95, rate: 0.1, dividend: 0.05, vol: 0.2, maturity: 0.5, kind: 'put' }), 2.4648, 5e-5);
  });
});

describe('blackScholesGreeks', () => {
  it('matches 30-digit mpmath derivatives of the price (fixture)', () => {
    for (const c of reference.bsGreeks) {
      const g = blackScholesGreeks({ ...c, kind: c.kind as 'call' | 'put' });
      for (const key of ['price', 'delta', 'gamma', 'vega', 'rho', 'theta'] as const) {
        expectClose(g[key], c[key], 1e-13, 1e-9, `${c.kind} S=${c.spot} K=${c.strike} ${key}:`);
      }
    }
  });

  it('price agrees with blackScholesPrice and satisfies put–call parity with dividends', () => {
    for (const c of reference.bsGreeks) {
      const o = { ...c, kind: 'call' as const };
      const call = blackScholesPrice(o);
      const put = blackScholesPrice({ ...o, kind: 'put' });
      expect(blackScholesGreeks(o).price).toBe(call);
      const forward = c.spot * Math.exp(-c.dividend * c.maturity) - c.strike * Math.exp(-c.rate * c.maturity);
      expectClose(call - put, forward, 1e-12, 1e-13);
    }
  });

  it('every Greek equals a central finite difference of the price', () => {
    const cases: VanillaOption[] = [
      atm,
      { ...atm, kind: 'put' },
      { spot: 90, strike: 110, rate: 0.03, dividend: 0.06, vol: 0.4, maturity: 2, kind: 'call' },
      { spot: 120, strike: 100, rate: -0.01, dividend: 0.02, vol: 0.15, maturity: 0.3, kind: 'put' },
    ];
    for (const o of cases) {
      const g = blackScholesGreeks(o);
      expectClose(g.delta, centralDiff(blackScholesPrice, o, 'spot'), 1e-7, 1e-6, 'delta');
      expectClose(g.gamma, secondDiff(blackScholesPrice, o, 'spot'), 1e-6, 1e-4, 'gamma');
      expectClose(g.vega, centralDiff(blackScholesPrice, o, 'vol'), 1e-6, 1e-6, 'vega');
      expectClose(g.rho, centralDiff(blackScholesPrice, o, 'rate'), 1e-6, 1e-6, 'rho');
      expectClose(g.theta, -centralDiff(blackScholesPrice, o, 'maturity'), 1e-6, 1e-6, 'theta');
    }
  });

  it('states its theta convention: theta = −∂V/∂T, negative for an at-the-money call', () => {
    const g = blackScholesGreeks(atm);
    expect(g.theta).toBeLessThan(0);
    expectClose(g.theta, -6.414027546438196, 1e-12);
  });

  it('at maturity 0 returns the payoff and the T → 0⁺ limits', () => {
    const itm = blackScholesGreeks({ ...atm, spot: 110, maturity: 0 });
    // theta → ω(qS − rK) = −rK here: only the discounting of the strike is left
    expect(itm).toEqual({ price: 10, delta: 1, gamma: 0, vega: 0, rho: 0, theta: -5 });
    const otmPut = blackScholesGreeks({ ...atm, spot: 110, maturity: 0, kind: 'put' });
    expect(otmPut).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, rho: 0, theta: 0 });
    const atStrike = blackScholesGreeks({ ...atm, maturity: 0 });
    expect(atStrike.delta).toBe(0.5);
    expect(atStrike.gamma).toBe(Infinity);
    // and the limit is approached continuously
    expectClose(blackScholesPrice({ ...atm, spot: 110, maturity: 1e-10 }), 10, 1e-8);
  });
});

describe('validation at the boundary', () => {
  it('names the function, the parameter and the value', () => {
    expect(() => blackScholesPrice({ ...atm, spot: -1 })).toThrow(PathwiseRangeError);
    expect(() => blackScholesPrice({ ...atm, spot: -1 })).toThrow('blackScholesPrice: spot must be > 0, got -1');
    expect(() => blackScholesPrice({ ...atm, vol: 0 })).toThrow('blackScholesPrice: vol must be > 0, got 0');
    expect(() => blackScholesGreeks({ ...atm, maturity: -0.5 })).toThrow('blackScholesGreeks: maturity must be >= 0, got -0.5');
    expect(() => blackScholesPrice({ ...atm, strike: NaN })).toThrow('blackScholesPrice: strike must be finite, got NaN');
    expect(() => blackScholesPrice({ ...atm, rate: Infinity })).toThrow(PathwiseRangeError);
    const bad = { ...atm, kind: 'straddle' } as unknown as VanillaOption;
    expect(() => blackScholesPrice(bad)).toThrow(PathwiseTypeError);
    expect(() => blackScholesPrice(bad)).toThrow('blackScholesPrice: kind must be "call" | "put", got "straddle"');
    const wrongType = { ...atm, spot: '100' } as unknown as VanillaOption;
    expect(() => blackScholesPrice(wrongType)).toThrow('blackScholesPrice: spot must be a number, got "100"');
    expect(() => blackScholesPrice(null as unknown as VanillaOption)).toThrow(PathwiseTypeError);
  });
});
