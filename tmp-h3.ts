import { hestonDelta, hestonPrice } from './src/finance/index.js';
for (const c of [{spot:90,strike:110,rate:0.05,dividend:0.02,vol:0.3,maturity:2,kappa:2,theta:0.04,xi:1,rho:-0.7,kind:'put' as const},{spot:100,strike:100,rate:0.03,dividend:0.01,vol:0.2,maturity:1,kappa:1,theta:0.04,xi:1,rho:-0.7,kind:'call' as const}]) {
  const o = (v: number) => ({ ...c, v0: v * v });
  const h = 0.002;
  const d = (k: number) => (hestonPrice(o(c.vol + k)) - hestonPrice(o(c.vol - k))) / (2 * k);
  console.log(hestonPrice(o(c.vol)), hestonDelta(o(c.vol)), (4 * d(h / 2) - d(h)) / 3);
}
