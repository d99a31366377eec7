/**
 * One way to print numbers in every table and caption of a report, terminal or HTML: a fixed number of
 * significant digits (default 4), integers in full, very large or very small magnitudes in exponent form.
 * Why fixed significant digits: Monte Carlo estimates are only good to a few digits (their standard error
 * says how many); printing 17 digits invites reading noise as signal, and a fixed count keeps columns even.
 */

import { PathwiseRangeError, show } from '../errors.js';
import type { TableCell } from './table-model.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/**
 * Formats a number with `digits` significant digits. Integers below 10¹⁵ in magnitude print in full
 * (sample counts, seeds); |x| < 10⁻⁴ or ≥ 10⁶ use exponent form; NaN and ±∞ print as words/symbols.
 * `digits` outside the integers 1…17 throws PathwiseRangeError.
 *
 * @example
 * ```ts
 * formatNumber(2.6487212707001282);  // '2.649'
 * formatNumber(0.0001234567);        // '0.0001235'
 * formatNumber(1.5e-7);              // '1.500e-7'
 * formatNumber(100000);              // '100000'
 * formatNumber(1234567.8);           // '1.235e6'
 * formatNumber(-0.5, 2);             // '-0.50'
 * formatNumber(NaN);                 // 'NaN'
 * formatNumber(-Infinity);           // '-∞'
 * ```
 */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new PathwiseRangeError(`formatNumber: digits must be an integer in [1, 17], got ${show(digits)}`);
  }
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  // Round first, then choose the notation from the rounded value: 9.99996 → 10.00, not 9.99996 → '10.000'.
  const rounded = Number(x.toPrecision(digits));
  const exponent = Math.floor(dmath.log10(Math.abs(rounded)));
  if (exponent < -4 || exponent >= 6) return rounded.toExponential(digits - 1).replace('e+', 'e');
  return rounded.toFixed(Math.max(0, digits - 1 - exponent));
}

/**
 * Formats one table cell: numbers by {@link formatNumber}, strings unchanged, null as an em dash.
 *
 * @example
 * ```ts
 * formatCell(0.123456);  // '0.1235'
 * formatCell('score');   // 'score'
 * formatCell(null);      // '—'
 * ```
 */
export function formatCell(cell: TableCell, digits = 4): string {
  if (cell === null) return '—';
  return typeof cell === 'number' ? formatNumber(cell, digits) : cell;
}
