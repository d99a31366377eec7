import { describe, expect, it } from 'vitest';
import { blockFromColumns, blockFromRows } from '../../src/montecarlo/block-stats.js';

// Per-sample values with a spread of magnitudes, a −0 and (optionally) non-finite entries.
function columnsOf(n: number, w: number, bad: boolean): Float64Array[] {
  return Array.from({ length: w }, (_, c) => Float64Array.from({ length: n }, (_, i) => {
    if (bad && c === 1 && i % 97 === 5) return i % 2 === 0 ? Number.NaN : Number.POSITIVE_INFINITY;
    if (i === 3) return -0;
    return Math.sin(1.7 * i + c) * 10 ** ((i * 7 + c) % 9 - 4);
  }));
}

function interleave(columns: readonly Float64Array[]): Float64Array {
  const w = columns.length, n = columns[0]!.length, rows = new Float64Array(n * w);
  columns.forEach((col, c) => col.forEach((v, i) => (rows[i * w + c] = v)));
  return rows;
}

describe('block summaries by rows and by columns', () => {
  for (const w of [1, 3, 12]) {
    for (const bad of [false, true]) {
      it(`give the same bits (width ${w}${bad ? ', non-finite values' : ''}, controls and kept values)`, () => {
        const columns = columnsOf(1000, w, bad && w > 1);
        const controls = [Float64Array.from({ length: 1000 }, (_, i) => Math.cos(i) - 0.01)];
        const o = { controls, keep: 17, replicate: 2 };
        const byRows = blockFromRows(4, interleave(columns), w, o);
        const byColumns = blockFromColumns(4, columns, o);
        expect(byColumns).toEqual(byRows);
        for (const key of ['mean', 'm2', 'comoment', 'cvMean'] as const) {
          const a = byRows[key]!, b = byColumns[key]!;
          a.forEach((x, j) => expect(Object.is(x, b[j]), `${key}[${j}]`).toBe(true));
        }
        if (bad && w > 1) expect(byRows.notes?.['nonfinite:1']).toBe(11);
        else expect(byRows.notes).toBeUndefined();
      });
    }
  }
});
