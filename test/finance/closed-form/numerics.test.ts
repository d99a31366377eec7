import { describe, expect, it } from 'vitest';
import { integrate, normCdf, normPdf } from '../../../src/finance/closed-form/index.js';
import { expectClose } from './helpers.js';

describe('normCdf / normPdf', () => {
  it('match SciPy values, including the far lower tail to full relative accuracy', () => {
    expect(normCdf(0)).toBe(0.5);
    expectClose(normCdf(1.96), 0.9750021048517795, 1e-16);
    expectClose(normCdf(-1.96), 0.024997895148220435, 0, 1e-14);
    expectClose(normCdf(-30), 4.906713927147908e-198, 0, 1e-12);
    expectClose(normPdf(1), 0.24197072451914337, 1e-17);
    expect(normPdf(Infinity)).toBe(0);
    expect(Number.isNaN(normCdf(NaN))).toBe(true);
  });

  it('Φ(x) + Φ(−x) = 1 and Φ′ = φ', () => {
    for (const x of [-5, -1.3, 0.2, 2.7]) {
      expectClose(normCdf(x) + normCdf(-x), 1, 1e-15);
      const h = 1e-5;
      expectClose((normCdf(x + h) - normCdf(x - h)) / (2 * h), normPdf(x), 1e-10);
    }
  });
});

describe('integrate (adaptive Gauss–Kronrod 7/15)', () => {
  it('is exact for polynomials up to degree 22 on one interval', () => {
    for (let n = 0; n <= 22; n++) {
      const r = integrate((x) => x ** n, -1, 2, { maxIntervals: 1 });
      expectClose(r.value, (2 ** (n + 1) - (-1) ** (n + 1)) / (n + 1), 0, 1e-13, `degree ${n}:`);
    }
  });

  it('adapts to peaked and oscillating integrands', () => {
    expectClose(integrate((x) => 1 / (1e-4 + x * x), -1, 1).value, 2 * 100 * Math.atan(100), 0, 1e-11);
    expectClose(integrate((x) => Math.cos(50 * x), 0, Math.PI / 3).value, Math.sin((50 * Math.PI) / 3) / 50, 1e-13);
    const r = integrate(Math.exp, 0, 1);
    expectClose(r.value, Math.E - 1, 1e-15);
    expect(r.error).toBeLessThan(1e-12);
  });
});
