/**
 * Histogram binning done in TypeScript, so that a plot of 10⁵ Monte Carlo samples carries a few dozen
 * (start, end, count) rows instead of 10⁵ values: the SVG, the HTML and report.json stay small.
 *
 * All series share one set of edges, so overlaid or stacked-in-rows histograms are comparable bar for bar.
 * A zero-width range (every value identical, e.g. the pathwise estimate of d/dμ E[x], which is exactly 1
 * for every sample) gets one bin around the value instead of NaN edges from a division by zero.
 */

/** Shared edges (length bins + 1) and, per series, counts (length bins) and how many values were not finite. */
export interface Binned {
  readonly edges: number[];
  readonly counts: number[][];
  readonly nonFinite: number[];
  /** True when every finite value of every series is the same number (then there is exactly one bin). */
  readonly identical: boolean;
}

/** Default bin count: √n clamped to [10, 50], enough to show a shape without a comb of one-sample bars. */
export function defaultBinCount(maxSeriesLength: number): number {
  return Math.min(50, Math.max(10, Math.ceil(Math.sqrt(maxSeriesLength))));
}

/**
 * Counts values of each series into `bins` equal-width bins spanning the finite values of all series;
 * the last bin is closed on the right so the maximum is counted. NaN and ±∞ are counted separately.
 *
 * @example
 * ```ts
 * binValues([[0, 1, 2, 3]], 3);   // { edges: [0, 1, 2, 3], counts: [[1, 1, 2]], nonFinite: [0], identical: false }
 * binValues([[1, 1, 1]], 20);     // one bin: { edges: [0.95, 1.05], counts: [[3]], nonFinite: [0], identical: true }
 * binValues([[NaN]], 5);          // no finite values: { edges: [], counts: [[]], nonFinite: [1], identical: false }
 * ```
 */
export function binValues(series: readonly ArrayLike<number>[], bins: number): Binned {
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
  if (min > max) return { edges: [], counts: series.map(() => []), nonFinite, identical: false };

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
      if (!Number.isFinite(v)) continue;
      // v − lo overflows for ranges near ±1.8e308; then divide first. Rounding can put the maximum at
      // index `count`, and NaN only arises from absurd ranges: both go to the last bin.
      let t = (v - lo) / width;
      if (!Number.isFinite(t)) t = v / width - lo / width;
      const k = Number.isNaN(t) ? count - 1 : Math.min(count - 1, Math.max(0, Math.floor(t)));
      c[k]!++;
    }
    return c;
  });
  return { edges, counts, nonFinite, identical };
}
