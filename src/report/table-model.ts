/**
 * The table every output of the report layer shares: the terminal ({@link formatTable}), the HTML page and
 * report.json all print the same `{ columns, rows, caption }`. Cells are plain numbers and strings supplied
 * by the caller, so an "estimate" and a "stderr" are two columns, each formatted on its own.
 */

import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';

/** A table cell: a number, a string, or null for "not applicable" (printed as an em dash). */
export type TableCell = number | string | null;

/** A column with formatting: significant digits of its numbers and alignment (default: right if numeric). */
export interface TableColumn {
  readonly name: string;
  readonly digits?: number;
  readonly align?: 'left' | 'right';
}

export interface Table {
  /** Column names, or columns with their own digits/alignment. */
  readonly columns: readonly (string | TableColumn)[];
  readonly rows: readonly (readonly TableCell[])[];
  readonly caption?: string;
  /** Significant digits of numbers in columns that do not set their own (default 4). */
  readonly digits?: number;
}

/** A column after defaults are applied: what the formatters use. */
export interface ResolvedColumn {
  readonly name: string;
  readonly digits: number;
  readonly align: 'left' | 'right';
}

/**
 * Checks a table (rectangular, cells of the allowed kinds) and resolves its columns: a column without an
 * explicit alignment is right-aligned when all its non-null cells are numbers, left-aligned otherwise.
 *
 * @example
 * ```ts
 * resolveColumns({ columns: ['estimator', 'mean'], rows: [['pathwise', 2.65]] });
 * // [{ name: 'estimator', digits: 4, align: 'left' }, { name: 'mean', digits: 4, align: 'right' }]
 * resolveColumns({ columns: ['a'], rows: [[1, 2]] });   // throws PathwiseRangeError (row 0 has 2 cells)
 * ```
 */
export function resolveColumns(table: Table, fn = 'resolveColumns'): ResolvedColumn[] {
  if (!Array.isArray(table.columns) || table.columns.length === 0) {
    throw new PathwiseRangeError(`${fn}: a table needs at least one column, got ${show(table.columns)}`);
  }
  const tableDigits = table.digits ?? 4;
  checkDigits(fn, 'digits', tableDigits);
  const numeric = table.columns.map(() => true);
  table.rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== table.columns.length) {
      throw new PathwiseRangeError(
        `${fn}: row ${r} has ${Array.isArray(row) ? row.length : show(row)} cells, expected ${table.columns.length} (one per column)`,
      );
    }
    row.forEach((cell: unknown, c) => {
      if (cell !== null && typeof cell !== 'number' && typeof cell !== 'string') {
        throw new PathwiseTypeError(`${fn}: cell (${r}, ${c}) must be a number, a string or null, got ${show(cell)}`);
      }
      if (typeof cell === 'string') numeric[c] = false;
    });
  });
  return table.columns.map((column, c) => {
    const spec: TableColumn = typeof column === 'string' ? { name: column } : column;
    if (typeof spec.name !== 'string') throw new PathwiseTypeError(`${fn}: column ${c} needs a string name, got ${show(spec.name)}`);
    const digits = spec.digits ?? tableDigits;
    checkDigits(fn, `columns[${c}].digits`, digits);
    return { name: spec.name, digits, align: spec.align ?? (numeric[c] ? 'right' : 'left') };
  });
}

function checkDigits(fn: string, name: string, digits: number): void {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new PathwiseRangeError(`${fn}: ${name} must be an integer in [1, 17], got ${show(digits)}`);
  }
}
