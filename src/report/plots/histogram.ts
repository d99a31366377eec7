/**
 * Histograms of per-sample values, e.g. the per-sample gradient estimates of two estimators side by side:
 * the score-function estimate spreads widely while the pathwise one may be a single spike (variance 0).
 * Values are binned in TypeScript ({@link binValues}) and the spec carries only the bars.
 */

import type { TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, show } from '../../errors.js';
import { formatNumber } from '../format-number.js';
import { binValues, defaultBinCount, robustRange } from './bin.js';
import { checkSeriesNames, defaultHeight, defaultWidth, plotConfig, plotTitle, plural, readNumbers } from './common.js';

export interface HistogramSeries {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

export interface HistogramOptions {
  readonly series: readonly HistogramSeries[];
  readonly title: string;
  readonly xLabel: string;
  /** Number of equal-width bins over the range drawn; default √n clamped to [10, 50]. */
  readonly bins?: number;
  /**
   * The x range binned and drawn, shared by all series. 'robust' (default): the bulk of every series
   * ({@link robustRange}), so that the far outliers of one series do not squeeze all the others into one
   * bar; values outside are not drawn and the subtitle says how many, per series, and how far they reach.
   * 'full': from the smallest to the largest finite value. Or an explicit [lo, hi].
   */
  readonly range?: 'robust' | 'full' | readonly [number, number];
  /** 'overlay' (default): translucent bars on one axis; 'facet': one row per series, each with its own y scale. */
  readonly layout?: 'overlay' | 'facet';
  /** Plot densities (count / (n · bin width)) instead of counts, so series of different sizes compare. */
  readonly density?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** One non-empty bin of one series. */
interface BinRow {
  series: string;
  start: number;
  end: number;
  count: number;
  density: number;
}

/**
 * Vega-Lite spec of one histogram per series over shared bin edges; empty bins are not drawn.
 *
 * @example
 * ```ts
 * const spec = histogram({
 *   title: 'Per-sample estimates of d/dμ E[x]', xLabel: 'estimate', layout: 'facet',
 *   series: [{ name: 'pathwise', values: new Float64Array(100_000).fill(1) },   // one bar: variance 0
 *            { name: 'score', values: scoreSamples }],
 * });
 * histogram({ title: 't', xLabel: 'x', series: [{ name: 'a', values: [1] }], bins: 0 }); // throws PathwiseRangeError
 * ```
 */
export function histogram(options: HistogramOptions): TopLevelSpec {
  const fn = 'histogram';
  const names = checkSeriesNames(fn, options.series.map((s) => s.name));
  const values = options.series.map((s) => readNumbers(fn, `series ${JSON.stringify(s.name)}.values`, s.values));
  const bins = options.bins ?? defaultBinCount(Math.max(...values.map((v) => v.length)));
  if (!Number.isInteger(bins) || bins < 1) {
    throw new PathwiseRangeError(`${fn}: bins must be a positive integer, got ${show(bins)}`);
  }
  const range = options.range ?? 'robust';
  if (Array.isArray(range) && !(range.length === 2 && Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0]! <= range[1]!)) {
    throw new PathwiseRangeError(`${fn}: range must be 'robust', 'full' or [lo, hi] with finite lo ≤ hi, got ${show(range)}`);
  }
  if (!Array.isArray(range) && range !== 'robust' && range !== 'full') {
    throw new PathwiseRangeError(`${fn}: range must be 'robust', 'full' or [lo, hi] with finite lo ≤ hi, got ${show(range)}`);
  }
  const drawn = range === 'full' ? undefined : range === 'robust' ? robustRange(values) : (range as readonly [number, number]);
  const { edges, counts, nonFinite, outside, identical } = binValues(values, bins, drawn);
  const rows: BinRow[] = [];
  counts.forEach((c, s) => {
    const finite = values[s]!.length - nonFinite[s]!;
    for (let k = 0; k < c.length; k++) {
      if (c[k] === 0) continue;
      const start = edges[k]!;
      const end = edges[k + 1]!;
      rows.push({ series: names[s]!, start, end, count: c[k]!, density: c[k]! / (finite * (end - start)) });
    }
  });

  const notes: string[] = [];
  const dropped = nonFinite.reduce((a, b) => a + b, 0);
  if (dropped > 0) notes.push(`${plural(dropped, 'value')} that are NaN or infinite left out.`);
  const left = outside.reduce((a, b) => a + b, 0);
  if (left > 0 && drawn !== undefined) {
    const which = names.flatMap((name, i) => {
      if (outside[i] === 0) return [];
      const out = values[i]!.filter((v) => Number.isFinite(v) && (v < drawn[0] || v > drawn[1]));
      const lo = Math.min(...out), hi = Math.max(...out);
      const where = lo === hi ? `at ${formatNumber(lo)}` : `from ${formatNumber(lo)} to ${formatNumber(hi)}`;
      return [`${name} ${outside[i]!.toLocaleString('en')} of ${values[i]!.length.toLocaleString('en')} (${where})`];
    });
    notes.push(`${plural(left, 'value')} outside the range drawn [${formatNumber(drawn[0])}, ${formatNumber(drawn[1])}] not shown: ${which.join('; ')}.`);
  }
  if (identical) notes.push(left > 0 ? 'All values in the range drawn are identical: one bar.' : 'All values are identical: one bar.');
  if (edges.length === 0) notes.push('No finite values to plot.');

  const density = options.density === true;
  const width = options.width ?? defaultWidth;
  const facet = options.layout === 'facet' && names.length > 1;
  const height = options.height ?? (facet ? Math.max(110, Math.round(defaultHeight / names.length)) : defaultHeight);
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: names }, sort: names } as const;
  const encoding = {
    x: { field: 'start', type: 'quantitative', bin: 'binned', title: options.xLabel, scale: { zero: false } },
    x2: { field: 'end' },
    y: { field: density ? 'density' : 'count', type: 'quantitative', title: density ? 'density' : 'count', stack: null },
    color,
  } as const;
  const mark = { type: 'bar', opacity: facet ? 0.85 : 0.55, binSpacing: 0, stroke: 'white', strokeWidth: 0.5 } as const;
  const common = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plotTitle(options.title, notes),
    config: plotConfig,
    data: { values: rows },
  } as const;
  if (facet) {
    return {
      ...common,
      facet: { row: { field: 'series', type: 'nominal', sort: names, header: { title: null, labelFontSize: 13 } } },
      resolve: { scale: { y: 'independent' } },
      spec: { width, height, mark, encoding: { ...encoding, color: { ...color, legend: null } } },
    };
  }
  return { ...common, width, height, mark, encoding };
}
