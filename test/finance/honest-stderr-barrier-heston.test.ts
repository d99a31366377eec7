/**
 * Honest standard errors of the barrier and Heston Greeks: over independent seeds the mean reported stderr is
 * within 10 % of the standard deviation of the estimates, and 95 % intervals cover the reference 93–97 % of the
 * time. Small path counts and many seeds keep the file fast; 400 seeds give a binomial standard deviation of the
 * coverage of 1.1 %, and a relative standard error of the replicates' spread of 3.5 %.
 *
 * - Discretely monitored down-and-out call (20 dates, rebate 2) by the one-step-survival conditional estimator:
 *   delta, vega and rho against the exact discrete-monitoring values (backward quadrature, fixture).
 * - Heston call (Feller holds; full-truncation Euler, 8 steps) by pathwise and vibrato: delta and vega against
 *   the semi-analytic values; the put's vibrato vega too. At 200 paths a run's stderr is 6–10 times the scheme's bias at 8 steps.
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

  const hestonVibrato = (kind: 'call' | 'put', greek: 'vega' | 'theta') => {
    const model: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
    const market: MarketSpec = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
    let closed: Partial<Record<GreekName, number>> = {};
    const { xs, ses } = collect((seed) => {
      const r = greeks(model, { kind, strike: 100 }, market, { methods: ['vibrato'], greeks: [greek], paths: 200, steps: 8, seed });
      closed = r.closedForm;
      return r;
    }, [[greek, 'vibrato']]);
    expectHonest(`Heston ${kind} ${greek}/vibrato`, spread(xs[0]!, ses[0]!, closed[greek]!));
  };

  // Vibrato vega was heavy-tailed (the stderr 0.14–0.54 of the replicates' spread, skewness up to 4.8, single
  // runs 118 ± 96 against 16.4): the last step's weight ṡ(Z² − 1)/s multiplied f(μ ± sZ), and ṡ/s is unbounded
  // where the variance ends near 0. The control variate −f(μ)·ṡ(Z² − 1)/s (mean 0 given the path) leaves
  // f(μ + sZ) + f(μ − sZ) − 2f(μ) = O(s²), or O(s) at the kink. Measured since over 1000 seeds: ratio 0.97 for
  // the call and the put, coverage 93.8 % and 93.6 %. The closed form is the continuous-time value; the 8-step
  // scheme's vega is 0.46 (call) and 0.66 (put) above it (pathwise and fd at 200,000–400,000 paths), a tenth to
  // a fifth of a run's stderr, which the coverage absorbs.
  it('Heston call and put: vega by vibrato', () => {
    hestonVibrato('call', 'vega');
    hestonVibrato('put', 'vega');
  }, 300_000);

  // KNOWN DEFECT, flagged (methodStatus: 'unreliable: … heavy-tailed'; auto never picks it): vibrato theta. With the
  // control variate its stderr matches the spread (ratio 0.98 over 1000 seeds) but the intervals of the put cover
  // 91.6 % (pathwise theta 96.0 %; the call 93.7 %), and the mean of 1000 runs is 2.7 of its standard errors from
  // the 8-step value: the tail near the strike where the variance ends near 0 is still heavy at 200 paths. At 800
  // paths per run (1000 seeds) it is honest: ratio 1.00, coverage 95.1 % (3200 paths: 1.02, 96.1 %), so the
  // variance is finite and the shortfall is a small-sample one. `it.fails` keeps the check running: it starts
  // failing (and must become `it`, and the flag go) when the defect is fixed.
  it.fails('Heston put: theta by vibrato (heavy-tailed: the intervals cover too little)', () => {
    hestonVibrato('put', 'theta');
  }, 300_000);
});
