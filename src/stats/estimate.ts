/**
 * The result type of every Monte Carlo number in pathwise: `{ mean, stderr, n }`, never a bare number.
 * stderr = sqrt(s²/n) with s² the unbiased per-sample variance, i.e. the standard error of the mean of n
 * independent samples.
 */

import type { Moments } from './moments.js';

/** A Monte Carlo estimate with its standard error and the number of samples behind it. */
export interface Estimate {
  readonly mean: number;
  readonly stderr: number;
  readonly n: number;
}

/**
 * The estimate of the mean summarized by `m`. With fewer than two samples the standard error is unknown: NaN.
 *
 * @example
 * ```ts
 * estimate(Moments.of(new Float64Array([1, 2, 3, 4]))); // { mean: 2.5, stderr: 0.6454…, n: 4 }
 * estimate(new Moments());                              // { mean: NaN, stderr: NaN, n: 0 }
 * ```
 */
export function estimate(m: Moments): Estimate {
  return fromParts(m.mean, m.variance(), m.count);
}

/** What {@link estimates} reads: a {@link VectorMoments} or a {@link CoMoments}. */
export interface ColumnMoments {
  readonly k: number;
  readonly count: number;
  readonly mean: Float64Array;
  variance(j: number): number;
}

/**
 * One estimate per column of a VectorMoments or CoMoments (one per parameter of a gradient).
 *
 * @example
 * ```ts
 * const vm = new VectorMoments(2).addBatch(new Float64Array([1, 0, 3, 0]));
 * estimates(vm); // [{ mean: 2, stderr: 1, n: 2 }, { mean: 0, stderr: 0, n: 2 }]
 * ```
 */
export function estimates(vm: ColumnMoments): Estimate[] {
  const out: Estimate[] = [];
  for (let j = 0; j < vm.k; j++) out.push(fromParts(vm.mean[j]!, vm.variance(j), vm.count));
  return out;
}

/**
 * Estimate of the mean of `values` in one call (two passes, see moments.ts).
 *
 * @example
 * ```ts
 * estimateOf(new Float64Array([2, 2, 2])); // { mean: 2, stderr: 0, n: 3 }
 * ```
 */
export function estimateOf(values: Float64Array): Estimate {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, stderr: Number.NaN, n: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const m = sum / n;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    s1 += d;
    s2 += d * d;
  }
  const variance = n > 1 ? (s2 - (s1 * s1) / n) / (n - 1) : Number.NaN;
  return fromParts(m + s1 / n, variance, n);
}

function fromParts(mean: number, variance: number, n: number): Estimate {
  // max(0, ·): the corrected two-pass M2 can round to a tiny negative for constant data.
  return { mean, stderr: Math.sqrt(Math.max(0, variance) / n), n };
}
