/**
 * Honest standard errors of the barrier and Heston Greeks: over independent seeds the mean reported stderr is
 * within 10 % of the standard deviation of the estimates, and 95 % intervals cover the reference 93–97 % of the
 * time. Small path counts and many seeds keep the file fast; 400 seeds give a binomial standard deviation of the
 * coverage of 1.1 %, and a relative standard error of the replicates' spread of 3.5 %.
 *
 * - Discretely monitored down-and-out call (20 dates, rebate 2) by the one-step-survival conditional estimator:
 *   delta, vega and rho against the exact discrete-monitoring values (backward quadrature, fixture).
 * - Heston call (Feller holds; full-truncation Euler, 8 steps) by pathwise and vibrato: delta and vega against
 *   the semi-analytic values. At 200 paths a run's stderr is 6–10 times the scheme's bias at 8 steps.
 */
import { describe, expect, it } from 'vitest';
import { greeks, type MarketSpec, type ModelSpec } from '../../src/finance/index.js';
import type { GreekName, ResultMethod } from '../../src/finance/types.js';
import greeksReference from '../fixtures/finance/greeks-reference.json' with { type: 'json' };

const SEEDS = 400;

interface Spread {
  /** mean reported stderr / standard deviation of the estimates */
  readonly ratio: number;
  readonly coverage: number;
}

function spread(xs: readonly number[], ses: readonly number[], truth: number): Spread {
  const n = xs.length, mean = xs.reduce((a, b) => a + b) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const meanSe = ses.reduce((a, b) => a + b) / n;
  return { ratio: meanSe / sd, coverage: xs.filter((x, k) => Math.abs(x - truth) <= 1.959964 * ses[k]!).length / n };
}

function expectHonest(what: string, s: Spread): void {
  expect(Math.abs(s.ratio - 1), `${what}: reported stderr / replicate sd = ${s.ratio}`).toBeLessThan(0.1);
  expect(s.coverage, `${what} coverage`).toBeGreaterThanOrEqual(0.93);
  expect(s.coverage, `${what} coverage`).toBeLessThanOrEqual(0.97);
}

/** Runs `SEEDS` seeds and collects the estimates and stderrs of each (Greek, method). */
function collect(run: (seed: number) => ReturnType<typeof greeks>, rows: readonly (readonly [GreekName, ResultMethod])[]) {
  const xs = rows.map(() => [] as number[]), ses = rows.map(() => [] as number[]);
  for (let seed = 0; seed < SEEDS; seed++) {
    const r = run(seed);
    rows.forEach(([g, m], i) => {
      const e = r.greeks[g]![m]!;
      xs[i]!.push(e.mean);
      ses[i]!.push(e.stderr);
    });
  }
  return { xs, ses };
}

describe('barrier and Heston Greeks: honest standard errors over 400 seeds', () => {
  it('down-and-out call, conditional estimator: delta, vega, rho', () => {
    const exact = (greeksReference.discreteBarrier as unknown as Record<string, number>[])[0]!;
    const market: MarketSpec = { spot: 100, vol: 0.25, rate: 0.05, maturity: 1, dividend: 0.02 };
    const rows = [['delta', 'conditional'], ['vega', 'conditional'], ['rho', 'conditional']] as const;
    const { xs, ses } = collect((seed) => greeks({ kind: 'bs' }, { kind: 'barrier', strike: 100, barrier: 85, barrierType: 'down-out', rebate: 2 }, market, {
      methods: ['conditional'], greeks: ['delta', 'vega', 'rho'], paths: 250, steps: 20, seed,
    }), rows);
    rows.forEach(([g, m], i) => expectHonest(`barrier ${g}/${m}`, spread(xs[i]!, ses[i]!, exact[g]!)));
  }, 300_000);

  it('Heston call: delta and vega by pathwise, delta by vibrato', () => {
    const model: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const market: MarketSpec = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
    const rows = [['delta', 'pathwise'], ['vega', 'pathwise'], ['delta', 'vibrato']] as const;
    let closed: Partial<Record<GreekName, number>> = {};
    const { xs, ses } = collect((seed) => {
      const r = greeks(model, { kind: 'call', strike: 100 }, market, { methods: ['pathwise', 'vibrato'], greeks: ['delta', 'vega'], paths: 200, steps: 8, seed });
      closed = r.closedForm;
      return r;
    }, rows);
    rows.forEach(([g, m], i) => expectHonest(`Heston ${g}/${m}`, spread(xs[i]!, ses[i]!, closed[g]!)));
  }, 300_000);

  // KNOWN DEFECT, now flagged (methodStatus: biased with an 'unreliable: … heavy-tailed' reason; auto uses fd):
  // the Heston vibrato vega is heavy-tailed. Its per-path weight
  // carries 1/σ of the last step, and paths whose variance ends near 0 give values in the thousands: over 300
  // seeds (400 paths, 8 steps) the mean reported stderr is 0.54 of the replicates' spread, the estimates' skewness
  // 4.8, and single runs read 118 ± 96 against 16.4 (at 200 paths and 4 steps: 0.14 and skewness −14.8).
  // `it.fails` keeps the check running: it starts failing (and must become `it`) when the defect is fixed.
  it.fails('Heston call: vega by vibrato (heavy-tailed: the stderr is not honest)', () => {
    const model: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const market: MarketSpec = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
    let closed = 0;
    const xs: number[] = [], ses: number[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const r = greeks(model, { kind: 'call', strike: 100 }, market, { methods: ['vibrato'], greeks: ['vega'], paths: 200, steps: 8, seed });
      closed = r.closedForm.vega!;
      xs.push(r.greeks.vega!.vibrato!.mean);
      ses.push(r.greeks.vega!.vibrato!.stderr);
    }
    expectHonest('Heston vega/vibrato', spread(xs, ses, closed));
  }, 300_000);
});
