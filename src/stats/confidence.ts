/**
 * Normal-theory confidence intervals and z-scores for {@link Estimate}s. By the central limit theorem the
 * mean of n i.i.d. samples with finite variance is approximately N(μ, stderr²), which is what these assume;
 * the tests of the library use |z| ≤ 5 rather than fixed tolerances on Monte Carlo numbers.
 */

import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { PathwiseRangeError, show } from '../errors.js';
import type { Estimate } from './estimate.js';

/** A two-sided interval [lower, upper] with its nominal coverage. */
export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/**
 * Two-sided normal confidence interval mean ± z·stderr with z = Φ⁻¹((1 + level)/2).
 *
 * @example
 * ```ts
 * confidenceInterval({ mean: 1, stderr: 0.1, n: 100 });        // { lower: 0.804…, upper: 1.195…, level: 0.95 }
 * confidenceInterval({ mean: 1, stderr: 0.1, n: 100 }, 0.99);  // half-width 0.2575…
 * confidenceInterval({ mean: 1, stderr: 0.1, n: 100 }, 1);     // throws PathwiseRangeError
 * ```
 */
export function confidenceInterval(e: Estimate, level = 0.95): ConfidenceInterval {
  if (!(level > 0 && level < 1)) {
    throw new PathwiseRangeError(`confidenceInterval: level must be in (0, 1), got ${show(level)}`);
  }
  const half = normalQuantile(0.5 + level / 2, 0, 1) * e.stderr;
  return { lower: e.mean - half, upper: e.mean + half, level };
}

/**
 * Standardized error (estimate − truth)/stderr: how many standard errors the estimate is from the truth.
 * A zero standard error gives 0 when the estimate is exact and ±Infinity otherwise.
 *
 * @example
 * ```ts
 * zScore({ mean: 1.02, stderr: 0.01, n: 1e4 }, 1);  // 2.0000000000000018
 * zScore({ mean: 1, stderr: 0, n: 10 }, 1);         // 0
 * ```
 */
export function zScore(e: Estimate, truth: number): number {
  const diff = e.mean - truth;
  if (e.stderr === 0) return diff === 0 ? 0 : diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return diff / e.stderr;
}
