import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../../src/errors.js';
import {
  blackScholesGreeks,
  hestonCharacteristicFunction,
  hestonDelta,
  hestonPrice,
  type HestonOption,
} from '../../../src/finance/closed-form/index.js';
import reference from '../../fixtures/finance/closed-form-reference.json' with { type: 'json' };
import { centralDiff, expectClose } from './helpers.js';

// QuantLib test-suite/hestonmodel.cpp, testAnalyticVsCached: settlement 27 Dec 2004, exercise 28 Mar 2005,
// Actual/Actual (ISDA) → T = 5/366 + 86/365.
const quantlib: HestonOption = {
  spot: 1, strike: 1.05, rate: 0.0225, dividend: 0.02, maturity: 5 / 366 + 86 / 365, kind: 'call',
  v0: 0.1, kappa: 3.16, theta: 0.09, xi: 0.4, rho: -0.2,
};

describe('hestonPrice: published and reference values', () => {
  it("QuantLib's cached value 0.0404774515 (QuantLib's own tolerance is 1e-8)", () => {
    expectClose(quantlib.maturity, 0.249277640542, 1e-12);
    expectClose(hestonPrice(quantlib), 0.0404774515, 1e-10);
  });

  it("matches Heston's original formula integrated by mpmath at 30 digits (fixture), price and delta", () => {
    for (const c of reference.heston) {
      const o: HestonOption = { ...c, kind: 'call' };
      const scale = c.spot;
      expectClose(hestonPrice(o), c.call, 1e-11 * scale, 0, `call K=${c.strike}:`);
      expectClose(hestonPrice({ ...o, kind: 'put' }), c.put, 1e-11 * scale, 0, `put K=${c.strike}:`);
      expectClose(hestonDelta(o), c.callDelta, 1e-11, 0, `call delta K=${c.strike}:`);
      expectClose(hestonDelta({ ...o, kind: 'put' }), c.putDelta, 1e-11, 0, `put delta K=${c.strike}:`);
    }
  });
});

describe('Heston: hard parameter sets (T = 10 with ξ = 1, one-day maturity, deep OTM, ξ = 2, v0 = 0)', () => {
  it('agree with a 30-digit mpmath evaluation (fixture) to about 1e-13 of the spot', () => {
    for (const c of reference.hestonHard) {
      const o: HestonOption = { ...c, kind: 'call' };
      const what = `T=${c.maturity} K=${c.strike} ξ=${c.xi} v0=${c.v0}:`;
      expectClose(hestonPrice(o), c.call, 1e-11, 0, what);
      expectClose(hestonDelta(o), c.callDelta, 1e-12, 0, what);
    }
  });
});

describe('Heston: structural checks', () => {
  it('put–call parity holds by construction and the call lies within its no-arbitrage bounds', () => {
    for (const c of reference.heston) {
      const o: HestonOption = { ...c, kind: 'call' };
      const call = hestonPrice(o);
      const t = c.maturity;
      expect(call).toBeGreaterThan(Math.max(c.spot * Math.exp(-c.dividend * t) - c.strike * Math.exp(-c.rate * t), 0));
      expect(call).toBeLessThan(c.spot * Math.exp(-c.dividend * t));
    }
  });

  it('reduces to Black–Scholes with σ = √θ as ξ → 0 (v0 = θ): error O(ξ) for ρ ≠ 0, O(ξ²) for ρ = 0', () => {
    const base = { spot: 100, strike: 95, rate: 0.05, dividend: 0.02, maturity: 1.5, v0: 0.04, kappa: 1.7, theta: 0.04 };
    for (const kind of ['call', 'put'] as const) {
      const bs = blackScholesGreeks({ spot: 100, strike: 95, rate: 0.05, dividend: 0.02, vol: 0.2, maturity: 1.5, kind });
      const err = (xi: number, rho: number): number => Math.abs(hestonPrice({ ...base, xi, rho, kind }) - bs.price);
      // correlated: the leading correction is linear in ξ (≈ 1.03·ξ here), so each 10× smaller ξ gives 10× less
      for (const xi of [1e-3, 1e-4, 1e-5, 1e-6]) {
        expect(err(xi, -0.6) / err(xi / 10, -0.6)).toBeGreaterThan(9.5);
        expect(err(xi, -0.6) / err(xi / 10, -0.6)).toBeLessThan(10.5);
      }
      // uncorrelated: quadratic in ξ, and the cancellation-free formula follows it down to rounding level
      expectClose(err(1e-2, 0) / err(1e-3, 0), 100, 0, 0.01);
      expect(err(1e-4, 0)).toBeLessThan(3e-8);
      expect(err(1e-7, 0)).toBeLessThan(1e-12);
      expectClose(hestonDelta({ ...base, xi: 1e-6, rho: 0, kind }), bs.delta, 1e-12);
      expectClose(hestonDelta({ ...base, xi: 1e-8, rho: -0.6, kind }), bs.delta, 1e-8);
    }
  });

  it('delta equals a central finite difference of the price', () => {
    for (const c of reference.heston) {
      for (const kind of ['call', 'put'] as const) {
        const o: HestonOption = { ...c, kind };
        expectClose(hestonDelta(o), centralDiff(hestonPrice, o, 'spot', 1e-4), 1e-7, 0, `${kind} K=${c.strike}:`);
      }
    }
  });

  it('the characteristic function: φ(0) = 1, φ(−i) = forward, |φ(u)| ≤ 1 and φ(−u) = conj φ(u) for real u', () => {
    const one = hestonCharacteristicFunction({ re: 0, im: 0 }, quantlib);
    expectClose(one.re, 1, 1e-15);
    expectClose(one.im, 0, 1e-15);
    const fwd = hestonCharacteristicFunction({ re: 0, im: -1 }, quantlib);
    expectClose(fwd.re, Math.exp((quantlib.rate - quantlib.dividend) * quantlib.maturity), 1e-14);
    for (const u of [0.3, 2, 10, 50]) {
      const a = hestonCharacteristicFunction({ re: u, im: 0 }, quantlib);
      const b = hestonCharacteristicFunction({ re: -u, im: 0 }, quantlib);
      expect(Math.hypot(a.re, a.im)).toBeLessThanOrEqual(1);
      expectClose(a.re, b.re, 1e-15);
      expectClose(a.im, -b.im, 1e-15);
    }
  });

  it('at maturity 0 the price is the intrinsic value', () => {
    expect(hestonPrice({ ...quantlib, maturity: 0, spot: 1.1 })).toBeCloseTo(0.05, 15);
    expect(hestonPrice({ ...quantlib, maturity: 0, kind: 'put' })).toBeCloseTo(0.05, 15);
    expect(hestonDelta({ ...quantlib, maturity: 0, kind: 'put' })).toBe(-1);
  });
});

describe('Heston validation', () => {
  it('throws typed errors naming the parameter and the value', () => {
    expect(() => hestonPrice({ ...quantlib, v0: -0.1 })).toThrow('hestonPrice: v0 must be >= 0, got -0.1');
    expect(() => hestonPrice({ ...quantlib, xi: 0 })).toThrow('hestonPrice: xi must be > 0, got 0');
    expect(() => hestonPrice({ ...quantlib, rho: -1.5 })).toThrow('hestonPrice: rho must be in [-1, 1], got -1.5');
    expect(() => hestonDelta({ ...quantlib, kappa: NaN })).toThrow('hestonDelta: kappa must be finite, got NaN');
    expect(() => hestonPrice({ ...quantlib, strike: 0 })).toThrow(PathwiseRangeError);
    expect(() => hestonPrice({ ...quantlib, kind: 'digital' } as unknown as HestonOption)).toThrow(PathwiseTypeError);
    expect(() => hestonCharacteristicFunction({ re: 1, im: 0 }, { ...quantlib, theta: -1 })).toThrow(
      'hestonCharacteristicFunction: theta must be > 0, got -1',
    );
  });
});
