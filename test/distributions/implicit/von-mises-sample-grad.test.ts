import { describe, expect, it } from 'vitest';
import { besselRatio, vonMisesSampleGrad } from '../../../src/distributions/implicit/index.js';
import { fixtures, relativeError, worst } from './fixtures.js';

const REQUIRED = 1e-6;
/** Regression guard at ~100× the error measured when the kernel was written. */
const GUARD = 1e-12;

describe('vonMisesSampleGrad', () => {
  it(`matches the mpmath reference to ${REQUIRED} relative over κ ∈ [0.01, 1000], tails and bulk`, () => {
    const cases = fixtures.vonMises.filter((c) => c.z !== 0);
    expect(cases.length).toBeGreaterThan(600);
    const w = worst(cases, (c) => relativeError(vonMisesSampleGrad(c.z, c.kappa), c.dz));
    const msg = `worst: κ=${w.case.kappa} z=${w.case.z} value=${vonMisesSampleGrad(w.case.z, w.case.kappa)} reference=${w.case.dz} rel.err=${w.error}`;
    expect(w.error, msg).toBeLessThanOrEqual(REQUIRED);
    expect(w.error, msg).toBeLessThanOrEqual(GUARD);
    for (const c of fixtures.vonMises.filter((c) => c.z === 0)) expect(vonMisesSampleGrad(0, c.kappa)).toBe(0);
  });

  it('is finite at ±π and for extreme κ, and odd in z', () => {
    const zs = [-Math.PI, -Math.PI + 1e-15, -3, -1, -1e-300, 0, 1e-300, 1, 3, Math.PI];
    for (const kappa of [1e-300, 1e-8, 0.01, 1, 19.99, 20, 1000, 1e6, 1e12, 1e300]) {
      for (const z of zs) {
        const g = vonMisesSampleGrad(z, kappa);
        expect(Number.isFinite(g), `κ=${kappa} z=${z} gave ${g}`).toBe(true);
        expect(vonMisesSampleGrad(-z, kappa) + g).toBe(0);
      }
    }
  });

  it('has the κ = 0 limit −sin z and returns NaN for invalid input', () => {
    expect(vonMisesSampleGrad(1, 0)).toBe(-Math.sin(1));
    expect(vonMisesSampleGrad(1, 1e-9)).toBeCloseTo(-Math.sin(1), 8);
    expect(vonMisesSampleGrad(Number.NaN, 1)).toBeNaN();
    expect(vonMisesSampleGrad(1, Number.NaN)).toBeNaN();
    expect(vonMisesSampleGrad(1, -1)).toBeNaN();
    expect(vonMisesSampleGrad(3.2, 1)).toBeNaN();
  });

  it("satisfies d/dκ E[cos z] = −E[sin z · dz/dκ] = A'(κ) = 1 − A/κ − A² (quadrature, no Monte Carlo)", () => {
    const x = [-Math.sqrt(0.6), 0, Math.sqrt(0.6)];
    const wts = [5 / 9, 8 / 9, 5 / 9];
    const ratio = new Float64Array(2);
    for (const kappa of [0.3, 2.5, 40]) {
      const panels = 4000;
      const h = (2 * Math.PI) / panels;
      let norm = 0;
      let s = 0;
      for (let p = 0; p < panels; p++) {
        for (let i = 0; i < 3; i++) {
          const z = -Math.PI + (p + 0.5 + x[i]! / 2) * h;
          const q = Math.exp(kappa * (Math.cos(z) - 1));
          norm += wts[i]! * q;
          s -= wts[i]! * Math.sin(z) * vonMisesSampleGrad(z, kappa) * q;
        }
      }
      const a = besselRatio(kappa, ratio)[0]!;
      expect(s / norm, `κ=${kappa}`).toBeCloseTo(1 - a / kappa - a * a, 10);
    }
  });
});
