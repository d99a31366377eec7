import { describe, expect, it } from 'vitest';
import { bumpSize } from '../../src/finance/greeks/batch.js';
import { problemOf } from '../../src/finance/greeks/greeks.js';
import { blackScholesGreeks, blackScholesPrice, greeks, type MarketSpec } from '../../src/finance/index.js';

const MARKETS: MarketSpec[] = [
  { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0.02 },
  { spot: 110, vol: 0.3, rate: 0.03, maturity: 0.25, dividend: 0 },
  { spot: 90, vol: 0.25, rate: 0.04, maturity: 5, dividend: 0.04 },
];

describe('central differences: the bump bias is negligible against the standard error', () => {
  it('the deterministic bias of each bump (on the exact price) is < 1/5 of the fd stderr at 1e6 paths (< 1/15 at the default 1e5)', () => {
    for (const m of MARKETS) {
      const option = { ...m, strike: 100, kind: 'call' as const };
      const pb = problemOf({ kind: 'bs' }, { kind: 'call', strike: 100 }, m, {});
      const price = (o: Partial<typeof option>) => blackScholesPrice({ ...option, ...o });
      const exact = blackScholesGreeks(option);
      const hS = bumpSize(pb, 'spot'), hV = bumpSize(pb, 'vol'), hR = bumpSize(pb, 'rate'), hT = bumpSize(pb, 'maturity');
      const fd = {
        delta: (price({ spot: m.spot + hS }) - price({ spot: m.spot - hS })) / (2 * hS),
        gamma: (price({ spot: m.spot + hS }) - 2 * price({}) + price({ spot: m.spot - hS })) / (hS * hS),
        vega: (price({ vol: m.vol + hV }) - price({ vol: m.vol - hV })) / (2 * hV),
        rho: (price({ rate: m.rate + hR }) - price({ rate: m.rate - hR })) / (2 * hR),
        theta: -(price({ maturity: m.maturity + hT }) - price({ maturity: m.maturity - hT })) / (2 * hT),
      };
      // the fd standard errors at 1e6 paths, scaled from a 20k-path run (stderr ∝ 1/√n)
      const r = greeks({ kind: 'bs' }, { kind: 'call', strike: 100 }, m, { methods: ['fd'], paths: 20_000, seed: 8 });
      for (const g of ['delta', 'gamma', 'vega', 'rho', 'theta'] as const) {
        const se1e6 = r.greeks[g]!.fd!.stderr * Math.sqrt(20_000 / 1e6);
        expect(Math.abs(fd[g] - exact[g]), `${g} at S=${m.spot}, T=${m.maturity}`).toBeLessThan(0.2 * se1e6);
      }
    }
  });
});
