/**
 * Market inputs at which Monte Carlo used to print a wrong number as if it were an estimate: each is now
 * either computed right or refused with a PathwiseRangeError that names the input, the bound and the value.
 */
import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import { greeks, type MarketSpec, type ModelSpec } from '../../src/finance/index.js';

const market: MarketSpec = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
const bs: ModelSpec = { kind: 'bs' };
const call = { kind: 'call' as const, strike: 100 };
const run = (m: Partial<MarketSpec>, model: ModelSpec = bs) =>
  () => greeks(model, call, { ...market, ...m }, { paths: 2000, greeks: ['delta'], methods: ['pathwise', 'fd'] });

describe('extreme market inputs', () => {
  it('vol 1000 (price was 0 ± 0, closed form 100): refused, every path would pay about 0', () => {
    expect(run({ vol: 1000 })).toThrow(PathwiseRangeError);
    expect(run({ vol: 1000 })).toThrow(/vol·√maturity must be ≤ 5 .*got 1000·√1 = 1000/);
    // Heston: the long-run variance counts too
    expect(run({ vol: 0.2, maturity: 30 }, { kind: 'heston', kappa: 1, theta: 4, xi: 0.5, rho: 0 })).toThrow(/vol·√maturity/);
    expect(run({ vol: 0.9, maturity: 30 })).not.toThrow();   // σ√T = 4.9 is still allowed
  });

  it('rate 1000 and maturity 1e6 (NaN): refused, e^{rT} would overflow along the path', () => {
    expect(run({ rate: 1000 })).toThrow(/\|rate\|·maturity must be ≤ 600 .*got 1000 × 1 = 1000/);
    expect(run({ maturity: 1e6 })).toThrow(/\|rate\|·maturity must be ≤ 600 .*got 0\.05 × 1000000 = 50000/);
    expect(run({ rate: 0, dividend: -700 })).toThrow(/\|dividend\|·maturity/);
  });

  it('spot 1e300 (NaN stderr: the squares overflow): refused, naming the spot', () => {
    expect(run({ spot: 1e300 })).toThrow(/spot must be in \[1e-100, 1e100\].*got 1e\+300/);
    expect(run({ spot: 1e-200 })).toThrow(/spot must be in/);
    expect(() => greeks(bs, { kind: 'call', strike: 1e120 }, market, { paths: 100 })).toThrow(/strike must be in/);
    // inside the range the answer is right: prices scale with the spot
    const r = greeks(bs, { kind: 'call', strike: 1e90 }, { ...market, spot: 1e90 }, { paths: 20_000, greeks: ['delta'], methods: ['pathwise'], seed: 2 });
    expect(Math.abs(r.price.mean - r.closedForm.price!)).toBeLessThanOrEqual(5 * r.price.stderr);
    expect(Number.isFinite(r.price.stderr) && r.price.stderr > 0).toBe(true);
  });

  it('fd with a spot bump below the spot\'s rounding (σ√T = 1e-14, was 1.78; T = 1e-30, was 0 ± 0): the bump has a floor', () => {
    for (const m of [{ vol: 1e-14 }, { maturity: 1e-30 }]) {
      const r = greeks(bs, call, { ...market, ...m, spot: 110 }, { paths: 2000, greeks: ['delta'], methods: ['fd'], seed: 1 });
      // deterministic paths in the money: delta is e^{−qT} = 1; what is left is rounding (1e-9), not a bias
      expect(Math.abs(r.greeks.delta!.fd!.mean - r.closedForm.delta!)).toBeLessThan(1e-8);
    }
  });
  it('options that would be ignored are refused, naming why (steps on a European call, replicates without QMC)', () => {
    const opts = { paths: 2000, greeks: ['delta'] as const, methods: ['pathwise'] as const };
    expect(() => greeks(bs, call, market, { ...opts, greeks: ['delta'], methods: ['pathwise'], steps: 1e12 })).toThrow(/steps applies to Heston and to barrier payoffs; under Black–Scholes a call is simulated exactly .*got steps 1000000000000/);
    expect(() => greeks(bs, call, market, { ...opts, greeks: ['delta'], methods: ['pathwise'], replicates: 1e9 })).toThrow(/replicates are the independent scramblings of qmc: 'sobol', which is not on; got replicates 1000000000/);
    expect(() => greeks(bs, { kind: 'barrier', strike: 100, barrier: 120, barrierType: 'up-out' }, market, { paths: 200, greeks: ['delta'], methods: ['pathwise'], steps: 4 })).not.toThrow();
  });
});
