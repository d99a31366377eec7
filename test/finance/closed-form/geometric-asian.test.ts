import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../../src/errors.js';
import {
  blackScholesGreeks,
  geometricAsianGreeks,
  geometricAsianPrice,
  type GeometricAsianOption,
} from '../../../src/finance/closed-form/index.js';
import greeksReference from '../../fixtures/finance/greeks-reference.json' with { type: 'json' };
import { centralDiff, expectClose, secondDiff } from './helpers.js';

const base: GeometricAsianOption = { spot: 100, strike: 100, rate: 0.06, dividend: 0.03, vol: 0.2, maturity: 1, kind: 'call', fixings: 10 };

describe('geometric Asian: published values', () => {
  it('Clewlow & Strickland discrete call, 10 fixings (QuantLib: 5.3425606635 at 1e-10)', () => {
    expectClose(geometricAsianPrice(base), 5.3425606635, 1e-10);
    // the same fixings given as explicit times
    const times = Array.from({ length: 10 }, (_, i) => (i + 1) / 10);
    expectClose(geometricAsianPrice({ ...base, fixings: times }), 5.3425606635, 1e-10);
  });

  it("Haug's continuous-average put (S=80, K=85, r=5%, q=−3%, σ=20%, T=0.25) = 4.6922", () => {
    const o: GeometricAsianOption = { spot: 80, strike: 85, rate: 0.05, dividend: -0.03, vol: 0.2, maturity: 0.25, kind: 'put', fixings: 'continuous' };
    expectClose(geometricAsianPrice(o), 4.6922, 5e-5);
  });
});

describe('geometric Asian: direct checks', () => {
  it('with one fixing at T it is the European option, Greeks included', () => {
    for (const kind of ['call', 'put'] as const) {
      const a = geometricAsianGreeks({ ...base, kind, fixings: 1 });
      const e = blackScholesGreeks({ ...base, kind });
      for (const key of ['price', 'delta', 'gamma', 'vega', 'rho'] as const) expectClose(a[key], e[key], 1e-12, 1e-12, key);
      expectClose(geometricAsianPrice({ ...base, kind, fixings: [1] }), e.price, 1e-12, 1e-12);
    }
  });

  it('converges to continuous averaging as the number of fixings grows, at rate O(1/m)', () => {
    const continuous = geometricAsianPrice({ ...base, fixings: 'continuous' });
    const errors = [10, 100, 1000].map((m) => Math.abs(geometricAsianPrice({ ...base, fixings: m }) - continuous));
    // ten times the fixings, a tenth of the error
    expect(errors[0]! / errors[1]!).toBeGreaterThan(8);
    expect(errors[0]! / errors[1]!).toBeLessThan(12);
    expect(errors[1]! / errors[2]!).toBeGreaterThan(8);
    expect(errors[2]!).toBeLessThan(5e-3);
    // a long explicit list of times goes through the sorted-sum path and agrees with the count's closed form
    const m = 2000;
    const grid = Array.from({ length: m }, (_, i) => ((i + 1) * base.maturity) / m);
    expectClose(geometricAsianPrice({ ...base, fixings: grid }), geometricAsianPrice({ ...base, fixings: m }), 1e-10, 1e-10);
  });

  it('put–call parity on the geometric forward: C − P = e^{−rT}(F_G − K)', () => {
    for (const fixings of [4, 'continuous', [0.25, 0.3, 0.9]] as const) {
      const o = { ...base, fixings };
      const c = geometricAsianPrice(o);
      const p = geometricAsianPrice({ ...o, kind: 'put' });
      // F_G − K = (C − P)e^{rT}; check against a direct strike sweep: C − P is linear in K with slope −e^{−rT}
      const c2 = geometricAsianPrice({ ...o, strike: 110 });
      const p2 = geometricAsianPrice({ ...o, strike: 110, kind: 'put' });
      expectClose(c - p - (c2 - p2), 10 * Math.exp(-base.rate * base.maturity), 1e-12, 1e-12);
    }
  });

  it('explicit fixing times may be unsorted and repeated', () => {
    const a = geometricAsianPrice({ ...base, fixings: [0.2, 0.5, 0.5, 1] });
    const b = geometricAsianPrice({ ...base, fixings: [1, 0.5, 0.2, 0.5] });
    expect(a).toBe(b);
  });

  it('with every fixing at time 0 the average is known: discounted intrinsic value', () => {
    const g = geometricAsianGreeks({ ...base, strike: 90, fixings: [0, 0] });
    expectClose(g.price, 10 * Math.exp(-0.06), 1e-12);
    expectClose(g.delta, Math.exp(-0.06), 1e-12);
    expect(g.gamma).toBe(0);
  });
});

describe('geometricAsianGreeks against central finite differences', () => {
  const cases: GeometricAsianOption[] = [
    base,
    { ...base, kind: 'put', fixings: 'continuous' },
    { ...base, spot: 90, vol: 0.45, fixings: [0.1, 0.4, 0.45, 0.8] },
    { ...base, kind: 'put', rate: -0.005, dividend: 0.02, maturity: 2.5, fixings: 24 },
  ];
  it.each(cases.map((o) => [`${o.kind} fixings=${JSON.stringify(o.fixings)}`, o] as const))('%s', (_name, o) => {
    const g = geometricAsianGreeks(o);
    expectClose(g.delta, centralDiff(geometricAsianPrice, o, 'spot'), 1e-8, 1e-6, 'delta');
    expectClose(g.gamma, secondDiff(geometricAsianPrice, o, 'spot'), 1e-6, 1e-4, 'gamma');
    expectClose(g.vega, centralDiff(geometricAsianPrice, o, 'vol'), 1e-7, 1e-6, 'vega');
    expectClose(g.rho, centralDiff(geometricAsianPrice, o, 'rate'), 1e-7, 1e-6, 'rho');
  });
});

describe('geometric Asian validation', () => {
  it('rejects bad fixings with the function, parameter and value named', () => {
    expect(() => geometricAsianPrice({ ...base, fixings: 0 })).toThrow('geometricAsianPrice: fixings must be an integer >= 1, got 0');
    expect(() => geometricAsianPrice({ ...base, fixings: 2.5 })).toThrow(PathwiseRangeError);
    expect(() => geometricAsianGreeks({ ...base, fixings: [0.5, 1.5] })).toThrow(
      'geometricAsianGreeks: fixings[1] must be a time in [0, maturity = 1], got 1.5',
    );
    expect(() => geometricAsianPrice({ ...base, fixings: [] })).toThrow(PathwiseTypeError);
    expect(() => geometricAsianPrice({ ...base, fixings: 'daily' } as unknown as GeometricAsianOption)).toThrow(PathwiseTypeError);
    expect(() => geometricAsianPrice({ ...base, spot: 0 })).toThrow('geometricAsianPrice: spot must be > 0, got 0');
  });
});

describe('geometric Asian theta: time decay with the fixing dates held', () => {
  it("matches QuantLib's AnalyticDiscreteGeometricAveragePriceAsianEngine (all Greeks, theta included) to 1e-9", () => {
    for (const c of greeksReference.asian) {
      const g = geometricAsianGreeks({ ...c, kind: c.kind as 'call' | 'put', fixings: c.fixings });
      for (const key of ['price', 'delta', 'gamma', 'vega', 'rho', 'theta'] as const) {
        expectClose(g[key], c[key], 1e-9, 1e-9, `${c.kind} ${c.fixings.length} fixings ${key}:`);
      }
    }
  });

  it('is the derivative of the price with every future fixing and T moved back together; with one fixing, the European theta', () => {
    const times = Array.from({ length: 12 }, (_, i) => (i + 1) / 12);
    const shifted = (eps: number) => geometricAsianPrice({ ...base, maturity: 1 - eps, fixings: times.map((t) => t - eps) });
    const e = 1e-4;
    const fd = (8 * (shifted(e / 2) - shifted(-e / 2)) - (shifted(e) - shifted(-e))) / (6 * e);
    expectClose(geometricAsianGreeks({ ...base, fixings: 12 }).theta, fd, 1e-9, 1e-8);
    expectClose(geometricAsianGreeks({ ...base, fixings: times }).theta, fd, 1e-9, 1e-8);
    // a fixing at time 0 is today's: it stays, and only the 11 others move
    const withToday = [0, ...times.slice(1)];
    const movedTail = (eps: number) => geometricAsianPrice({ ...base, maturity: 1 - eps, fixings: [0, ...times.slice(1).map((t) => t - eps)] });
    const fd0 = (8 * (movedTail(e / 2) - movedTail(-e / 2)) - (movedTail(e) - movedTail(-e))) / (6 * e);
    expectClose(geometricAsianGreeks({ ...base, fixings: withToday }).theta, fd0, 1e-9, 1e-8);
    for (const kind of ['call', 'put'] as const) {
      expectClose(geometricAsianGreeks({ ...base, kind, fixings: 1 }).theta, blackScholesGreeks({ ...base, kind }).theta, 1e-12, 1e-12);
    }
    // and it is not −∂V/∂T with the fixings at iT/m: for 12 fixings the two differ by a factor of about 2.8
    const moving = (t: number) => geometricAsianPrice({ ...base, maturity: t, fixings: 12 });
    const minusDvDt = -(moving(1 + e) - moving(1 - e)) / (2 * e);
    expect(geometricAsianGreeks({ ...base, fixings: 12 }).theta / minusDvDt).toBeGreaterThan(2);
  });
});
