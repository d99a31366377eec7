import { describe, expect, it } from 'vitest';
import { greeks, type MarketSpec, type PayoffName } from '../../src/finance/index.js';
import { expectUnbiasedMatchClosedForm } from './helpers.js';

// in and out of the money, short and long maturities, with and without dividends
const MARKETS: [string, MarketSpec, number][] = [
  ['ATM 1y q=2%', { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0.02 }, 100],
  ['ITM call 3m', { spot: 110, vol: 0.3, rate: 0.03, maturity: 0.25, dividend: 0 }, 100],
  ['OTM call 5y q=4%', { spot: 90, vol: 0.25, rate: 0.04, maturity: 5, dividend: 0.04 }, 120],
  ['deep ITM put 2y', { spot: 80, vol: 0.35, rate: 0.01, maturity: 2, dividend: 0.01 }, 100],
];
const PAYOFFS: PayoffName[] = ['call', 'put', 'digital-call', 'digital-put', 'asset-call', 'asset-put'];

describe('Black–Scholes Monte Carlo Greeks against the closed forms', () => {
  for (const [name, market, strike] of MARKETS) {
    it(`every unbiased method within 5 stderr: ${name}`, () => {
      let checked = 0;
      PAYOFFS.forEach((kind, i) => {
        const r = greeks({ kind: 'bs' }, { kind, strike }, market, {
          methods: ['pathwise', 'lr', 'mixed', 'fd', 'auto'], paths: 60_000, seed: 100 + i,
        });
        checked += expectUnbiasedMatchClosedForm(`${name} ${kind}`, r);
      });
      expect(checked).toBeGreaterThan(80);
    });
  }

  it('flags the pathwise delta of a digital as biased (and it is: 0 instead of φ(d₂)e^{−rT}/(Sσ√T))', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'digital-call', strike: 100 }, MARKETS[0]![1], {
      greeks: ['delta', 'vega'], methods: ['pathwise', 'lr', 'auto'], paths: 20_000, seed: 1,
    });
    const pw = r.greeks.delta!.pathwise!;
    expect(pw.biased).toBe(true);
    expect(pw.reason).toMatch(/step/);
    expect(pw.mean).toBe(0);
    expect(r.greeks.delta!.lr!.biased).toBeUndefined();
    expect(r.greeks.delta!.auto!.chosen).toBe('lr');
    expect(r.greeks.vega!.pathwise!.biased).toBe(true);
    expect(r.discontinuities.map((e) => e.op)).toContain('step');
  });

  it('does not flag the kinked call: pathwise is unbiased through max', () => {
    const r = greeks({ kind: 'bs' }, { kind: 'call', strike: 100 }, MARKETS[0]![1], { greeks: ['delta', 'gamma'], methods: ['pathwise', 'auto'], paths: 4096 });
    expect(r.discontinuities).toEqual([]);
    expect(r.greeks.delta!.pathwise!.biased).toBeUndefined();
    expect(r.greeks.delta!.auto!.chosen).toBe('pathwise');
    expect(r.greeks.gamma!.pathwise!.reason).toMatch(/n\/a/);   // pathwise gamma of a kink: reported, not computed
    expect(r.greeks.gamma!.auto!.chosen).toBe('mixed');
  });

  it('gamma: both mixed estimators have lower variance than pure LR', () => {
    for (const [name, market, strike] of MARKETS) {
      for (const kind of ['call', 'put'] as const) {
        const g = greeks({ kind: 'bs' }, { kind, strike }, market, { greeks: ['gamma'], methods: ['lr', 'mixed'], paths: 40_000, seed: 5 }).greeks.gamma!;
        expect(g.mixed!.stderr, `${name} ${kind}`).toBeLessThan(g.lr!.stderr);
        expect(g['mixed-pwlr']!.stderr, `${name} ${kind}`).toBeLessThan(g.lr!.stderr);
      }
    }
  });

  it('does not depend on the batch size (same bits per path, merged moments)', () => {
    const run = (batch: number) => greeks({ kind: 'bs' }, { kind: 'digital-put', strike: 95 }, MARKETS[0]![1], { greeks: ['delta', 'gamma'], methods: ['lr', 'fd'], paths: 30_000, seed: 9, batch });
    const a = run(16384), b = run(1000);
    expect(b.price.mean).toBeCloseTo(a.price.mean, 12);
    expect(b.greeks.delta!.lr!.mean).toBeCloseTo(a.greeks.delta!.lr!.mean, 12);
    expect(b.greeks.gamma!.fd!.stderr).toBeCloseTo(a.greeks.gamma!.fd!.stderr, 12);
  });
});
