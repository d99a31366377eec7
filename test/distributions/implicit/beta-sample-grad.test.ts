import { describe, expect, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import { betaSampleGrad } from '../../../src/distributions/implicit/index.js';
import { fixtures, relativeError, worst } from './fixtures.js';

const REQUIRED = 1e-6;
/** Regression guard at ~30× the error measured when the kernel was written (3e-12 near a = 0.01, b = 1000). */
const GUARD = 1e-10;

describe('betaSampleGrad', () => {
  it(`matches the mpmath reference to ${REQUIRED} relative over a, b ∈ [0.01, 1000], tails and bulk`, () => {
    const cases = fixtures.beta;
    expect(cases.length).toBeGreaterThan(4000);
    const out = new Float64Array(2);
    const err = (c: (typeof cases)[number]) => {
      betaSampleGrad(c.z, c.a, c.b, out);
      return Math.max(relativeError(out[0]!, c.dzda), relativeError(out[1]!, c.dzdb));
    };
    const w = worst(cases, err);
    const v = betaSampleGrad(w.case.z, w.case.a, w.case.b);
    const msg =
      `worst: a=${w.case.a} b=${w.case.b} z=${w.case.z} value=[${v[0]}, ${v[1]}] ` +
      `reference=[${w.case.dzda}, ${w.case.dzdb}] rel.err=${w.error}`;
    expect(w.error, msg).toBeLessThanOrEqual(REQUIRED);
    expect(w.error, msg).toBeLessThanOrEqual(GUARD);
  });

  it('is finite at z → 0, z → 1 and for extreme shapes', () => {
    const zs = [Number.MIN_VALUE, 1e-300, 1e-20, 0.3, 0.5, 0.9, 1 - 1e-10, 1 - 2 ** -52, 1 - 2 ** -53];
    // Below ~1e-100 the true dz/da overflows: for a = b = ε, ∂I/∂a ≈ −I/(2ε), so dz/da ~ z/ε².
    const shapes = [1e-100, 1e-8, 0.01, 1, 1000, 1e5, 1e8];
    const out = new Float64Array(2);
    for (const a of shapes) {
      for (const b of shapes) {
        for (const z of zs) {
          betaSampleGrad(z, a, b, out);
          expect(Number.isFinite(out[0]) && Number.isFinite(out[1]), `a=${a} b=${b} z=${z} gave ${out}`).toBe(true);
        }
      }
    }
    expect(Array.from(betaSampleGrad(0, 2, 3))).toEqual([0, 0]);
    expect(Array.from(betaSampleGrad(1, 2, 3))).toEqual([0, 0]);
  });

  it('is antisymmetric under (z, a, b) → (1 − z, b, a)', () => {
    for (const [z, a, b] of [
      [0.25, 0.5, 3],
      [0.9, 10, 2],
      [0.001, 0.1, 40],
    ] as const) {
      const g = betaSampleGrad(z, a, b);
      const h = betaSampleGrad(1 - z, b, a);
      expect(h[1]! / -g[0]!).toBeCloseTo(1, 12);
      expect(h[0]! / -g[1]!).toBeCloseTo(1, 12);
    }
  });

  it('writes at an offset and returns NaN for invalid input', () => {
    const out = new Float64Array(4);
    expect(betaSampleGrad(0.3, 1, 1, out, 2)).toBe(out);
    expect(out[0]).toBe(0);
    // Beta(1, 1) is uniform: z = u, and I_z(a, 1) = z^a gives dz/da = −z log z at a = 1.
    expect(out[2]).toBeCloseTo(-0.3 * Math.log(0.3), 14);
    for (const [z, a, b] of [
      [Number.NaN, 1, 1],
      [0.5, Number.NaN, 1],
      [0.5, 1, 0],
      [-0.1, 1, 1],
      [1.1, 1, 1],
    ] as const) {
      const g = betaSampleGrad(z, a, b);
      expect(g[0]).toBeNaN();
      expect(g[1]).toBeNaN();
    }
  });

  it('satisfies d/da E[z] = b/(a+b)² and d/db E[z] = −a/(a+b)² (quadrature, no Monte Carlo)', () => {
    const x = [-Math.sqrt(0.6), 0, Math.sqrt(0.6)];
    const wts = [5 / 9, 8 / 9, 5 / 9];
    const out = new Float64Array(2);
    for (const [a, b] of [
      [2.5, 4],
      [1.5, 1.2],
      [30, 7],
    ] as const) {
      const logB = gammaln(a) + gammaln(b) - gammaln(a + b);
      const panels = 4000;
      const h = 1 / panels;
      let sa = 0;
      let sb = 0;
      for (let p = 0; p < panels; p++) {
        for (let i = 0; i < 3; i++) {
          const z = (p + 0.5 + x[i]! / 2) * h;
          const q = Math.exp((a - 1) * Math.log(z) + (b - 1) * Math.log1p(-z) - logB);
          betaSampleGrad(z, a, b, out);
          sa += wts[i]! * out[0]! * q;
          sb += wts[i]! * out[1]! * q;
        }
      }
      expect((sa * h) / 2, `a=${a} b=${b}`).toBeCloseTo(b / (a + b) ** 2, 9);
      expect((sb * h) / 2, `a=${a} b=${b}`).toBeCloseTo(-a / (a + b) ** 2, 9);
    }
  });
});
