import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../src/errors.js';
import { formatCell, formatNumber, formatTable, resolveColumns, sanitizeTerminalText, wrapText, type Table } from '../../src/report/index.js';

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

  const wide: Table = {
    caption: '20,000 paths, 1 step; z vs exact = (estimate − closed form) / stderr',
    columns: ['greek', 'method', 'estimate', 'stderr', 'closed form', { name: 'z vs exact', digits: 2 }, { name: 'note', align: 'left' }],
    rows: [
      ['delta', 'pathwise (biased)', 0, 0, 0.01876, null, 'biased: the payoff applies a jump (step) to a value derived from spot, and pathwise misses the jump'],
      ['delta', 'lr', 0.01903, 0.0001985, 0.01876, 1.4, ''],
      ['gamma', 'pathwise', null, null, -0.0003283, null, 'n/a: the second derivative of a kink or jump is a point mass pathwise cannot see (use mixed, lr or fd)'],
    ],
  };
  const cols = (text: string) => text.split('\n').map((l) => [...l].length);

  it('never ends a line with a space (header of a table whose last column is text)', () => {
    for (const color of [false, true]) {
      // eslint-disable-next-line no-control-regex
      for (const line of formatTable(wide, { color }).split('\n')) expect(line).not.toMatch(/ (\u001b\[\d+m)*$/);
    }
  });

  it('fits a width by wrapping the text column, keeping every word', () => {
    const natural = Math.max(...cols(formatTable(wide, { color: false })));
    expect(natural).toBeGreaterThan(150);
    for (const width of [80, 100, 120]) {
      const out = formatTable(wide, { color: false, width });
      expect(Math.max(...cols(out)), `width ${width}`).toBeLessThanOrEqual(width);
      expect(out.split(/\s+/).filter((w) => w !== '─').sort()).toEqual(expect.arrayContaining(['mixed,', 'misses', 'jump', '(use']));
      expect(out).not.toMatch(/ \n| $/);
    }
  });

  it('moves a note under its row, then leaves out columns from the right, and says which', () => {
    const under = formatTable(wide, { color: false, width: 72 });
    expect(Math.max(...cols(under))).toBeLessThanOrEqual(72);
    expect(under.split('\n')[1]).toBe('greek  method             estimate     stderr  closed form  z vs exact');
    expect(under.split('\n')[4]).toMatch(/^ {4}biased: the payoff applies/);
    const out = formatTable(wide, { color: false, width: 50 });
    expect(Math.max(...cols(out))).toBeLessThanOrEqual(50);
    expect(out.replace(/\n/g, ' ')).toMatch(/left out to fit 50 columns: closed form, z vs exact\)$/);
    expect(out).toContain('    n/a: the second derivative');
    expect(() => formatTable(wide, { color: false, width: 0 })).toThrow(PathwiseRangeError);
  });

  it('wraps words and cuts only words longer than the width', () => {
    expect(wrapText('built on the pathwise delta', 12)).toEqual(['built on the', 'pathwise', 'delta']);
    expect(wrapText('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(wrapText('', 5)).toEqual(['']);
  });
});
