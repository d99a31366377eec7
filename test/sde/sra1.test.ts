/**
 * Strong order of SRA1 on a nonlinear additive-noise problem, dX = cos X dt + (1 + t/2) dW (the
 * time-dependent σ exercises the scheme's σ(t_n) and σ(t_n + h) nodes), against a fine SRA1 solution
 * on the same Brownian path; Euler, strong order 1 for additive noise, for contrast.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { solve } from '../../src/sde/index.js';
import type { SdeOptions } from '../../src/sde/index.js';
import { logLogSlope, meanAbsDiff } from './helpers.js';

// Steps 32 … 256 against 2048: at coarser steps the O(h²) terms still show (the slope reads ~1.7 from h = 1/8).
const FINE = 2048;
const problem: SdeOptions<Record<string, never>> = {
  drift: (_t, x) => x.cos(),
  diffusion: (t) => 1 + t / 2,
  x0: 1, params: {}, t1: 1, steps: FINE, paths: 1000, noise: 'additive', key: key(77),
};

describe('SRA1 (Rößler 2010)', () => {
  const reference = solve({ ...problem, method: 'sra1' }).values.data;
  for (const [method, order] of [['sra1', 1.5], ['euler', 1]] as const) {
    it(`${method}: slope of E|X_N − X_T| is ${order} ± 0.1`, () => {
      const hs: number[] = [], err: number[] = [];
      for (const n of [32, 64, 128, 256]) {
        const x = solve({ ...problem, method, steps: n, substeps: FINE / n }).values.data;
        hs.push(1 / n);
        err.push(meanAbsDiff(x, reference));
      }
      const slope = logLogSlope(hs, err);
      expect(Math.abs(slope - order), `slope ${slope.toFixed(3)} (errors ${err.map((e) => e.toExponential(2))})`).toBeLessThanOrEqual(0.1);
    });
  }
});
