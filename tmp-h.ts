import { greeks } from './src/finance/index.js';
const model = { kind: 'heston' as const, kappa: 2, theta: 0.04, xi: 1, rho: -0.7 };
const market = { spot: 90, vol: 0.3, rate: 0.05, maturity: 2, dividend: 0.02 };
for (const [steps, paths, seed] of [[32, 24000, 31], [100, 24000, 31], [16, 24000, 32], [50, 24000, 31]] as const) {
  const r = greeks(model, { kind: 'put', strike: 110 }, market, { greeks: ['delta', 'vega'], methods: ['pathwise', 'vibrato', 'fd'], paths, steps, seed });
  console.log(steps, paths, seed, r.closedForm.delta, JSON.stringify(r.greeks.delta), JSON.stringify(r.greeks.vega));
}
