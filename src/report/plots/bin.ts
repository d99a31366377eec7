/**
 * Histogram binning done in TypeScript, so that a plot of 10⁵ Monte Carlo samples carries a few dozen
 * (start, end, count) rows instead of 10⁵ values: the SVG, the HTML and report.json stay small.
 *
 * All series share one set of edges, so overlaid or stacked-in-rows histograms are comparable bar for bar.
 * A zero-width range (every value identical, e.g. the pathwise estimate of d/dμ E[x], which is exactly 1
 * for every sample) gets one bin around the value instead of NaN edges from a division by zero.
 */

/**
 * Shared edges (length bins + 1) and, per series, counts (length bins), how many values were not finite and
 * how many finite values fell outside the range binned (always 0 without a range).
 */
export interface Binned {
  readonly edges: number[];
  readonly counts: number[][];
  readonly nonFinite: number[];
  readonly outside: number[];
  /** True when every finite value of every series is the same number (then there is exactly one bin). */
  readonly identical: boolean;
}

/** Default bin count: √n clamped to [10, 50], enough to show a shape without a comb of one-sample bars. */
export function defaultBinCount(maxSeriesLength: number): number {
  return Math.min(50, Math.max(10, Math.ceil(Math.sqrt(maxSeriesLength))));
}

/** Quantile p of sorted values (linear interpolation between order statistics). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const k = Math.floor(h);
  const a = sorted[k]!;
  const b = sorted[Math.min(sorted.length - 1, k + 1)]!;
  return a === b ? a : a + (h - k) * (b - a);
}

/**
 * A range that shows the bulk of every series and leaves out only far outliers: per series, the bulk
 * runs from the lower of its 0.5 % quantile and Q1 − 3·IQR to the higher of its 99.5 % quantile and
 * Q3 + 3·IQR; it is widened by half its width on each side (within the minimum and maximum); then the
 * union over series. So at most 1 % of a series falls outside, and a normal sample loses nothing
 * (Q3 + 3·IQR is already 4.7σ). Why: one estimator whose per-sample values reach
 * 5000 (finite differences at a jump, 2 samples in 20 000) must not squeeze every other histogram into a
 * single bar at 0. Undefined when no series has a finite value.
 *
 * @example
 * ```ts
 * const fd = new Array(20_000).fill(0); fd[7] = 5000; fd[9000] = 5000;
 * robustRange([fd, [-1.2, 0.3, 0.8, 2.1]]);   // [-1.2, 2.1]: the two values 5000 lie outside
 * robustRange([[1, 2, 3, 4, 100]]);            // [1, 100]: too few values to call 100 an outlier
 * ```
 */
export function robustRange(series: readonly ArrayLike<number>[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of series) {
    const sorted = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) continue;
    const q1 = quantile(sorted, 0.25), q3 = quantile(sorted, 0.75), iqr = q3 - q1;
    // Tail quantiles rounded outward to an order statistic: with fewer than 200 values they are the extremes.
    const last = sorted.length - 1;
    const bulkLow = Math.min(sorted[Math.floor(0.005 * last)]!, q1 - 3 * iqr);
    const bulkHigh = Math.max(sorted[Math.ceil(0.995 * last)]!, q3 + 3 * iqr);
    // Widened by half its width: a smooth tail just past the quantile stays in; only far outliers leave.
    const margin = (bulkHigh - bulkLow) / 2;
    const low = Math.max(sorted[0]!, bulkLow - margin);
    const high = Math.min(sorted[last]!, bulkHigh + margin);
    lo = Math.min(lo, low);
    hi = Math.max(hi, high);
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/**
 * Counts values of each series into `bins` equal-width bins spanning `range` (default: the finite values of
 * all series); the last bin is closed on the right so the maximum is counted. NaN and ±∞ are counted
 * separately, and so are finite values outside `range`.
 *
 * @example
 * ```ts
 * binValues([[0, 1, 2, 3]], 3);   // { edges: [0, 1, 2, 3], counts: [[1, 1, 2]], nonFinite: [0], outside: [0], identical: false }
 * binValues([[1, 1, 1]], 20);     // one bin: { edges: [0.95, 1.05], counts: [[3]], nonFinite: [0], outside: [0], identical: true }
 * binValues([[NaN]], 5);          // no finite values: { edges: [], counts: [[]], nonFinite: [1], outside: [0], identical: false }
 * binValues([[0, 1, 2, 50]], 2, [0, 2]);   // { edges: [0, 1, 2], counts: [[1, 2]], nonFinite: [0], outside: [1], identical: false }
 * ```
 */
export function binValues(series: readonly ArrayLike<number>[], bins: number, range?: readonly [number, number]): Binned {
  let min = Infinity;
  let max = -Infinity;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  const nonFinite = series.map((values) => {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) count++;
    return count;
  });
  if (range !== undefined && min <= max) [min, max] = range;
  const outside = series.map((values) => {
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && (v < min || v > max)) count++;
    }
    return count;
  });
  if (min > max) return { edges: [], counts: series.map(() => []), nonFinite, outside, identical: false };

  let lo = min;
  // max/bins − min/bins rather than (max − min)/bins: the difference of two huge values would overflow.
  let width = max / bins - min / bins;
  let count = bins;
  // A width that underflows to 0 (range of a few ulps) is treated like identical values.
  const identical = min === max || !(width > 0);
  // A zero width would put every value at index NaN (0/0); one bin of 10% of the value (or ±0.5 at 0) instead.
  if (identical) {
    const half = min === 0 ? 0.5 : Math.abs(min) * 0.05;
    lo = min - half;
    width = 2 * half;
    count = 1;
  }
  // Edges as convex combinations of the ends (no overflow for ranges near ±1.8e308); the last edge is max exactly.
  const hi = identical ? lo + width : max;
  const edges = Array.from({ length: count + 1 }, (_, k) => (k === count ? hi : lo * (1 - k / count) + hi * (k / count)));
  const counts = series.map((values) => {
    const c = new Array<number>(count).fill(0);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v) || v < min || v > max) continue;
      // v − lo overflows for ranges near ±1.8e308; then divide first. Rounding can put the maximum at
      // index `count`, and NaN only arises from absurd ranges: both go to the last bin.
      let t = (v - lo) / width;
      if (!Number.isFinite(t)) t = v / width - lo / width;
      const k = Number.isNaN(t) ? count - 1 : Math.min(count - 1, Math.max(0, Math.floor(t)));
      c[k]!++;
    }
    return c;
  });
  return { edges, counts, nonFinite, outside, identical };
}
