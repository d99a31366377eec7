import { describe, expect, it } from 'vitest';
import { Batch, bumpSize } from '../../src/finance/greeks/batch.js';
import { europeanPathwiseStats } from '../../src/finance/greeks/fused-european.js';
import { estimateOf } from '../../src/stats/estimate.js';
import { ArrayNoise, pseudoColumns } from '../../src/finance/greeks/noise.js';
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
      const fused = new Batch(pb, new ArrayNoise(z), n, true);
      const engine = new Batch(pb, new ArrayNoise(z), n, false);
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

  it('the streaming kernel (no per-path arrays) and greeks() agree with the general engine on the same normals', () => {
    // the streaming kernel draws the plain stream of foldIn(key(seed), 0) batch by batch; the engine gets the
    // same normals as one column and differentiates the general GBM path and payoff in forward mode
    const n = 40_000, seed = 4;
    for (const kind of ['call', 'put'] as const) {
      const pb = problemOf({ kind: 'bs' }, { kind, strike: 100 }, market, {});
      const engine = new Batch(pb, new ArrayNoise(pseudoColumns(seed, 1, 0, n)), n, false);
      const truth = {
        price: estimateOf(engine.value()),
        delta: estimateOf(engine.engineTangent('spot')),
        vega: estimateOf(engine.engineTangent('vol')),
        rho: estimateOf(engine.engineTangent('rate')),
        theta: estimateOf(engine.engineTangent('maturity').map((v) => -v)),
      };
      const streamed = europeanPathwiseStats(market, 100, kind, n, seed, 5, 4096);
      const viaGreeks = greeks({ kind: 'bs' }, { kind, strike: 100 }, market, { methods: ['pathwise'], paths: n, seed, batch: 3000 });
      for (const g of ['price', 'delta', 'vega', 'rho', 'theta'] as const) {
        const e = truth[g];
        const fromGreeks = g === 'price' ? viaGreeks.price : viaGreeks.greeks[g]!.pathwise!;
        for (const [label, x] of [['stream', streamed[g]!], ['greeks()', fromGreeks]] as const) {
          expect(Math.abs(x.mean - e.mean), `${kind} ${g} ${label} mean`).toBeLessThan(1e-10 * (1 + Math.abs(e.mean)));
          expect(Math.abs(x.stderr - e.stderr), `${kind} ${g} ${label} stderr`).toBeLessThan(1e-8 * e.stderr);
        }
      }
      const cf = blackScholesGreeks({ ...market, strike: 100, kind });
      for (const g of ['delta', 'vega', 'rho', 'theta'] as const) expectWithin(`engine ${kind} ${g}`, truth[g], cf[g]);
      expect(viaGreeks.greeks.gamma!.pathwise!.reason).toMatch(/n\/a/);
    }
  });
});
