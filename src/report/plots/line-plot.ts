/**
 * Line plots with optional confidence bands: convergence of an estimate with the sample size, standard
 * error against n on log–log axes, a loss curve, a tangent process over time.
 *
 * Log axes are handled honestly: a point with x ≤ 0 (log x) or y ≤ 0 (log y) cannot be drawn, so it is
 * left out and the subtitle says how many were; the same for NaN/∞ values and for band limits ≤ 0 on a
 * log y axis (the line point stays, its band is left out there).
 */

import type { TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, show } from '../../errors.js';
import {
  checkSameLength,
  checkSeriesNames,
  defaultHeight,
  defaultWidth,
  plotConfig,
  type LayerSpec,
  plotTitle,
  plural,
  readNumbers,
} from './common.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/** One line: points (x[i], y[i]) and, optionally, a band from lower[i] to upper[i]. */
export interface LineSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
}

export interface LinePlotOptions {
  readonly series: readonly LineSeries[];
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Draw a dot at every point; default: only when every series has at most 40 points. */
  readonly points?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** One row of the inline data; `lower`/`upper` are null where the series has no band (or it was left out). */
interface LineRow {
  series: string;
  x: number;
  y: number;
  lower: number | null;
  upper: number | null;
}

/**
 * Vega-Lite spec of several lines with optional shaded bands and a legend by series name.
 *
 * @example
 * ```ts
 * const spec = linePlot({
 *   title: 'Standard error against n',
 *   xLabel: 'samples n', yLabel: 'stderr', logX: true, logY: true,
 *   series: [{ name: 'pathwise', x: [1e3, 1e4, 1e5], y: [0.03, 0.01, 0.003] },
 *            { name: 'score', x: [0, 1e3, 1e4], y: [1, 0.3, 0.1] }],      // x = 0 is left out, and the subtitle says so
 * });
 * const svg = await renderSvg(spec);
 * ```
 */
export function linePlot(options: LinePlotOptions): TopLevelSpec {
  const fn = 'linePlot';
  const names = checkSeriesNames(fn, options.series.map((s) => s.name));
  const logX = options.logX === true;
  const logY = options.logY === true;
  const rows: LineRow[] = [];
  // Why each point was left out, with the series it came from, for the subtitle.
  const omitted = {
    nonFinite: new Omissions('with NaN or infinite values left out'),
    nonPositiveX: new Omissions('with x ≤ 0 left out (log x axis)'),
    nonPositiveY: new Omissions('with y ≤ 0 left out (log y axis)'),
    band: new Omissions(`without band (limits not finite${logY ? ' or lower limit ≤ 0 on log y axis' : ''})`),
  };
  let anyBand = false;
  let maxLength = 0;
  for (const s of options.series) {
    const x = readNumbers(fn, `series ${JSON.stringify(s.name)}.x`, s.x);
    const y = readNumbers(fn, `series ${JSON.stringify(s.name)}.y`, s.y);
    checkSameLength(fn, 'x', x, 'y', y);
    if ((s.lower === undefined) !== (s.upper === undefined)) {
      throw new PathwiseRangeError(`${fn}: series ${show(s.name)} needs both lower and upper for a band, or neither`);
    }
    const lower = s.lower === undefined ? undefined : readNumbers(fn, `series ${JSON.stringify(s.name)}.lower`, s.lower);
    const upper = s.upper === undefined ? undefined : readNumbers(fn, `series ${JSON.stringify(s.name)}.upper`, s.upper);
    if (lower !== undefined && upper !== undefined) {
      checkSameLength(fn, 'x', x, 'lower', lower);
      checkSameLength(fn, 'x', x, 'upper', upper);
      anyBand = true;
    }
    maxLength = Math.max(maxLength, x.length);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      const yi = y[i]!;
      if (!Number.isFinite(xi) || !Number.isFinite(yi)) { omitted.nonFinite.add(s.name); continue; }
      if (logX && xi <= 0) { omitted.nonPositiveX.add(s.name); continue; }
      if (logY && yi <= 0) { omitted.nonPositiveY.add(s.name); continue; }
      let lo: number | null = lower === undefined ? null : lower[i]!;
      let hi: number | null = upper === undefined ? null : upper[i]!;
      if (lo !== null && hi !== null && (!Number.isFinite(lo) || !Number.isFinite(hi) || (logY && lo <= 0))) {
        omitted.band.add(s.name);
        lo = null;
        hi = null;
      }
      rows.push({ series: s.name, x: xi, y: yi, lower: lo, upper: hi });
    }
  }

  const notes = Object.values(omitted).flatMap((o) => o.note());

  // Stroke symbols at full opacity: the legend is built from the first layer, the faint band.
  const legend = { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2 } as const;
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: names }, sort: names, legend } as const;
  // The x domain is the data's: no rounding out to 1 000 000 for data that stop at 300 000. Integer x
  // (epochs, sample counts) gets integer ticks only: an epoch axis never reads 0.2, 0.4, …
  const integerX = rows.length > 0 && rows.every((r) => Number.isInteger(r.x));
  const x = {
    field: 'x',
    type: 'quantitative',
    title: options.xLabel,
    scale: logX ? ({ type: 'log', nice: false } as const) : ({ type: 'linear', zero: false, nice: false } as const),
    axis: logX ? logAxis(rows.map((r) => r.x)) : integerX ? { tickMinStep: 1, format: ',d' } : {},
  } as const;
  const yScale = logY ? ({ type: 'log', nice: false } as const) : ({ type: 'linear', zero: false } as const);
  const yValues = rows.flatMap((r) => (r.lower === null || r.upper === null ? [r.y] : [r.y, r.lower, r.upper]));
  const yAxis = logY ? logAxis(yValues) : {};
  const showPoints = options.points ?? maxLength <= 40;
  const layers: LayerSpec[] = [];
  if (anyBand) {
    layers.push({
      transform: [{ filter: 'datum.lower != null && datum.upper != null' }],
      mark: { type: 'area', opacity: 0.18 },
      encoding: { x, y: { field: 'lower', type: 'quantitative', title: options.yLabel, scale: yScale, axis: yAxis }, y2: { field: 'upper' }, color },
    });
  }
  layers.push({
    mark: { type: 'line', point: showPoints, strokeWidth: 2 },
    encoding: { x, y: { field: 'y', type: 'quantitative', title: options.yLabel, scale: yScale, axis: yAxis }, color },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plotTitle(options.title, notes),
    width: options.width ?? defaultWidth,
    height: options.height ?? defaultHeight,
    config: plotConfig,
    data: { values: rows },
    layer: layers,
  };
}

/**
 * Axis of a log scale: when three powers of ten or more lie within the data, ticks and grid lines at those
 * powers only. Vega's default labels 1, 2, 3, …, 10, 20, … crowd such axes and hide the slope a reader looks for
 * (stderr ∝ n^−1/2 is a straight line of slope −1/2 on log–log axes).
 */
function logAxis(values: readonly number[]): { values?: number[]; format?: string } {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return {};
  // Only the powers inside the data's range: the scale is not rounded out to whole decades.
  const min = Math.min(...positive), max = Math.max(...positive);
  const lo = Math.ceil(dmath.log10(min) - 1e-12);
  const hi = Math.floor(dmath.log10(max) + 1e-12);
  if (hi - lo >= 2) return { values: Array.from({ length: hi - lo + 1 }, (_, k) => Number(`1e${lo + k}`)), format: ',~g' };
  // Under two decades Vega's own log ticks (1–9 per decade) print over each other ("4,0005,000"): 1, 2, 5 per decade.
  const ticks: number[] = [];
  for (let e = lo - 1; e <= hi; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number(`${m}e${e}`);
      if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) ticks.push(v);
    }
  }
  return ticks.length >= 2 ? { values: ticks, format: ',~g' } : {};
}

/** Counts points left out for one reason and remembers which series they came from. */
class Omissions {
  private count = 0;
  private readonly series = new Set<string>();
  constructor(private readonly reason: string) {}
  add(series: string): void {
    this.count++;
    this.series.add(series);
  }
  note(): string[] {
    return this.count === 0 ? [] : [`${plural(this.count, 'point')} ${this.reason}: ${[...this.series].join(', ')}.`];
  }
}
