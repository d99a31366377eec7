/**
 * The Brownian side: paths do not depend on the chunking; substeps follow one Brownian path; white
 * noise is not a function (the difference quotient of W has variance 1/ε); Itô calculus as the Euler
 * scheme sees it (E[W_T²] = T, Σ W ΔW → (W_T² − T)/2 in mean square, with error exactly T·h/2).
 */
import { describe, expect, it } from 'vitest';
import { brownianStep } from '../../src/random/brownian.js';
import { key } from '../../src/random/key.js';
import { estimateOf } from '../../src/stats/estimate.js';
import { Moments } from '../../src/stats/moments.js';
import { component, fromComponents, solve } from '../../src/sde/index.js';
import { expectWithin, gbm } from './helpers.js';

describe('common random numbers', () => {
  it('the same key gives the same paths whatever the chunk size (bit for bit)', () => {
    const o = { ...gbm(key(9), 1000, 20), method: 'milstein' as const, saveAt: [0.5, 1] };
    const a = solve({ ...o, chunkSize: 1000 }).values.data;
    for (const chunkSize of [1, 37, 256]) expect(solve({ ...o, chunkSize }).values.data).toEqual(a);
  });

  it('a coarse solve with substeps sees the fine Brownian path: dX = dW gives the same W_T', () => {
    const bm = {
      drift: () => 0, diffusion: () => 1, x0: 0, params: {}, t1: 1, paths: 200, noise: 'additive' as const, key: key(4),
    };
    const fine = solve({ ...bm, steps: 64 }).values.data;
    for (const [steps, substeps] of [[32, 2], [8, 8], [1, 64]] as const) {
      const coarse = solve({ ...bm, steps, substeps }).values.data;
      coarse.forEach((v, i) => expect(v).toBeCloseTo(fine[i]!, 12));
    }
  });
});

describe('Brownian motion is not differentiable in time', () => {
  it('(W(t+ε) − W(t))/ε has variance 1/ε for several ε', () => {
    const n = 20_000;
    for (const eps of [1e-1, 1e-2, 1e-3, 1e-4]) {
      const dw = brownianStep(key(6), 3, eps, { paths: n });
      const q = dw.map((v) => v / eps);
      const m = Moments.of(q);
      const v = m.variance();
      // standard error of a Gaussian sample variance: σ²·√(2/(n−1))
      const se = (1 / eps) * Math.sqrt(2 / (n - 1));
      expect(Math.abs(v - 1 / eps), `ε = ${eps}: variance ${v} vs ${1 / eps}`).toBeLessThanOrEqual(5 * se);
    }
  });
});

describe("Itô's formula on the Euler scheme", () => {
  // State (W, I) with dW = dW, dI = W dW: scalar noise, diffusion (1, W).
  const ito = (steps: number, paths: number) => solve({
    drift: () => 0,
    diffusion: (_t, x) => fromComponents([1, component(x, 0)]),
    x0: [0, 0], params: {}, t1: 2, steps, paths, noise: 'scalar', key: key(8),
  }).values.data;

  it('E[W_T²] = T', () => {
    const x = ito(16, 20_000);
    const w2 = new Float64Array(20_000).map((_, p) => x[2 * p]! ** 2);
    expectWithin(estimateOf(w2), 2);
  });

  it('Σ W_n ΔW_n → (W_T² − T)/2 in mean square, with mean-square error T·h/2', () => {
    const paths = 4000, T = 2;
    const mse: number[] = [];
    for (const steps of [8, 32, 128]) {
      const x = ito(steps, paths);
      const sq = new Float64Array(paths).map((_, p) => (x[2 * p + 1]! - (x[2 * p]! ** 2 - T) / 2) ** 2);
      const e = estimateOf(sq);
      expectWithin(e, (T * (T / steps)) / 2);
      mse.push(e.mean);
    }
    expect(mse[1]!).toBeLessThan(mse[0]!);
    expect(mse[2]!).toBeLessThan(mse[1]!);
  });
});
