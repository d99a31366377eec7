import { describe, expect, it } from 'vitest';
import { greeks, type MarketSpec, type ModelSpec } from '../../src/finance/index.js';
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

  it('digital: pathwise flagged biased; auto picks vibrato, which agrees with fd', () => {
    const r = greeks(model, { kind: 'digital-call', strike: 100 }, market, {
      greeks: ['delta', 'vega'], methods: ['pathwise', 'fd', 'auto'], paths: 24_000, steps: 16, seed: 32,
    });
    for (const g of ['delta', 'vega'] as const) {
      expect(r.greeks[g]!.pathwise!.biased).toBe(true);
      const auto = r.greeks[g]!.auto!, fd = r.greeks[g]!.fd!;
      expect(auto.chosen).toBe('vibrato');
      expectWithin(`digital ${g} vibrato vs fd`, { mean: auto.mean, stderr: Math.hypot(auto.stderr, fd.stderr) }, fd.mean);
    }
  });
});
