/**
 * Goodness-of-fit helpers for the generator tests. Thresholds are set so that a correct generator fails
 * a check with probability about 1e-6 or less (KS, chi-square: p-value > 1e-6; z-scores: |z| < 5.3,
 * two-sided p ≈ 1.2e-7). With fewer than 60 such checks in test/random, the suite's false-alarm rate is
 * below 1e-4; the keys are fixed, so a given version either always passes or always fails.
 */
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import { expect } from 'vitest';
import { ksPValue, ksStatistic } from '../../src/testing/index.js';

export { ksPValue, ksStatistic };

export const P_MIN = 1e-6;
export const Z_MAX = 5.3;

/** Asserts a KS p-value above P_MIN, printing the statistic on failure. */
export function expectKS(label: string, xs: Float64Array, cdf: (x: number) => number): void {
  const d = ksStatistic(xs, cdf);
  const p = ksPValue(d, xs.length);
  expect(p, `${label}: KS D = ${d}, n = ${xs.length}, p = ${p} (need > ${P_MIN})`).toBeGreaterThan(P_MIN);
}

/** Chi-square test of integer samples against probabilities pmf(k); cells with expectation < 5 are pooled. */
export function expectChiSquare(label: string, xs: Float64Array, pmf: (k: number) => number, kMax: number): void {
  const n = xs.length;
  const counts = new Float64Array(kMax + 2);
  for (const x of xs) counts[Math.min(x, kMax + 1)]! += 1;
  let chi2 = 0;
  let df = -1;
  let poolObs = 0;
  let poolExp = 0;
  let tail = 1;
  for (let k = 0; k <= kMax; k++) {
    const e = n * pmf(k);
    tail -= pmf(k);
    poolObs += counts[k]!;
    poolExp += e;
    if (poolExp >= 5) {
      chi2 += (poolObs - poolExp) ** 2 / poolExp;
      df++;
      poolObs = 0;
      poolExp = 0;
    }
  }
  poolObs += counts[kMax + 1]!;
  poolExp += n * Math.max(tail, 0);
  if (poolExp > 0) {
    chi2 += (poolObs - poolExp) ** 2 / poolExp;
    df++;
  }
  const p = gammainc(chi2 / 2, df / 2, true, true);
  expect(p, `${label}: chi2 = ${chi2}, df = ${df}, p = ${p} (need > ${P_MIN})`).toBeGreaterThan(P_MIN);
}

/** Asserts the sample mean is within Z_MAX standard errors of `mean` (given the true variance). */
export function expectMean(label: string, xs: Float64Array, mean: number, variance: number): void {
  let s = 0;
  for (const x of xs) s += x;
  const m = s / xs.length;
  const z = (m - mean) / Math.sqrt(variance / xs.length);
  expect(Math.abs(z), `${label}: mean ${m}, expected ${mean}, z = ${z}`).toBeLessThan(Z_MAX);
}

/** Asserts the sample variance is within Z_MAX standard errors of `variance` (μ4 the fourth central moment). */
export function expectVariance(label: string, xs: Float64Array, mean: number, variance: number, mu4: number): void {
  let s = 0;
  for (const x of xs) s += (x - mean) ** 2;
  const v = s / xs.length;
  const z = (v - variance) / Math.sqrt((mu4 - variance * variance) / xs.length);
  expect(Math.abs(z), `${label}: variance ${v}, expected ${variance}, z = ${z}`).toBeLessThan(Z_MAX);
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
