/**
 * The closed-form values a Monte Carlo run is compared with, where they exist: Black–Scholes vanillas and
 * digitals (exact), geometric Asians on the same m fixings (exact), discretely monitored barriers by the
 * Broadie–Glasserman–Kou shift of the continuous formula (an approximation, o(√Δt): at 20 dates a year it
 * can be 0.03 % off in price and more near the barrier, so tests use exact discrete values instead),
 * continuously monitored ones by the continuous formula (exact), Heston price and delta (semi-analytic)
 * and its other Greeks by converged differences of that price (the simulation's Euler scheme has its own
 * O(Δt) bias). Arithmetic Asians have none. Theta is time decay with
 * the fixing and monitoring dates held, as in the simulation.
 */
import {
  barrierGreeks, blackScholesGreeks, digitalGreeks, geometricAsianGreeks,
  hestonDelta, hestonPrice, type BarrierOption,
} from '../closed-form/index.js';
import type { GreekName, MarketSpec, ModelSpec, PayoffSpec } from '../types.js';

export type Reference = Partial<Record<'price' | GreekName, number>>;

/** f′(x) by (4D(h/2) − D(h))/3 with D the central difference: error O(h⁴) for a smooth f. */
function richardson(f: (x: number) => number, x: number, h: number): number {
  const d = (k: number): number => (f(x + k) - f(x - k)) / (2 * k);
  return (4 * d(h / 2) - d(h)) / 3;
}

/**
 * Closed-form price and Greeks for this model and payoff (empty when there is none). `steps` is the number
 * of Asian fixings or barrier monitoring dates iT/steps.
 *
 * @example
 * ```ts
 * closedFormReference({ kind: 'bs' }, { kind: 'call', strike: 100 },
 *   { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }, 1).delta;   // ≈ 0.6368
 * ```
 */
export function closedFormReference(model: ModelSpec, payoff: PayoffSpec, market: MarketSpec, steps: number): Reference {
  const base = { ...market, strike: payoff.strike };
  const w = payoff.kind.endsWith('put') ? 'put' as const : 'call' as const;
  if (model.kind === 'heston') {
    if (payoff.kind !== 'call' && payoff.kind !== 'put') return {};
    const h = { ...base, kind: w, v0: market.vol * market.vol, kappa: model.kappa, theta: model.theta, xi: model.xi, rho: model.rho };
    // the rest by Richardson-extrapolated central differences of the semi-analytic price (error O(step⁴))
    const at = (o: Partial<typeof h>) => hestonPrice({ ...h, ...o });
    const vol = market.vol, t = market.maturity;
    return {
      price: hestonPrice(h),
      delta: hestonDelta(h),
      gamma: richardson((s) => hestonDelta({ ...h, spot: s }), market.spot, 0.01 * market.spot),
      vega: richardson((v) => at({ v0: v * v }), vol, 0.01 * vol),
      rho: richardson((r) => at({ rate: r }), market.rate, 1e-3),
      theta: -richardson((m) => at({ maturity: m }), t, 0.01 * t),   // no contract dates: time decay is −∂V/∂T
    };
  }
  switch (payoff.kind) {
    case 'call':
    case 'put':
      return { ...blackScholesGreeks({ ...base, kind: w }) };
    case 'digital-call':
    case 'digital-put':
      return { ...digitalGreeks({ ...base, kind: w, payoff: 'cash' }) };
    case 'asset-call':
    case 'asset-put':
      return { ...digitalGreeks({ ...base, kind: w, payoff: 'asset' }) };
    case 'asian-call':
    case 'asian-put': {
      if (payoff.average !== 'geometric') return {};
      const fixings = payoff.fixings ?? steps;
      // theta: time decay with the fixing dates held (the simulation's dates are calendar dates too)
      return { ...geometricAsianGreeks({ ...base, kind: w, fixings }) };
    }
    case 'barrier': {
      const type = payoff.barrierType!;
      const option: BarrierOption = {
        ...base, kind: payoff.option ?? 'call', barrier: payoff.barrier!,
        direction: type.startsWith('up') ? 'up' : 'down', knock: type.endsWith('in') ? 'in' : 'out',
        rebate: payoff.rebate ?? 0, ...(payoff.monitoring === 'continuous' ? {} : { monitoringInterval: market.maturity / steps }),
      };
      // theta holds the monitoring interval (the calendar dates), as the simulation does
      return { ...barrierGreeks(option) };
    }
  }
}
