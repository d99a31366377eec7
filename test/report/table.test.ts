import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../src/errors.js';
import { formatCell, formatNumber, formatTable, resolveColumns, sanitizeTerminalText, type Table } from '../../src/report/index.js';

describe('formatNumber', () => {
  it('prints a fixed number of significant digits', () => {
    expect(formatNumber(2.6487212707001282)).toBe('2.649');
    expect(formatNumber(0.0001234567)).toBe('0.0001235');
    expect(formatNumber(1.5e-7)).toBe('1.500e-7');
    expect(formatNumber(100000)).toBe('100000');
    expect(formatNumber(1234567.8)).toBe('1.235e6');
    expect(formatNumber(-0.5, 2)).toBe('-0.50');
    expect(formatNumber(9.99996)).toBe('10.00');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3000');
  });

  it('names non-finite values and rejects bad digit counts', () => {
    expect([Number.NaN, Infinity, -Infinity].map((x) => formatNumber(x))).toEqual(['NaN', '∞', '-∞']);
    expect(() => formatNumber(1, 0)).toThrow(PathwiseRangeError);
    expect(formatCell(null)).toBe('—');
    expect(formatCell('score')).toBe('score');
  });
});

describe('formatTable', () => {
  const table: Table = {
    caption: 'd/dφ E[z²] at φ = 0.5 (exact 2.649)',
    columns: ['estimator', 'mean', 'stderr', { name: 'n', digits: 1 }],
    rows: [
      ['pathwise', 2.6487, 0.00081234, 100000],
      ['score', 2.61, 0.0473, 100000],
      ['fd', Number.NaN, null, 0],
    ],
  };

  it('aligns text left and numbers right with consistent digits', () => {
    expect(formatTable(table, { color: false })).toBe(
      [
        'd/dφ E[z²] at φ = 0.5 (exact 2.649)',
        'estimator   mean     stderr       n',
        '─────────  ─────  ─────────  ──────',
        'pathwise   2.649  0.0008123  100000',
        'score      2.610    0.04730  100000',
        'fd           NaN          —       0',
      ].join('\n'),
    );
  });

  it('uses ANSI codes only when asked', () => {
    // eslint-disable-next-line no-control-regex
    expect(/\u001b/.test(formatTable(table, { color: false }))).toBe(false);
    const colored = formatTable(table, { color: true });
    expect(colored).toContain('\u001b[1mestimator');
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(formatTable(table, { color: false }));
  });

  it('neutralizes escape sequences and line breaks in user text', () => {
    expect(sanitizeTerminalText('a\nb\tc')).toBe('a b c');
    const out = formatTable({ columns: ['name\u001b[2J'], rows: [['\u001b[31mred\u0007']] }, { color: false });
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u001f\u007f-\u009f]/.test(out.replace(/\n/g, ''))).toBe(false);
    expect(out).toContain('\uFFFD[31mred\uFFFD');
  });

  it('rejects ragged rows and bad cells', () => {
    expect(() => formatTable({ columns: ['a'], rows: [[1, 2]] }, { color: false })).toThrow(PathwiseRangeError);
    expect(() => formatTable({ columns: ['a'], rows: [[{} as unknown as number]] }, { color: false })).toThrow(PathwiseTypeError);
    expect(() => resolveColumns({ columns: [], rows: [] })).toThrow(PathwiseRangeError);
  });

  it('lets a column override its alignment', () => {
    expect(resolveColumns({ columns: ['x', { name: 'y', align: 'left' }], rows: [[1, 2]] }).map((c) => c.align)).toEqual(['right', 'left']);
  });
});
