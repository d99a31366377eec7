/**
 * Shared helpers of the distribution tests: the SciPy reference fixture, closeness at k·EPS relative
 * tolerance with messages that print inputs, difference and tolerance, and Monte Carlo z-scores.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface ReferenceCase {
  params: Record<string, number | number[] | number[][]>;
  x: (number | number[])[];
  logProb: Value[];
  cdf?: Value[];
  p?: Value[];
  icdf?: Value[];
  mean?: Value | Value[];
  variance?: Value | Value[];
  entropy?: Value;
  /** Far-tail points whose cdf is compared at a purely relative tolerance. */
  tail?: { x: number[]; cdf: Value[] };
}
type Value = number | 'NaN' | 'Infinity' | '-Infinity';

export function loadReference(): Record<string, ReferenceCase[]> {
  const url = new URL('../fixtures/distributions/scipy-reference.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, ReferenceCase[]>;
}

/** Decodes the fixture's spelling of non-finite numbers. */
export function value(v: Value): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}

/** |actual − expected| ≤ rtol·max(1, |expected|), or both the same non-finite value. */
export function expectClose(label: string, actual: number, expected: number, rtol: number): void {
  if (!Number.isFinite(expected)) {
    expect(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)), `${label}: got ${actual}, expected ${expected}`).toBe(true);
    return;
  }
  const tol = rtol * Math.max(1, Math.abs(expected));
  const diff = Math.abs(actual - expected);
  expect(diff <= tol, `${label}: got ${actual}, expected ${expected}, |diff| = ${diff} > tol ${tol}`).toBe(true);
}

/** Sample mean and its standard error. */
export function meanAndStderr(xs: ArrayLike<number>): { mean: number; stderr: number } {
  const n = xs.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i]! - m) ** 2;
  return { mean: m, stderr: Math.sqrt(v / (n - 1) / n) };
}

/** |estimate − truth| ≤ 5 standard errors (a zero-variance estimate must be exact to rounding). */
export function expectWithin5Se(label: string, estimate: number, truth: number, stderr: number): void {
  const z = estimate === truth ? 0 : (estimate - truth) / Math.max(stderr, 1e-15 * Math.max(1, Math.abs(truth)));
  expect(Math.abs(z) <= 5, `${label}: estimate ${estimate}, truth ${truth}, stderr ${stderr}, z = ${z}`).toBe(true);
}
