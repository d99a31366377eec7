/**
 * Mergeable first and second moments of a stream of numbers: the count, the mean and M2 = Σ (x − mean)².
 *
 * Why this shape: a Monte Carlo run is cut into batches, threads and machines, and its result must not depend
 * on the cut. Each batch is summarized exactly (up to rounding) by (n, mean, M2), and two summaries combine by
 * the pairwise formula of Chan, Golub & LeVeque, "Updating formulae and a pairwise algorithm for computing
 * sample variances" (Stanford CS Report STAN-CS-79-773, 1979):
 *
 *   n = na + nb,  δ = mean_b − mean_a,  mean = mean_a + δ·nb/n,  M2 = M2a + M2b + δ²·na·nb/n.
 *
 * Within a batch we use the corrected two-pass algorithm (same report): a first pass for a provisional mean m,
 * a second for s1 = Σ (x − m) and s2 = Σ (x − m)²; then mean = m + s1/n and M2 = s2 − s1²/n. The correction
 * term cancels the rounding error of m to first order, so values like 1e9 + tiny noise keep their variance,
 * which the one-pass textbook formula Σx² − (Σx)²/n loses completely.
 */

import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';

/** Plain-JSON form of {@link Moments}, for sending a summary to another thread or machine. */
export interface MomentsJSON {
  readonly count: number;
  readonly mean: number;
  readonly m2: number;
}

/**
 * Count, mean and M2 of a stream of numbers, updated a batch at a time and merged pairwise.
 *
 * @example
 * ```ts
 * const a = new Moments().addBatch(new Float64Array([1, 2, 3]));
 * const b = Moments.of(new Float64Array([4, 5]));
 * a.merge(b);                 // same as one pass over [1, 2, 3, 4, 5]
 * a.mean;                     // 3
 * a.variance();               // 2.5 (unbiased)
 * Moments.fromJSON(JSON.parse(JSON.stringify(a))).mean; // 3
 * ```
 */
export class Moments {
  /** Number of values seen. */
  count = 0;
  /** Mean of the values seen (NaN before the first value). */
  mean = Number.NaN;
  /** Sum of squared deviations from the mean. */
  m2 = 0;

  /** Summary of one batch: `Moments.of(x)` is `new Moments().addBatch(x)`. */
  static of(values: Float64Array): Moments {
    return new Moments().addBatch(values);
  }

  /**
   * Adds `values[start .. end)` (by default all of them) in two passes over the memory. Returns `this`.
   * A NaN among the values makes mean and M2 NaN, as it should: it is never silently dropped. An empty
 * range (end ≤ start) adds nothing.
   */
  addBatch(values: Float64Array, start = 0, end = values.length): this {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= values.length)) {
      throw new PathwiseRangeError(
        `Moments.addBatch: range [${show(start)}, ${show(end)}) is not inside a batch of length ${values.length}`,
      );
    }
    const n = end - start;
    if (n <= 0) return this;
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i]!;
    const provisional = sum / n;
    let s1 = 0;
    let s2 = 0;
    for (let i = start; i < end; i++) {
      const d = values[i]! - provisional;
      s1 += d;
      s2 += d * d;
    }
    return this.mergeParts(n, provisional + s1 / n, s2 - (s1 * s1) / n);
  }

  /** Adds one value (Welford's update, which is the pairwise formula with nb = 1). Returns `this`. */
  add(value: number): this {
    return this.mergeParts(1, value, 0);
  }

  /** Merges another summary into this one (Chan et al. 1979). `other` is not changed. Returns `this`. */
  merge(other: Moments): this {
    return this.mergeParts(other.count, other.mean, other.m2);
  }

  /** Unbiased per-sample variance M2/(n − 1); NaN when fewer than two values have been seen. */
  variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : Number.NaN;
  }

  /** An independent copy. */
  clone(): Moments {
    return Moments.fromJSON(this.toJSON());
  }

  /** Plain object for JSON.stringify; the inverse is {@link Moments.fromJSON}. */
  toJSON(): MomentsJSON {
    return { count: this.count, mean: this.mean, m2: this.m2 };
  }

  /** Rebuilds a summary from its JSON form, checking that it is one. */
  static fromJSON(json: unknown): Moments {
    const o = json as Partial<Record<keyof MomentsJSON, unknown>> | null;
    if (o === null || typeof o !== 'object') {
      throw new PathwiseTypeError(`Moments.fromJSON: expected an object, got ${show(json)}`);
    }
    const count = readCount('Moments.fromJSON', o.count);
    const m = new Moments();
    m.count = count;
    // JSON has no NaN: JSON.stringify writes the empty summary's NaN mean as null.
    m.mean = count === 0 ? Number.NaN : readNumber('Moments.fromJSON', 'mean', o.mean);
    m.m2 = count === 0 ? 0 : readNumber('Moments.fromJSON', 'm2', o.m2);
    return m;
  }

  private mergeParts(nb: number, meanB: number, m2B: number): this {
    if (nb === 0) return this;
    const na = this.count;
    if (na === 0) {
      this.count = nb;
      this.mean = meanB;
      this.m2 = m2B;
      return this;
    }
    const n = na + nb;
    const delta = meanB - this.mean;
    this.mean += (delta * nb) / n;
    this.m2 += m2B + ((delta * delta * na) / n) * nb;
    this.count = n;
    return this;
  }
}

/** Checks a sample count read from JSON: a non-negative integer. @internal */
export function readCount(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PathwiseRangeError(`${fn}: count must be a non-negative integer, got ${show(value)}`);
  }
  return value;
}

/** Reads a number from JSON, where NaN was written as null. @internal */
export function readNumber(fn: string, name: string, value: unknown): number {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number') {
    throw new PathwiseTypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  }
  return value;
}
