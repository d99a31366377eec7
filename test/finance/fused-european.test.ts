import { describe, expect, it } from 'vitest';
import { Batch, bumpSize } from '../../src/finance/greeks/batch.js';
import { europeanPathwiseDeltaVega } from '../../src/finance/greeks/fused-european.js';
import { pseudoColumns } from '../../src/finance/greeks/noise.js';
import { problemOf } from '../../src/finance/greeks/greeks.js';
import { blackScholesGreeks, greeks, type MarketSpec } from '../../src/finance/index.js';
import { expectWithin } from './helpers.js';

const market: MarketSpec = { spot: 105, vol: 0.27, rate: 0.04, maturity: 0.75, dividend: 0.015 };

describe('fused one-step European kernel', () => {
  for (const kind of ['call', 'put'] as const) {
    it(`agrees with the general engine (forward mode) path by path on the same normals: ${kind}`, () => {
      const pb = problemOf({ kind: 'bs' }, { kind, strike: 100 }, market, {});
      const n = 5000;
      const z = pseudoColumns(3, 1, 0, n);
      const fused = new Batch(pb, z, n, true);
      const engine = new Batch(pb, z, n, false);
      const pairs: [Float64Array, Float64Array][] = [
        [fused.value(), engine.value()],
        ...(['spot', 'vol', 'rate', 'maturity'] as const).map((i): [Float64Array, Float64Array] => [fused.tangent('plain', i), engine.engineTangent(i)]),
      ];
      for (const [a, b] of pairs) {
        for (let j = 0; j < n; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThanOrEqual(1e-11 * (1 + Math.abs(b[j]!)));
      }
      expect(bumpSize(pb, 'spot')).toBeGreaterThan(0);
    });
  }

  it('streaming delta and vega match Black–Scholes and greeks() on the same normals', () => {
    const cf = blackScholesGreeks({ ...market, strike: 100, kind: 'call' });
    const s = europeanPathwiseDeltaVega(market, 100, 'call', 200_000, 4);
    expectWithin('fused delta', s.delta, cf.delta);
    expectWithin('fused vega', s.vega, cf.vega);
    const g = greeks({ kind: 'bs' }, { kind: 'call', strike: 100 }, market, { greeks: ['delta', 'vega'], methods: ['pathwise'], paths: 200_000, seed: 4 });
    expect(g.greeks.delta!.pathwise!.mean).toBeCloseTo(s.delta.mean, 12);
    expect(g.greeks.vega!.pathwise!.mean).toBeCloseTo(s.vega.mean, 10);
  });

  it('greeks(): the streaming route (pathwise only) and the per-path route (with fd) give the same pathwise estimates', () => {
    for (const kind of ['call', 'put'] as const) {
      const spec = { kind, strike: 100 };
      const stream = greeks({ kind: 'bs' }, spec, market, { methods: ['pathwise'], paths: 50_000, seed: 6 });
      const batch = greeks({ kind: 'bs' }, spec, market, { methods: ['pathwise', 'fd'], paths: 50_000, seed: 6 });
      expect(stream.price.mean).toBeCloseTo(batch.price.mean, 10);
      for (const g of ['delta', 'vega', 'rho', 'theta'] as const) {
        const a = stream.greeks[g]!.pathwise!, b = batch.greeks[g]!.pathwise!;
        expect(Math.abs(a.mean - b.mean), `${kind} ${g}`).toBeLessThan(1e-10 * (1 + Math.abs(b.mean)));
        expect(Math.abs(a.stderr - b.stderr), `${kind} ${g} stderr`).toBeLessThan(1e-8 * b.stderr);
      }
      expect(stream.greeks.gamma!.pathwise!.reason).toMatch(/n\/a/);
    }
  });
});
