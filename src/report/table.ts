/**
 * Tables for the terminal: aligned columns, numbers right-aligned with a fixed number of significant
 * digits ({@link formatNumber}), and ANSI colour only when the caller asks for it. The CLI decides
 * (a TTY and no NO_COLOR); this module never looks at the environment, so it also runs in a browser.
 *
 * Cell text is sanitized: a series name containing an escape sequence must not be able to move the cursor
 * or recolour the user's terminal, so control characters are replaced before printing.
 */

import { formatCell } from './format-number.js';
import { resolveColumns, type Table } from './table-model.js';

export interface FormatTableOptions {
  /** Bold header and caption, dim rule and em dashes (ANSI SGR codes). */
  readonly color: boolean;
}

const bold = (s: string): string => `\u001b[1m${s}\u001b[22m`;
const dim = (s: string): string => `\u001b[2m${s}\u001b[22m`;

/**
 * Replaces control characters (C0, DEL, C1 — which include ESC and CSI) by U+FFFD and line breaks by
 * spaces, so user-provided text prints on one line and cannot inject terminal escape sequences.
 *
 * @example
 * ```ts
 * sanitizeTerminalText('a\nb');          // 'a b'
 * sanitizeTerminalText('\u001b[31mred'); // '\uFFFD[31mred'
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
 * Formats a table as aligned text lines (no trailing newline): optional caption, header, a rule, rows.
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
 * ```
 */
export function formatTable(table: Table, options: FormatTableOptions): string {
  const columns = resolveColumns(table, 'formatTable');
  const header = columns.map((c) => sanitizeTerminalText(c.name));
  const body = table.rows.map((row) =>
    row.map((cell, c) => (typeof cell === 'string' ? sanitizeTerminalText(cell) : formatCell(cell, columns[c]!.digits))),
  );
  const widths = columns.map((_, c) => Math.max(width(header[c]!), ...body.map((row) => width(row[c]!))));
  const gap = '  ';
  const color = options.color;
  const lines: string[] = [];
  if (table.caption !== undefined) {
    const caption = sanitizeTerminalText(table.caption);
    lines.push(color ? bold(caption) : caption);
  }
  const headerLine = columns.map((c, i) => pad(header[i]!, widths[i]!, c.align)).join(gap);
  lines.push(color ? bold(headerLine) : headerLine);
  const rule = widths.map((w) => '─'.repeat(w)).join(gap);
  lines.push(color ? dim(rule) : rule);
  table.rows.forEach((row, r) => {
    const cells = columns.map((c, i) => {
      const text = pad(body[r]![i]!, widths[i]!, c.align);
      return color && row[i] === null ? dim(text) : text;
    });
    lines.push(cells.join(gap).trimEnd());
  });
  return lines.join('\n');
}
