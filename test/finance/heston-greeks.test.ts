import { describe, expect, it } from 'vitest';
import { greeks, hestonPrice, type MarketSpec, type ModelSpec } from '../../src/finance/index.js';
import greeksReference from '../fixtures/finance/greeks-reference.json' with { type: 'json' };
import { methodStatus } from '../../src/finance/greeks/method-status.js';
import { expectWithin } from './helpers.js';

// vol = √v0; the Feller condition holds (2κθ > ξ²), and 32 full-truncation steps keep the Euler bias far below the stderr
const market: MarketSpec = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
const model: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };

describe('Heston (full-truncation Euler) against the semi-analytic price and delta', () => {
  for (const [kind, strike, spot] of [['call', 100, 100], ['put', 110, 100], ['call', 90, 105]] as const) {
    it(`${kind} K=${strike} S=${spot}: price, and delta by pathwise, vibrato and fd`, () => {
      const r = greeks(model, { kind, strike }, { ...market, spot }, {
        greeks: ['delta'], methods: ['pathwise', 'vibrato', 'fd', 'lr'], paths: 24_000, steps: 32, seed: 31,
      });
      expectWithin(`${kind} price`, r.price, r.closedForm.price!);
      for (const m of ['pathwise', 'vibrato', 'fd'] as const) expectWithin(`${kind} delta/${m}`, r.greeks.delta![m]!, r.closedForm.delta!);
      expect(r.greeks.delta!.lr!.reason).toMatch(/n\/a/);
    });
  }

  it('theta (time decay; the Euler grid of a terminal payoff scales with T) by pathwise and fd, against −∂P/∂T of the semi-analytic price', () => {
    const option = { ...market, strike: 100, kind: 'call' as const, v0: market.vol ** 2, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const price = (t: number) => hestonPrice({ ...option, maturity: t });
    const d = (h: number) => (price(1 + h) - price(1 - h)) / (2 * h);
    const theta = -(4 * d(0.005) - d(0.01)) / 3;
    const r = greeks(model, { kind: 'call', strike: 100 }, market, { greeks: ['theta'], methods: ['pathwise', 'fd'], paths: 24_000, steps: 32, seed: 34 });
    expect(r.closedForm.theta).toBeCloseTo(theta, 8);
    for (const m of ['pathwise', 'fd'] as const) expectWithin(`heston theta/${m}`, r.greeks.theta![m]!, theta);
  });

  it('digital: pathwise flagged biased; auto picks vibrato for delta (fd for vega: vibrato vega is heavy-tailed), which agrees with fd', () => {
    const r = greeks(model, { kind: 'digital-call', strike: 100 }, market, {
      greeks: ['delta', 'vega'], methods: ['pathwise', 'auto'], paths: 24_000, steps: 16, seed: 32,
    });
    // fd from independent paths (another seed), so that the difference's stderr is the hypot of the two
    const ref = greeks(model, { kind: 'digital-call', strike: 100 }, market, { greeks: ['delta', 'vega'], methods: ['fd'], paths: 24_000, steps: 16, seed: 132 });
    for (const g of ['delta', 'vega'] as const) {
      expect(r.greeks[g]!.pathwise!.biased).toBe(true);
      const auto = r.greeks[g]!.auto!, fd = ref.greeks[g]!.fd!;
      expect(auto.chosen).toBe(g === 'delta' ? 'vibrato' : 'fd');
      expectWithin(`digital ${g} auto vs fd`, { mean: auto.mean, stderr: Math.hypot(auto.stderr, fd.stderr) }, fd.mean);
    }
  });
});

describe('Heston with the Feller condition violated (2κθ = 0.16 < ξ² = 1)', () => {
  // QuantLib's AnalyticHestonEngine, delta and vega (∂/∂√v₀) by Richardson differences (scripts/finance-greeks-reference.py)
  const ref = greeksReference.heston[0]!;
  const feller: ModelSpec = { kind: 'heston', kappa: ref.kappa, theta: ref.theta, xi: ref.xi, rho: ref.rho };
  const fellerMarket: MarketSpec = { spot: ref.spot, vol: ref.vol, rate: ref.rate, maturity: ref.maturity, dividend: ref.dividend };

  it('2-year put: vibrato, pathwise and fd delta, and fd vega, match QuantLib; a warning names the scheme bias', () => {
    const spec = { kind: 'put' as const, strike: ref.strike };
    const r = greeks(feller, spec, fellerMarket, { greeks: ['delta'], methods: ['pathwise', 'vibrato', 'fd', 'auto'], paths: 16_000, steps: 100, seed: 31 });
    // the semi-analytic delta agrees with QuantLib's to its differencing error
    expect(Math.abs(r.closedForm.delta! - ref.delta)).toBeLessThan(1e-6);
    expectWithin('feller put price', r.price, ref.price);
    // vibrato used to return 0 on every path whose variance was truncated to 0 before the last step: −0.37 here
    for (const m of ['vibrato', 'pathwise', 'fd'] as const) expectWithin(`feller put delta/${m}`, r.greeks.delta![m]!, ref.delta);
    expect(r.greeks.delta!.vibrato!.biased).toBeUndefined();
    expect(r.greeks.delta!.auto!.chosen).toBe('pathwise');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings![0]).toMatch(/Feller condition fails \(2κθ = 0\.16 < ξ² = 1\).*steps: 200/);
    // vega through √v has infinite variance here: flagged, and auto uses central differences
    for (const m of ['pathwise', 'vibrato'] as const) {
      const st = methodStatus('vega', m, feller, spec, new Map());
      expect(st.biased, m).toBe(true);
      expect(st.reason).toMatch(/infinite variance/);
    }
    const v = greeks(feller, spec, fellerMarket, { greeks: ['vega'], methods: ['auto'], paths: 16_000, steps: 100, seed: 32 });
    expect(v.greeks.vega!.auto!.chosen).toBe('fd');
    expectWithin('feller put vega/auto (fd)', v.greeks.vega!.auto!, ref.vega);
    // the reported closed form (converged differences of the semi-analytic price) is QuantLib's to 1e-9
    expect(Math.abs(v.closedForm.vega! - ref.vega)).toBeLessThan(1e-9 * ref.vega);
  });

  it('digital: vibrato flagged (no randomness left in a zero-variance last step), auto picks fd', () => {
    const r = greeks(feller, { kind: 'digital-put', strike: ref.strike }, fellerMarket, {
      greeks: ['delta'], methods: ['vibrato', 'fd', 'auto'], paths: 8_000, steps: 32, seed: 33,
    });
    expect(r.greeks.delta!.vibrato!.biased).toBe(true);
    expect(r.greeks.delta!.vibrato!.reason).toMatch(/Feller/);
    expect(r.greeks.delta!.auto!.chosen).toBe('fd');
    expect(r.greeks.delta!.auto!.mean).toBe(r.greeks.delta!.fd!.mean);
  });

  it('no warning when the Feller condition holds', () => {
    const r = greeks(model, { kind: 'call', strike: 100 }, market, { greeks: ['delta'], methods: ['pathwise'], paths: 1000, steps: 8, seed: 1 });
    expect(r.warnings).toBeUndefined();
  });
});
