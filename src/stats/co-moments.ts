/**
 * Mergeable means and covariance matrix of k columns: count, mean (k) and the co-moment matrix
 * C[i][j] = Σ (x_i − mean_i)(x_j − mean_j) (k × k, row-major, symmetric). The covariance is C/(n − 1).
 *
 * Why: optimal control-variate and baseline coefficients are regression slopes, β = cov(y, c)/var(c)
 * (e.g. y = f·s and c = s for a score-function baseline), and they must be estimated from the same mergeable
 * statistics as everything else. Within a batch: the corrected two-pass algorithm; across batches: the
 * pairwise co-moment update C = Ca + Cb + δ δᵀ·na·nb/n, the bivariate form of Chan, Golub & LeVeque (1979).
 * Cost is O(n k²) per batch, meant for the handful of columns a control variate needs.
 */

import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { readCount, readNumber } from './moments.js';

/** Plain-JSON form of {@link CoMoments}; `comoment` is the row-major k × k matrix. */
export interface CoMomentsJSON {
  readonly count: number;
  readonly mean: readonly (number | null)[];
  readonly comoment: readonly (number | null)[];
}

/**
 * Means and co-moments of rows of length k, batches row-major (`values[r * k + j]`).
 *
 * @example
 * ```ts
 * const cm = new CoMoments(2);
 * cm.addBatch(new Float64Array([1, 2, 2, 4, 3, 6])); // rows (1,2), (2,4), (3,6)
 * cm.covariance(0, 1);             // 2
 * cm.regressionCoefficient(1, 0);  // 2  = cov(x1, x0) / var(x0)
 * ```
 */
export class CoMoments {
  /** Number of rows seen. */
  count = 0;
  /** Column means (NaN before the first row). */
  readonly mean: Float64Array;
  /** Row-major k × k co-moment matrix Σ (x_i − mean_i)(x_j − mean_j). */
  readonly comoment: Float64Array;
  // Per-batch scratch, allocated once so addBatch allocates nothing.
  private readonly provisional: Float64Array;
  private readonly dev: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 1) {
      throw new PathwiseRangeError(`CoMoments: k must be a positive integer, got ${show(k)}`);
    }
    this.mean = new Float64Array(k).fill(Number.NaN);
    this.comoment = new Float64Array(k * k);
    this.provisional = new Float64Array(k);
    this.dev = new Float64Array(k);
    this.s1 = new Float64Array(k);
    this.s2 = new Float64Array(k * k);
  }

  /** Adds the rows of a row-major batch whose length is a multiple of k. Returns `this`. */
  addBatch(values: Float64Array): this {
    const k = this.k;
    if (values.length % k !== 0) {
      throw new PathwiseRangeError(
        `CoMoments.addBatch: batch length ${values.length} is not a multiple of k = ${k}`,
      );
    }
    const n = values.length / k;
    if (n === 0) return this;
    const m = this.provisional;
    const d = this.dev;
    const s1 = this.s1;
    const s2 = this.s2;
    m.fill(0);
    s1.fill(0);
    s2.fill(0);
    for (let o = 0; o < values.length; o += k) {
      for (let j = 0; j < k; j++) m[j]! += values[o + j]!;
    }
    for (let j = 0; j < k; j++) m[j]! /= n;
    for (let o = 0; o < values.length; o += k) {
      for (let i = 0; i < k; i++) {
        d[i] = values[o + i]! - m[i]!;
        s1[i]! += d[i]!;
      }
      // Upper triangle only; mirrored when merged.
      for (let i = 0; i < k; i++) {
        const di = d[i]!;
        for (let j = i; j < k; j++) s2[i * k + j]! += di * d[j]!;
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) s2[i * k + j]! -= (s1[i]! * s1[j]!) / n;
      s1[i] = m[i]! + s1[i]! / n; // s1 now holds the batch means
    }
    this.mergeParts(n, s1, s2);
    return this;
  }

  /** Merges another summary of the same width into this one. `other` is not changed. Returns `this`. */
  merge(other: CoMoments): this {
    if (other.k !== this.k) {
      throw new PathwiseRangeError(`CoMoments.merge: widths differ (${this.k} and ${other.k})`);
    }
    this.mergeParts(other.count, other.mean, other.comoment);
    return this;
  }

  /** Unbiased covariance of columns i and j; NaN when fewer than two rows have been seen. */
  covariance(i: number, j: number): number {
    return this.count > 1 ? this.comoment[i * this.k + j]! / (this.count - 1) : Number.NaN;
  }

  /** Unbiased variance of column j. */
  variance(j: number): number {
    return this.covariance(j, j);
  }

  /**
   * Slope of the least-squares regression of column `y` on column `c`: cov(y, c)/var(c). This is the
   * variance-minimizing coefficient β of the control variate y − β(c − E c); the (n − 1) factors cancel.
   */
  regressionCoefficient(y: number, c: number): number {
    return this.comoment[y * this.k + c]! / this.comoment[c * this.k + c]!;
  }

  /** Plain object for JSON.stringify; the inverse is {@link CoMoments.fromJSON}. */
  toJSON(): CoMomentsJSON {
    return { count: this.count, mean: Array.from(this.mean), comoment: Array.from(this.comoment) };
  }

  /** Rebuilds a summary from its JSON form, checking that it is one. */
  static fromJSON(json: unknown): CoMoments {
    const fn = 'CoMoments.fromJSON';
    const o = json as Partial<Record<keyof CoMomentsJSON, unknown>> | null;
    if (o === null || typeof o !== 'object' || !Array.isArray(o.mean) || !Array.isArray(o.comoment)) {
      throw new PathwiseTypeError(`${fn}: expected { count, mean: number[], comoment: number[] }, got ${show(json)}`);
    }
    const k = o.mean.length;
    if (o.comoment.length !== k * k) {
      throw new PathwiseRangeError(`${fn}: comoment has ${o.comoment.length} entries, expected ${k * k}`);
    }
    const cm = new CoMoments(k);
    cm.count = readCount(fn, o.count);
    for (let j = 0; j < k; j++) cm.mean[j] = readNumber(fn, 'mean', o.mean[j]);
    for (let j = 0; j < k * k; j++) cm.comoment[j] = readNumber(fn, 'comoment', o.comoment[j]);
    return cm;
  }

  // Pairwise update. Reads only the upper triangle of `cb`: a fresh batch fills nothing else.
  private mergeParts(nb: number, meanB: Float64Array, cb: Float64Array): void {
    if (nb === 0) return;
    const k = this.k;
    const na = this.count;
    const n = na + nb;
    const w = na === 0 ? 0 : (na / n) * nb;
    const delta = this.dev;
    for (let i = 0; i < k; i++) delta[i] = na === 0 ? 0 : meanB[i]! - this.mean[i]!;
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const v = this.comoment[i * k + j]! + cb[i * k + j]! + delta[i]! * delta[j]! * w;
        this.comoment[i * k + j] = v;
        this.comoment[j * k + i] = v;
      }
      this.mean[i] = na === 0 ? meanB[i]! : this.mean[i]! + (delta[i]! * nb) / n;
    }
    this.count = n;
  }
}
