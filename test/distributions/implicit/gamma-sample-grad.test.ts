import { describe, expect, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import { gammaLogProb, gammaSampleGrad } from '../../../src/distributions/implicit/index.js';
import { fixtures, relativeError, worst } from './fixtures.js';

/** The bar, and a regression guard at ~30× the error measured when the kernel was written. */
const REQUIRED = 1e-6;
const GUARD = 1e-12;

describe('gammaSampleGrad', () => {
  it(`matches the mpmath reference to ${REQUIRED} relative over α ∈ [0.01, 1000], tails and bulk`, () => {
    const cases = fixtures.gamma;
    expect(cases.length).toBeGreaterThan(500);
    const w = worst(cases, (c) => relativeError(gammaSampleGrad(c.z, c.alpha), c.dz));
    const msg = `worst: α=${w.case.alpha} z=${w.case.z} value=${gammaSampleGrad(w.case.z, w.case.alpha)} reference=${w.case.dz} rel.err=${w.error}`;
    expect(w.error, msg).toBeLessThanOrEqual(REQUIRED);
    expect(w.error, msg).toBeLessThanOrEqual(GUARD);
  });

  it('is finite at the boundaries and for extreme shapes', () => {
    const zs = [Number.MIN_VALUE, 1e-300, 1e-30, 1e-5, 0.5, 1, 30, 1e3, 1e6, 1e300, Number.MAX_VALUE];
    const alphas = [1e-300, 1e-10, 1e-3, 0.01, 1, 1000, 1e5, 1e7, 1e9, 1e15, 1e300];
    for (const alpha of alphas) {
      for (const z of zs) {
        const g = gammaSampleGrad(z, alpha);
        expect(Number.isFinite(g), `α=${alpha} z=${z} gave ${g}`).toBe(true);
      }
    }
    expect(gammaSampleGrad(0, 0.5)).toBe(0);
    expect(gammaSampleGrad(0, 50)).toBe(0);
  });

  it('switches to the Wilson–Hilferty form past α = 1e7 without a visible jump', () => {
    for (const e of [-5, 0, 5]) {
      const below = gammaSampleGrad(1e7 + e * Math.sqrt(1e7), 1e7 * (1 - 1e-15));
      const above = gammaSampleGrad(1e7 + e * Math.sqrt(1e7), 1e7 * (1 + 1e-15));
      expect(Math.abs(above / below - 1)).toBeLessThan(1e-9);
    }
  });

  it('returns NaN for NaN or invalid input', () => {
    for (const [z, alpha] of [
      [Number.NaN, 1],
      [1, Number.NaN],
      [-1, 1],
      [1, 0],
      [1, -2],
    ] as const) {
      expect(gammaSampleGrad(z, alpha)).toBeNaN();
    }
  });

  it('satisfies d/dα E[z] = ∫ (dz/dα) q(z) dz = 1 (quadrature, no Monte Carlo)', () => {
    // Composite 3-point Gauss rule in x = √z (which removes q's z^(α−1) endpoint singularity), on a grid
    // reaching ~40 standard deviations.
    const x = [-Math.sqrt(0.6), 0, Math.sqrt(0.6)];
    const wts = [5 / 9, 8 / 9, 5 / 9];
    for (const alpha of [0.5, 1.5, 7, 60]) {
      const top = Math.sqrt(alpha + 40 * Math.sqrt(alpha) + 40);
      const panels = 4000;
      const h = top / panels;
      let s = 0;
      for (let p = 0; p < panels; p++) {
        for (let i = 0; i < 3; i++) {
          const r = (p + 0.5 + x[i]! / 2) * h;
          const z = r * r;
          s += wts[i]! * gammaSampleGrad(z, alpha) * Math.exp(gammaLogProb(z, alpha)) * 2 * r;
        }
      }
      expect(Math.abs((s * h) / 2 - 1), `α=${alpha}`).toBeLessThan(1e-9);
    }
  });
});

describe('gammaLogProb', () => {
  it('matches the formula and its boundary conventions', () => {
    expect(gammaLogProb(1, 1)).toBe(-1);
    expect(gammaLogProb(2, 3, 0.5)).toBeCloseTo(Math.log(0.5 ** 3 * 4 * Math.exp(-1) / 2), 14);
    expect(gammaLogProb(3.3, 0.7, 2)).toBeCloseTo(0.7 * Math.log(2) - 0.3 * Math.log(3.3) - 6.6 - gammaln(0.7), 13);
    expect(gammaLogProb(0, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(gammaLogProb(0, 1, 2)).toBeCloseTo(Math.log(2), 15);
    expect(gammaLogProb(0, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(gammaLogProb(-1, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(gammaLogProb(1, -1)).toBeNaN();
    expect(gammaLogProb(1, 1, 0)).toBeNaN();
    expect(gammaLogProb(Number.NaN, 1)).toBeNaN();
  });
});
