/**
 * Bar charts of estimates with error bars, e.g. one gradient estimated by pathwise, score function,
 * measure-valued and finite differences, each ± k·stderr, with the exact value as a reference rule.
 */

import type { TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, PathwiseTypeError, show } from '../../errors.js';
import { formatNumber } from '../format-number.js';
import { checkSameLength, defaultHeight, defaultWidth, plotConfig, plotTitle, plural, readNumbers, type LayerSpec } from './common.js';

export interface BarPlotOptions {
  readonly categories: readonly string[];
  readonly values: ArrayLike<number>;
  /** Standard errors; the bars get error bars value ± k·error. */
  readonly errors?: ArrayLike<number>;
  /** Multiplier of the errors (default 1.96: a 95% normal interval); the subtitle states it. */
  readonly k?: number;
  /** A horizontal rule at a known value (e.g. the closed-form gradient), labelled in the subtitle. */
  readonly reference?: { readonly value: number; readonly label: string };
  readonly title: string;
  /**
   * 'bar' (default): bars from zero. 'point': a dot per estimate on an axis that need not include zero;
   * better when estimates differ by little more than their errors, which bars from zero would flatten.
   */
  readonly style?: 'bar' | 'point';
  readonly yLabel?: string;
  readonly xLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Vega-Lite spec of one bar per category, optionally with error bars and a reference line.
 *
 * @example
 * ```ts
 * const spec = barPlot({
 *   title: '∂/∂φ E[z²] at φ = 0.5', yLabel: 'estimate',
 *   categories: ['pathwise', 'score', 'fd'], values: [2.648, 2.61, 2.66], errors: [0.004, 0.05, 0.01],
 *   reference: { value: 1 + Math.exp(0.5), label: 'exact 2φ + e^φ' },
 * });
 * barPlot({ title: 't', categories: ['a'], values: [1, 2] }); // throws PathwiseRangeError
 * barPlot({ title: 't', categories: ['a', 'b'], values: [2.64, 2.66], errors: [0.01, 0.02], style: 'point' }); // dots, y axis not from 0
 * ```
 */
export function barPlot(options: BarPlotOptions): TopLevelSpec {
  const fn = 'barPlot';
  const categories = options.categories;
  const seen = new Set<string>();
  for (const c of categories) {
    if (typeof c !== 'string') throw new PathwiseTypeError(`${fn}: categories must be strings, got ${show(c)}`);
    if (seen.has(c)) throw new PathwiseRangeError(`${fn}: category ${show(c)} is used twice`);
    seen.add(c);
  }
  const values = readNumbers(fn, 'values', options.values);
  checkSameLength(fn, 'categories', categories, 'values', values);
  const errors = options.errors === undefined ? undefined : readNumbers(fn, 'errors', options.errors);
  if (errors !== undefined) checkSameLength(fn, 'categories', categories, 'errors', errors);
  const k = options.k ?? 1.96;
  if (!(k > 0) || !Number.isFinite(k)) throw new PathwiseRangeError(`${fn}: k must be a positive number, got ${show(k)}`);

  const rows: { category: string; value: number; lower: number | null; upper: number | null; error: number | null }[] = [];
  let nonFinite = 0;
  categories.forEach((category, i) => {
    const value = values[i]!;
    if (!Number.isFinite(value)) { nonFinite++; return; }
    const e = errors?.[i];
    const ok = e !== undefined && Number.isFinite(e) && e >= 0;
    rows.push({ category, value, error: ok ? e : null, lower: ok ? value - k * e : null, upper: ok ? value + k * e : null });
  });

  const notes: string[] = [];
  if (errors !== undefined) notes.push(`Error bars: ± ${k} × standard error.`);
  if (options.reference !== undefined) notes.push(`Dashed line: ${options.reference.label} = ${formatNumber(options.reference.value, 6)}.`);
  if (nonFinite > 0) notes.push(`${plural(nonFinite, 'category')} with a NaN or infinite value not drawn.`);

  const x = { field: 'category', type: 'nominal', title: options.xLabel ?? null, sort: [...categories], axis: { labelAngle: 0 } } as const;
  const points = options.style === 'point';
  const y = { type: 'quantitative', title: options.yLabel ?? 'value', scale: { zero: !points } } as const;
  const main: LayerSpec = {
    mark: points
      ? { type: 'point', filled: true, size: 70, color: '#4c78a8', opacity: 1 }
      : { type: 'bar', color: '#4c78a8', opacity: 0.85, width: { band: 0.6 } },
    encoding: { x, y: { ...y, field: 'value' } },
  };
  const errorBars: LayerSpec[] = [];
  if (errors !== undefined) {
    errorBars.push({
      transform: [{ filter: 'datum.lower != null' }],
      mark: { type: 'rule', color: '#222', strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
    });
    for (const end of ['lower', 'upper'] as const) {
      errorBars.push({
        transform: [{ filter: 'datum.lower != null' }],
        mark: { type: 'tick', color: '#222', thickness: 1.5, size: 14 },
        encoding: { x, y: { ...y, field: end } },
      });
    }
  }
  const reference: LayerSpec[] = [];
  if (options.reference !== undefined) {
    reference.push({
      data: { values: [{ reference: options.reference.value, label: options.reference.label }] },
      mark: { type: 'rule', color: '#e45756', strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'reference', type: 'quantitative' } },
    });
  }
  // Drawn last is on top: bars under their error bars and the reference; dots over everything.
  const layers = points ? [...reference, ...errorBars, main] : [main, ...errorBars, ...reference];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plotTitle(options.title, notes),
    width: options.width ?? Math.min(defaultWidth, Math.max(160, 70 * categories.length)),
    height: options.height ?? defaultHeight,
    config: plotConfig,
    data: { values: rows },
    layer: layers,
  };
}
