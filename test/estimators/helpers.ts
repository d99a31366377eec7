import { expect } from 'vitest';
import { checkWithinStderr } from '../../src/testing/index.js';

/** |estimate − truth| ≤ z·stderr, with a message that prints all three (the library's own check). */
export function expectWithin(est: { mean: number; stderr: number }, truth: number, z = 5, what = 'estimate'): void {
  checkWithinStderr(est, truth, z, what);
  expect(Number.isFinite(est.stderr)).toBe(true);
}

/** The sample variance of xs with the standard error of that variance (from the (x − x̄)² values). */
export function varianceWithError(xs: Float64Array): { mean: number; stderr: number } {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let s = 0, s2 = 0;
  for (const x of xs) {
    const d = (x - m) * (x - m);
    s += d;
    s2 += d * d;
  }
  const v = s / (n - 1);
  const mean2 = s / n;
  const varOfD = s2 / n - mean2 * mean2;
  return { mean: v, stderr: Math.sqrt(varOfD / n) };
}
