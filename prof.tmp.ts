import { greeks } from './src/finance/index.js';
const market = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
const model = { kind: 'heston' as const, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
const t0 = performance.now();
const r = greeks(model, { kind: 'call', strike: 100 }, market, { methods: ['auto'], paths: 32768, steps: 100, seed: 1 });
console.log((performance.now() - t0) / 1000, r.price.mean);
