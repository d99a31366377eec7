/**
 * What every plot spec shares: the look (one config so all figures of a report match), the default size,
 * validation of the plain data arrays the plot functions take, and the subtitle that tells the reader
 * which data points were left out and why.
 *
 * Why a shared subtitle: a plot that silently drops points (zeros on a log axis, NaN estimates, a subsample
 * of a large sample) misleads; pathwise's promise is honest numbers, so every omission is stated on the plot.
 */

import type { Config, TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, PathwiseTypeError, show } from '../../errors.js';

/** One layer of a layered Vega-Lite spec (vega-lite exports no name for it). */
export type LayerSpec = NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']>[number];

/** Generic font family: resolves to a readable face on every machine, needs no web font, works offline. */
export const plotFont = 'sans-serif';

/**
 * Default drawing area of one plot (inner size, without axes and legend), in pixels: with axes and legend
 * about 720 px wide, which fills the report's 950 px column without scaling the 13 px labels down.
 */
export const defaultWidth = 560;
export const defaultHeight = 300;

/** Vega-Lite config shared by all plots of the report layer. */
export const plotConfig: Config = {
  font: plotFont,
  background: 'white',
  padding: 8,
  view: { stroke: '#d0d0d0' },
  axis: {
    gridColor: '#ececec',
    domainColor: '#888',
    tickColor: '#888',
    labelColor: '#333',
    titleColor: '#222',
    labelFontSize: 13,
    titleFontSize: 14,
    titleFontWeight: 'normal',
  },
  legend: { labelFontSize: 13, titleFontSize: 13, titleFontWeight: 'normal', labelLimit: 260 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  title: { fontSize: 17, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 13, subtitleColor: '#555', offset: 12 },
  range: { category: { scheme: 'tableau10' } },
};

/** Title with an optional subtitle (one line per note); an empty note list gives a plain title. */
export function plotTitle(title: string, notes: readonly string[]): { text: string; subtitle?: string[] } {
  return notes.length === 0 ? { text: title } : { text: title, subtitle: [...notes] };
}

/** Copies an array of numbers after checking it is one, naming the function and the parameter on failure. */
export function readNumbers(fn: string, name: string, values: unknown): number[] {
  if (!Array.isArray(values) && !(values instanceof Float64Array) && !(values instanceof Float32Array)) {
    throw new PathwiseTypeError(`${fn}: ${name} must be an array of numbers, got ${show(values)}`);
  }
  const out = Array.from(values as ArrayLike<unknown>);
  for (let i = 0; i < out.length; i++) {
    if (typeof out[i] !== 'number') {
      throw new PathwiseTypeError(`${fn}: ${name}[${i}] must be a number, got ${show(out[i])}`);
    }
  }
  return out as number[];
}

/** Throws unless `b` has the length of `a`; used for x/y and band arrays of one series. */
export function checkSameLength(fn: string, nameA: string, a: ArrayLike<unknown>, nameB: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new PathwiseRangeError(`${fn}: ${nameB} has length ${b.length} but ${nameA} has length ${a.length}`);
  }
}

/**
 * Throws unless the series names are non-empty and distinct: the legend and the colour scale are keyed
 * by name, so two series with one name would be merged into one line without a word.
 */
export function checkSeriesNames(fn: string, names: readonly unknown[]): string[] {
  if (names.length === 0) throw new PathwiseRangeError(`${fn}: series must not be empty`);
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new PathwiseTypeError(`${fn}: every series needs a non-empty name, got ${show(name)}`);
    }
    if (seen.has(name)) throw new PathwiseRangeError(`${fn}: series name ${show(name)} is used twice`);
    seen.add(name);
  }
  return [...seen];
}

/** "1 value" / "3 values": notes read as sentences. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Indices of at most `max` of `n` items, evenly spaced and always the same for the same (n, max).
 * Why evenly spaced rather than random: reports must be reproducible bit for bit, and Monte Carlo samples
 * are already in random order, so a stride is an unbiased subsample of them.
 */
export function strideIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Array<number>(max);
  for (let i = 0; i < max; i++) out[i] = Math.floor((i * n) / max);
  return out;
}
