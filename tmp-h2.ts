import { hestonDelta } from './src/finance/index.js';
const out: string[] = [];
for (const S of [80, 90, 95, 100, 105, 110]) for (const K of [80, 90, 95, 100, 105, 110, 115, 120, 125, 130]) for (const r of [0, 0.01, 0.02, 0.03, 0.04, 0.05]) for (const q of [0, 0.01, 0.02]) for (const v of [0.1, 0.15, 0.2, 0.25, 0.3])
 for (const [kappa, theta, xi, rho] of [[1, 0.04, 1, -0.7], [2, 0.04, 1, -0.7], [1, 0.04, 0.8, -0.7], [0.5, 0.04, 1, -0.7], [1.5, 0.04, 1, -0.7]]) {
  const d = hestonDelta({ spot: S, strike: K, rate: r, dividend: q, maturity: 2, v0: v*v, kappa, theta, xi, rho, kind: 'put' });
  if (Math.abs(d + 0.6042) < 0.00005) out.push([S, K, r, q, v, kappa, theta, xi, rho, d].join(' '));
}
console.log(out.join('\n'));
