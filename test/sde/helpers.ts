/** Shared problems and helpers of the SDE tests. */
import { expect } from 'vitest';
import { brownianIncrements } from '../../src/random/brownian.js';
import type { Key } from '../../src/random/key.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import type { Estimate } from '../../src/stats/estimate.js';
import type { ParamTensors, SdeOptions } from '../../src/sde/index.js';

export type GbmParams = { mu: number; sigma: number };

/** Geometric Brownian motion dX = μX dt + σX dW (diagonal noise, d = 1). */
export function gbm(key: Key, paths: number, steps: number, params: GbmParams = { mu: 0.05, sigma: 0.5 }): SdeOptions<GbmParams> {
  return {
    drift: (_t, x, p: ParamTensors<GbmParams>) => x.mul(p.mu),
    diffusion: (_t, x, p: ParamTensors<GbmParams>) => x.mul(p.sigma),
    x0: 1, params, t1: 1, steps, paths, noise: 'diagonal', key,
  };
}

/** W(T) per path: the sum of the generator's increments on the grid of `fineSteps` steps over [0, T]. */
export function brownianTotals(key: Key, paths: number, fineSteps: number, T: number, dims = 1): Float64Array {
  const dw = brownianIncrements(key, { steps: fineSteps, dt: T / fineSteps }, { paths, dims });
  const w = new Float64Array(paths * dims);
  for (let p = 0; p < paths; p++) {
    for (let s = 0; s < fineSteps; s++) for (let k = 0; k < dims; k++) w[p * dims + k]! += dw[(p * fineSteps + s) * dims + k]!;
  }
  return w;
}

/** |estimate − truth| ≤ z·stderr, with a message that shows the numbers. */
export function expectWithin(e: Estimate | undefined, truth: number, z = 5): void {
  expect(e, 'estimate present').toBeDefined();
  const dev = Math.abs(e!.mean - truth);
  expect(dev, `estimate ${e!.mean} ± ${e!.stderr} vs ${truth}: ${(dev / e!.stderr).toFixed(2)} standard errors`).toBeLessThanOrEqual(z * e!.stderr);
}

/** Relative difference of two numbers, for round-off comparisons. */
export function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/** The data of a tensor as a plain array of numbers. */
export const values = (t: Tensor): Float64Array => t.data;
