import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../../src/errors.js';
import {
  blackScholesGreeks,
  digitalGreeks,
  digitalPrice,
  type DigitalOption,
} from '../../../src/finance/closed-form/index.js';
import { centralDiff, expectClose, secondDiff } from './helpers.js';

const cash: DigitalOption = { spot: 100, strike: 105, rate: 0.04, dividend: 0.015, vol: 0.25, maturity: 0.75, kind: 'call', payoff: 'cash', cash: 2 };

describe('digitalPrice: published values', () => {
  it("Haug's cash-or-nothing put (S=100, K=80, T=0.75, r=q=6%, σ=35%, cash 10) = 2.6710", () => {
    const o: DigitalOption = { spot: 100, strike: 80, rate: 0.06, dividend: 0.06, vol: 0.35, maturity: 0.75, kind: 'put', payoff: 'cash', cash: 10 };
    expectClose(digitalPrice(o), 2.671, 5e-5);
  });

  it("Haug's asset-or-nothing put (S=70, K=65, T=0.5, r=7%, q=5%, σ=27%) = 20.2069", () => {
    const o: DigitalOption = { spot: 70, strike: 65, rate: 0.07, dividend: 0.05, vol: 0.27, maturity: 0.5, kind: 'put', payoff: 'asset' };
    expectClose(digitalPrice(o), 20.2069, 5e-5);
  });
});

describe('digital parities', () => {
  const cases: DigitalOption[] = [cash, { ...cash, spot: 80, vol: 0.6, maturity: 3 }, { ...cash, rate: -0.01, dividend: 0.05 }];
  it('call + put pays for sure: cash → A e^{−rT}, asset → S e^{−qT}', () => {
    for (const o of cases) {
      const t = o.maturity;
      expectClose(digitalPrice(o) + digitalPrice({ ...o, kind: 'put' }), 2 * Math.exp(-o.rate * t), 1e-14, 1e-14);
      const a = { ...o, payoff: 'asset' as const };
      expectClose(digitalPrice(a) + digitalPrice({ ...a, kind: 'put' }), o.spot * Math.exp(-o.dividend * t), 1e-12, 1e-14);
    }
  });

  it('asset-or-nothing − K × cash-or-nothing is the vanilla option, Greeks included', () => {
    for (const o of cases) {
      for (const kind of ['call', 'put'] as const) {
        const a = digitalGreeks({ ...o, kind, payoff: 'asset' });
        const c = digitalGreeks({ ...o, kind, payoff: 'cash', cash: o.strike });
        const v = blackScholesGreeks({ ...o, kind });
        for (const key of ['price', 'delta', 'gamma', 'vega', 'rho', 'theta'] as const) {
          // a call is long asset-or-nothing and short K cash-or-nothing; a put the reverse
          const combo = kind === 'call' ? a[key] - c[key] : c[key] - a[key];
          expectClose(combo, v[key], 1e-11, 1e-11, `${kind} ${key}:`);
        }
      }
    }
  });
});

describe('digitalGreeks against central finite differences', () => {
  const cases: DigitalOption[] = [
    cash,
    { ...cash, kind: 'put' },
    { ...cash, payoff: 'asset' },
    { ...cash, payoff: 'asset', kind: 'put', spot: 120, rate: 0.01, dividend: 0.04, maturity: 2 },
  ];
  it.each(cases.map((o) => [`${o.payoff} ${o.kind} S=${o.spot}`, o] as const))('%s', (_name, o) => {
    const g = digitalGreeks(o);
    expect(g.price).toBe(digitalPrice(o));
    expectClose(g.delta, centralDiff(digitalPrice, o, 'spot'), 1e-8, 1e-6, 'delta');
    expectClose(g.gamma, secondDiff(digitalPrice, o, 'spot'), 1e-7, 1e-4, 'gamma');
    expectClose(g.vega, centralDiff(digitalPrice, o, 'vol'), 1e-7, 1e-6, 'vega');
    expectClose(g.rho, centralDiff(digitalPrice, o, 'rate'), 1e-7, 1e-6, 'rho');
    expectClose(g.theta, -centralDiff(digitalPrice, o, 'maturity'), 1e-7, 1e-6, 'theta');
  });
});

describe('digital edge cases and validation', () => {
  it('defaults the cash amount to 1 and returns payoff limits at maturity 0', () => {
    const { cash: _ignored, ...unit } = cash;
    expectClose(digitalPrice(unit), digitalPrice(cash) / 2, 1e-15, 1e-15);
    expect(digitalGreeks({ ...cash, maturity: 0, spot: 110 })).toEqual({ price: 2, delta: 0, gamma: 0, vega: 0, rho: 0, theta: 0.08 });
    expect(digitalPrice({ ...cash, maturity: 0, spot: 100 })).toBe(0);
    expect(digitalPrice({ ...cash, maturity: 0, spot: 105 })).toBe(1);
    expect(Number.isNaN(digitalGreeks({ ...cash, maturity: 0, spot: 105 }).delta)).toBe(true);
  });

  it('throws typed errors naming the parameter', () => {
    expect(() => digitalPrice({ ...cash, cash: 0 })).toThrow(PathwiseRangeError);
    expect(() => digitalPrice({ ...cash, cash: 0 })).toThrow('digitalPrice: cash must be > 0, got 0');
    expect(() => digitalGreeks({ ...cash, payoff: 'gap' } as unknown as DigitalOption)).toThrow(PathwiseTypeError);
    expect(() => digitalGreeks({ ...cash, payoff: 'gap' } as unknown as DigitalOption)).toThrow('digitalGreeks: payoff must be "cash" | "asset", got "gap"');
    expect(() => digitalPrice({ ...cash, vol: -0.2 })).toThrow('digitalPrice: vol must be > 0, got -0.2');
  });
});
