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
  /**
   * 'equal' (default): one unit is as long on x as on y, so a circle of samples looks round and a spiral
   * keeps its shape; the plot's height follows the data's aspect (within a third and 1.2 times the width).
   * 'free': each axis spans its own data.
   */
  readonly aspect?: 'equal' | 'free';
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
  const aspect = options.aspect ?? 'equal';
  if (aspect !== 'equal' && aspect !== 'free') throw new PathwiseRangeError(`${fn}: aspect must be 'equal' or 'free', got ${show(aspect)}`);
  const equal = aspect === 'equal' ? equalAspect(rows, options.width ?? defaultWidth, options.height) : undefined;
  const xScale = equal === undefined ? { zero: false } : { zero: false, nice: false, domain: equal.x };
  const yScale = equal === undefined ? { zero: false } : { zero: false, nice: false, domain: equal.y };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plotTitle(options.title, notes),
    width: options.width ?? defaultWidth,
    height: equal?.height ?? options.height ?? defaultHeight,
    config: plotConfig,
    data: { values: rows },
    mark: { type: 'circle', size: dense ? 9 : 24, opacity: dense ? 0.45 : 0.75 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xLabel ?? 'x', scale: xScale },
      y: { field: 'y', type: 'quantitative', title: options.yLabel ?? 'y', scale: yScale },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: names }, sort: names, legend: { symbolOpacity: 1 } },
    },
  };
}

/**
 * Domains and height for equal units on both axes: the data's box with a 4 % margin, the height chosen
 * from its aspect (clamped to [width/3, 1.2·width]) unless given, and the shorter side's domain widened
 * about its centre so that a unit spans the same number of pixels on x and y.
 */
function equalAspect(rows: readonly { x: number; y: number }[], width: number, fixedHeight: number | undefined):
  { x: [number, number]; y: [number, number]; height: number } | undefined {
  if (rows.length === 0) return undefined;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const r of rows) {
    x0 = Math.min(x0, r.x); x1 = Math.max(x1, r.x);
    y0 = Math.min(y0, r.y); y1 = Math.max(y1, r.y);
  }
  // A single point or a line along one axis still gets a square box around it.
  const span = Math.max(x1 - x0, y1 - y0) || Math.max(Math.abs(x0), Math.abs(y0), 1);
  const dx = Math.max(x1 - x0, span * 1e-3) * 1.08, dy = Math.max(y1 - y0, span * 1e-3) * 1.08;
  const height = fixedHeight ?? Math.round(Math.min(1.2 * width, Math.max(width / 3, (width * dy) / dx)));
  const perPixel = Math.max(dx / width, dy / height);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return {
    x: [cx - (perPixel * width) / 2, cx + (perPixel * width) / 2],
    y: [cy - (perPixel * height) / 2, cy + (perPixel * height) / 2],
    height,
  };
}
