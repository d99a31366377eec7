/**
 * Geometric Brownian motion, whose exact solution X_T = x0 exp((μ − σ²/2)T + σW_T) is known per path:
 * strong convergence of Euler (order ½) and Milstein (order 1), the order fitted with its standard error
 * (test/sde/order-fit.ts: e(h) = C·h^p·(1 + d·h^{1/2}), the next term of a multiplicative-noise scheme's error
 * being h^{1/2} smaller) and held to the theory within 5 standard errors; the same for the per-path tangents
 * against ∂X_T/∂σ = X_T (W_T − σT), and
 * ∂E[X_T]/∂μ = T x0 e^{μT}. All levels see the same Brownian path (substeps of one fine grid).
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { sensitivity, tangentPaths } from '../../src/sde/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { brownianTotals, expectWithin, gbm } from './helpers.js';
import { expectOrder, strongOrderFit } from './order-fit.js';

// 20,000 paths: the fitted order's standard error is then 0.011–0.015, so 5 standard errors stay inside the
// ±0.1 of the straight-line fit this replaces (which read Milstein's order as 0.949: the bend of the next term).
const PATHS = 20_000;
const FINE = 1024;
const LEVELS = [16, 32, 64, 128, 256];
const K = key(2024);
const MU = 0.05, SIGMA = 0.5;

function exact(): { x: Float64Array; dsigma: Float64Array } {
  const w = brownianTotals(K, PATHS, FINE, 1);
  const x = w.map((wt) => Math.exp((MU - SIGMA * SIGMA / 2) + SIGMA * wt));
  return { x, dsigma: x.map((xt, i) => xt * (w[i]! - SIGMA)) };
}

describe('GBM: strong orders of the solution and of its tangent', () => {
  const ref = exact();
  for (const [method, order] of [['euler', 0.5], ['milstein', 1]] as const) {
    it(`${method}: the fitted orders of E|X_N − X_T| and E|∂X_N/∂σ − ∂X_T/∂σ| are ${order} within 5 stderr`, () => {
      const errX: Float64Array[] = [], errT: Float64Array[] = [], hs: number[] = [];
      for (const n of LEVELS) {
        const r = tangentPaths({ ...gbm(K, PATHS, n, { mu: MU, sigma: SIGMA }), method, substeps: FINE / n, wrt: ['sigma'] });
        hs.push(1 / n);
        errX.push(r.x.data.map((v, i) => Math.abs(v - ref.x[i]!)));
        errT.push(r.tangents.sigma!.data.map((v, i) => Math.abs(v - ref.dsigma[i]!)));
      }
      expectOrder(strongOrderFit(hs, errX, 0.5), order, 'solution');
      expectOrder(strongOrderFit(hs, errT, 0.5), order, 'tangent');
    }, 300_000);
  }

  it('∂E[X_T]/∂μ = T x0 e^{μT} by forward and adjoint mode', () => {
    const steps = 256, h = 1 / steps;
    const opts = { ...gbm(key(5), 10_000, steps, { mu: MU, sigma: 0.2 }), loss: (x: Tensor) => x };
    const continuous = Math.exp(MU);
    // Euler: E[X_N] = x0 (1 + μh)^N exactly, so ∂E[X_N]/∂μ = T x0 (1 + μh)^{N−1}; its distance to the
    // continuous value (the weak error) must be small against the standard error for the check to mean something.
    const discrete = Math.pow(1 + MU * h, steps - 1);
    for (const mode of ['forward', 'adjoint'] as const) {
      const r = sensitivity({ ...opts, mode, wrt: ['mu'] });
      expectWithin(r.grad.mu, discrete);
      expect(Math.abs(discrete - continuous)).toBeLessThan(0.2 * r.grad.mu!.stderr);
      expectWithin(r.grad.mu, continuous);
    }
  });
});
