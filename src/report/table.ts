/**
 * Tables for the terminal: aligned columns, numbers right-aligned with a fixed number of significant
 * digits ({@link formatNumber}), and ANSI colour only when the caller asks for it. The CLI decides
 * (a TTY and no NO_COLOR); this module never looks at the environment, so it also runs in a browser.
 *
 * Cell text is sanitized: a series name containing an escape sequence must not be able to move the cursor
 * or recolour the user's terminal, so control characters are replaced before printing.
 */

import { PathwiseRangeError, show } from '../errors.js';
import { formatCell } from './format-number.js';
import { resolveColumns, type Table } from './table-model.js';

export interface FormatTableOptions {
  /** Bold header and caption, dim rule and em dashes (ANSI SGR codes). */
  readonly color: boolean;
  /**
   * Widest line allowed, in terminal columns (e.g. the terminal's width); default: no limit. A table wider
   * than this first wraps its text columns (word by word, down to {@link MIN_WRAP} columns each), then
   * prints a last text column (a note) indented under its row, then leaves out columns from the right and
   * says which in a last line. The caption wraps too.
   */
  readonly width?: number;
}

/** Narrowest a wrapped text column becomes (or its header's width, if wider). */
export const MIN_WRAP = 16;

/** Indent of a last text column printed under its row. */
const INDENT = '    ';

const bold = (s: string): string => `\u001b[1m${s}\u001b[22m`;
const dim = (s: string): string => `\u001b[2m${s}\u001b[22m`;

/**
 * Replaces control characters (C0, DEL, C1 — which include ESC and CSI) by U+FFFD and line breaks by
 * spaces, so user-provided text prints on one line and cannot inject terminal escape sequences.
 *
 * @example
 * ```ts
 * sanitizeTerminalText('a\nb');          // 'a b'
 * sanitizeTerminalText('\u001b[31mred'); // === '\uFFFD[31mred'
 * ```
 */
export function sanitizeTerminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** Display width in code points; wide (CJK) characters count as one, which is good enough for our labels. */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/**
 * Breaks text into lines of at most `w` columns at spaces; a word longer than `w` is cut. Never returns
 * an empty list, and no line ends with a space.
 *
 * @example
 * ```ts
 * wrapText('built on the pathwise delta', 12);   // ['built on the', 'pathwise', 'delta']
 * wrapText('abcdefgh', 3);                      // ['abc', 'def', 'gh']
 * ```
 */
export function wrapText(text: string, w: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((x) => x !== '')) {
    let rest = [...word];
    if (line !== '' && width(line) + 1 + rest.length <= w) { line += ` ${word}`; continue; }
    if (line !== '') lines.push(line);
    while (rest.length > w) { lines.push(rest.slice(0, w).join('')); rest = rest.slice(w); }
    line = rest.join('');
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Formats a table as aligned text lines (no trailing newline): optional caption, header, a rule, rows.
 * No line ends with a space. With `width`, no line is wider than `width` (see {@link FormatTableOptions}).
 *
 * @example
 * ```ts
 * formatTable({
 *   caption: 'd/dφ E[z²] at φ = 0.5 (exact 2.649)',
 *   columns: ['estimator', 'mean', 'stderr', { name: 'n', digits: 1 }],
 *   rows: [['pathwise', 2.6487, 0.00081234, 100000], ['score', 2.61, 0.0473, 100000], ['fd', NaN, null, 0]],
 * }, { color: false });
 * // d/dφ E[z²] at φ = 0.5 (exact 2.649)
 * // estimator   mean     stderr       n
 * // ─────────  ─────  ─────────  ──────
 * // pathwise   2.649  0.0008123  100000
 * // score      2.610    0.04730  100000
 * // fd           NaN          —       0
 * formatTable({ columns: ['method', 'note'], rows: [['lr', 'the payoff jumps in spot']] }, { color: false, width: 26 });
 * // method  note
 * // ──────  ────────────────
 * // lr      the payoff jumps
 * //         in spot
 * ```
 */
export function formatTable(table: Table, options: FormatTableOptions): string {
  const columns = resolveColumns(table, 'formatTable');
  const limit = options.width;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new PathwiseRangeError(`formatTable: width must be a positive integer, got ${show(limit)}`);
  }
  const header = columns.map((c) => sanitizeTerminalText(c.name));
  const body = table.rows.map((row) =>
    row.map((cell, c) => (typeof cell === 'string' ? sanitizeTerminalText(cell).trim() : formatCell(cell, columns[c]!.digits))),
  );
  const natural = columns.map((_, c) => Math.max(width(header[c]!), ...body.map((row) => width(row[c]!))));
  const gap = '  ';
  // Text columns give way first, the widest first, down to MIN_WRAP (or their header); numbers never wrap.
  const floor = columns.map((c, i) => (c.align === 'left' && i > 0 ? Math.min(natural[i]!, Math.max(MIN_WRAP, width(header[i]!))) : natural[i]!));
  const fitWidths = (shown: readonly number[]): { widths: number[]; total: number } => {
    const widths = [...natural];
    const total = () => shown.reduce((sum, c) => sum + widths[c]!, 0) + gap.length * (shown.length - 1);
    if (limit === undefined) return { widths, total: total() };
    for (let excess = total() - limit; excess > 0; excess = total() - limit) {
      const widest = shown.filter((c) => widths[c]! > floor[c]!).sort((a, b) => widths[b]! - widths[a]!)[0];
      if (widest === undefined) break;
      widths[widest] = Math.max(floor[widest]!, widths[widest]! - excess);
    }
    return { widths, total: total() };
  };
  const shown = columns.map((_, c) => c);
  let { widths, total } = fitWidths(shown);
  // Still too wide: a last text column (a note) moves under its row, where it has the whole width.
  const last = columns.length - 1;
  const below = limit !== undefined && total > limit && last > 0 && columns[last]!.align === 'left' ? shown.pop()! : undefined;
  if (below !== undefined) ({ widths, total } = fitWidths(shown));
  const dropped: string[] = [];
  // Still too wide: columns leave from the right, the first (the row's name) always stays.
  while (limit !== undefined && total > limit && shown.length > 1) {
    dropped.unshift(header[shown.pop()!]!);
    ({ widths, total } = fitWidths(shown));
  }
  const color = options.color;
  const lines: string[] = [];
  if (table.caption !== undefined) {
    const caption = sanitizeTerminalText(table.caption);
    for (const line of limit === undefined ? [caption] : wrapText(caption, limit)) lines.push(color ? bold(line) : line);
  }
  const headerLine = shown.map((c) => pad(header[c]!, widths[c]!, columns[c]!.align)).join(gap).trimEnd();
  lines.push(color ? bold(headerLine) : headerLine);
  const rule = shown.map((c) => '─'.repeat(widths[c]!)).join(gap);
  lines.push(color ? dim(rule) : rule);
  table.rows.forEach((row, r) => {
    const wrapped = shown.map((c) => (columns[c]!.align === 'left' ? wrapText(body[r]![c]!, widths[c]!) : [body[r]![c]!]));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      const cells = shown.map((c, i) => {
        const text = pad(wrapped[i]![k] ?? '', widths[c]!, columns[c]!.align);
        // Dim only the dash, so that the padding stays outside the escape codes and trims away.
        return color && row[c] === null && k === 0 ? text.replace('—', dim('—')) : text;
      });
      lines.push(cells.join(gap).trimEnd());
    }
    const under = below === undefined ? '' : body[r]![below]!;
    if (under !== '') lines.push(...wrapText(under, Math.max(1, limit! - INDENT.length)).map((line) => INDENT + line));
  });
  if (dropped.length > 0) {
    const note = `(${dropped.length === 1 ? 'column' : 'columns'} left out to fit ${limit} columns: ${dropped.join(', ')})`;
    lines.push(...wrapText(note, limit!));
  }
  return lines.join('\n');
}
