/**
 * Scatter plots of point clouds, e.g. samples of a diffusion model against the data it was trained on.
 * Each series is capped at `maxPoints` points taken by an even stride ({@link strideIndices}), so that 10⁵
 * samples do not become 10⁵ SVG circles, and the subtitle says how many points are shown.
 */

import type { TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, show } from '../../errors.js';
import {
  checkSameLength,
  checkSeriesNames,
  defaultHeight,
  defaultWidth,
  plotConfig,
  plotTitle,
  plural,
  readNumbers,
  strideIndices,
} from './common.js';

export interface ScatterSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface ScatterPlotOptions {
  readonly series: readonly ScatterSeries[];
  readonly title: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Most points drawn per series (default 2000); larger series are subsampled deterministically. */
  readonly maxPoints?: number;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Vega-Lite spec of one point cloud per series, coloured by series name.
 *
 * @example
 * ```ts
 * const spec = scatterPlot({
 *   title: 'Diffusion samples against data', xLabel: 'x₁', yLabel: 'x₂',
 *   series: [{ name: 'data', x: dataX, y: dataY }, { name: 'model', x: sampleX, y: sampleY }],
 * });
 * scatterPlot({ title: 't', series: [{ name: 'a', x: [1, 2], y: [1] }] }); // throws PathwiseRangeError (lengths differ)
 * ```
 */
export function scatterPlot(options: ScatterPlotOptions): TopLevelSpec {
  const fn = 'scatterPlot';
  const names = checkSeriesNames(fn, options.series.map((s) => s.name));
  const maxPoints = options.maxPoints ?? 2000;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) {
    throw new PathwiseRangeError(`${fn}: maxPoints must be a positive integer, got ${show(maxPoints)}`);
  }
  const rows: { series: string; x: number; y: number }[] = [];
  const notes: string[] = [];
  let nonFinite = 0;
  for (const s of options.series) {
    const x = readNumbers(fn, `series ${JSON.stringify(s.name)}.x`, s.x);
    const y = readNumbers(fn, `series ${JSON.stringify(s.name)}.y`, s.y);
    checkSameLength(fn, 'x', x, 'y', y);
    const keep = strideIndices(x.length, maxPoints);
    if (keep.length < x.length) notes.push(`${s.name}: ${keep.length} of ${x.length} points shown (even stride).`);
    for (const i of keep) {
      if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) { nonFinite++; continue; }
      rows.push({ series: s.name, x: x[i]!, y: y[i]! });
    }
  }
  if (nonFinite > 0) notes.push(`${plural(nonFinite, 'point')} with NaN or infinite coordinates left out.`);
  // Smaller, fainter dots for dense clouds so overlapping series stay distinguishable.
  const dense = rows.length > 600;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plotTitle(options.title, notes),
    width: options.width ?? defaultWidth,
    height: options.height ?? defaultHeight,
    config: plotConfig,
    data: { values: rows },
    mark: { type: 'circle', size: dense ? 9 : 24, opacity: dense ? 0.45 : 0.75 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xLabel ?? 'x', scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: options.yLabel ?? 'y', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: names }, sort: names, legend: { symbolOpacity: 1 } },
    },
  };
}
