/**
 * The systems the Greeks step (sde.models.hestonSystem, logGbmSystem), one Euler–Maruyama step against the
 * full-truncation Euler formulas written out by hand (Lord, Koekkoek & van Dijk 2010) and the exact GBM log step.
 */
import { describe, expect, it } from 'vitest';
import { models } from '../../src/sde/index.js';
import { eulerMaruyama } from '../../src/sde/euler-maruyama.js';
import { scalar, tensor } from '../../src/tensor/create.js';

describe('sde.models systems for finance', () => {
  it('hestonSystem: one Euler step is full-truncation Euler (v⁺ in drift and diffusion, also when v < 0)', () => {
    const [r, kappa, theta, xi, rho] = [0.02, 2, 0.04, 0.5, -0.7];
    const p = { rate: scalar(r), kappa: scalar(kappa), theta: scalar(theta), xi: scalar(xi), rho: scalar(rho) };
    const h = 0.01;
    const rows = [[Math.log(100), 0.04], [Math.log(90), -0.01]];
    const z = [[0.3, -1.1], [-0.4, 0.8]];
    const dW = z.map(([a, b]) => [a! * Math.sqrt(h), b! * Math.sqrt(h)]);
    const next = eulerMaruyama.step(models.hestonSystem, 0, h, tensor(rows), p, { dW: tensor(dW), i10: null }).toArray() as number[][];
    rows.forEach(([lnS, v], i) => {
      const vp = Math.max(v!, 0), sv = Math.sqrt(Math.max(v!, 1e-300));
      const [w1, w2] = dW[i]!;
      const lnS1 = lnS! + (r - vp / 2) * h + sv * w1!;
      const v1 = v! + kappa * (theta - vp) * h + xi * sv * (rho * w1! + Math.sqrt(1 - rho * rho) * w2!);
      expect(next[i]![0]).toBeCloseTo(lnS1, 14);
      expect(next[i]![1]).toBeCloseTo(v1, 14);
    });
  });

  it('logGbmSystem: one Euler step is the exact log step ln S + (r − σ²/2)h + σ ΔW', () => {
    const [r, sigma, h] = [0.05, 0.2, 0.25];
    const dW = 0.7 * Math.sqrt(h);
    const next = eulerMaruyama.step(models.logGbmSystem, 0, h, tensor([[Math.log(100)]]), { rate: scalar(r), sigma: scalar(sigma) }, { dW: tensor([[dW]]), i10: null });
    expect(next.toArray()).toEqual([[expect.closeTo(Math.log(100) + (r - sigma * sigma / 2) * h + sigma * dW, 14)]]);
  });

  it('sde.models.heston steps the same system', () => {
    const o = models.heston(10, 4, 1);
    expect(o.drift).toBe(models.hestonSystem.drift);
    expect(o.diffusion).toBe(models.hestonSystem.diffusion);
  });
});
