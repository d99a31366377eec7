/**
 * The order fitter on errors whose law is known: per-path errors C·h^p·(1 + d·h^r)·U with U ~ Exp(1) shared by
 * the levels up to a small independent part (correlated levels, as on common Brownian paths). Over 200
 * seeds the fitted order's standard error matches the spread of the fitted orders, and |p̂ − p| ≤ 5·stderr.
 */
import { describe, expect, it } from 'vitest';
import { strongOrderFit } from './order-fit.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('strongOrderFit', () => {
  it('recovers a known order with an honest standard error (200 seeds)', () => {
    const hs = [1 / 16, 1 / 32, 1 / 64, 1 / 128, 1 / 256], p = 1, d = -0.8, r = 0.5, n = 2000;
    const fits: number[] = [], ses: number[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const u = mulberry32(seed);
      const shared = Array.from({ length: n }, () => -Math.log(1 - u()));
      const perPath = hs.map((h) => Float64Array.from(shared, (s) => h ** p * (1 + d * h ** r) * (0.8 * s - 0.2 * Math.log(1 - u()))));
      const f = strongOrderFit(hs, perPath, r);
      expect(Math.abs(f.p - p)).toBeLessThanOrEqual(5 * f.stderr);
      fits.push(f.p);
      ses.push(f.stderr);
    }
    const mean = fits.reduce((a, b) => a + b) / fits.length;
    const sd = Math.sqrt(fits.reduce((a, b) => a + (b - mean) ** 2, 0) / (fits.length - 1));
    const se = ses.reduce((a, b) => a + b) / ses.length;
    expect(Math.abs(mean - p)).toBeLessThanOrEqual(5 * sd / Math.sqrt(fits.length));
    expect(se / sd).toBeGreaterThan(0.85);
    expect(se / sd).toBeLessThan(1.15);
  });
});
