import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binValues, defaultBinCount, robustRange } from '../../src/report/index.js';

describe('binValues', () => {
  it('matches the documented examples', () => {
    expect(binValues([[0, 1, 2, 3]], 3)).toEqual({ edges: [0, 1, 2, 3], counts: [[1, 1, 2]], nonFinite: [0], outside: [0], identical: false });
    const one = binValues([[1, 1, 1]], 20);
    expect(one.counts).toEqual([[3]]);
    expect(one.edges[0]).toBeCloseTo(0.95, 15);
    expect(one.edges[1]).toBeCloseTo(1.05, 15);
    expect(one.identical).toBe(true);
    expect(binValues([[Number.NaN]], 5)).toEqual({ edges: [], counts: [[]], nonFinite: [1], outside: [0], identical: false });
  });

  it('survives ranges that overflow or underflow a naive width', () => {
    const huge = binValues([[-1.7e308, 1.7e308]], 4);
    expect(huge.edges.every(Number.isFinite)).toBe(true);
    expect(huge.counts[0]!.reduce((a, b) => a + b)).toBe(2);
    const tiny = binValues([[1, 1 + Number.EPSILON]], 50);
    expect(tiny.counts[0]!.reduce((a, b) => a + b)).toBe(2);
  });

  it('counts every finite value once, in a bin whose edges contain it', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN), fc.constant(Infinity));
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 60 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 40 }), (series, bins) => {
        const { edges, counts, nonFinite } = binValues(series, bins);
        for (let k = 1; k < edges.length; k++) expect(edges[k]!).toBeGreaterThan(edges[k - 1]!);
        series.forEach((values, s) => {
          const finite = values.filter(Number.isFinite);
          expect(nonFinite[s]).toBe(values.length - finite.length);
          expect(counts[s]!.reduce((a, b) => a + b, 0)).toBe(finite.length);
          for (const v of finite) expect(v >= edges[0]! && v <= edges[edges.length - 1]!).toBe(true);
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('bins only a given range and counts the values outside it', () => {
    expect(binValues([[0, 1, 2, 50, Infinity]], 2, [0, 2])).toEqual({ edges: [0, 1, 2], counts: [[1, 2]], nonFinite: [1], outside: [1], identical: false });
  });

  it('robust range: the bulk of every series, not the far outliers of one', () => {
    const fd = new Array<number>(20_000).fill(0);
    fd[7] = 5000;
    fd[9000] = 5000;
    expect(robustRange([fd, [-1.2, 0.3, 0.8, 2.1]])).toEqual([-1.2, 2.1]);
    expect(robustRange([[1, 2, 3, 4, 100]])).toEqual([1, 100]);
    expect(robustRange([[Number.NaN]])).toBeUndefined();
    // a normal sample keeps every value: Q3 + 3·IQR is 4.7 standard deviations
    const normal = Array.from({ length: 10_000 }, (_, i) => Math.sqrt(2) * erfinv((2 * (i + 0.5)) / 10_000 - 1));
    const [lo, hi] = robustRange([normal])!;
    expect([lo, hi]).toEqual([Math.min(...normal), Math.max(...normal)]);
    // a tenth of the values away from 0 is the shape, not outliers: all stay
    const sparse = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 3 + i / 1000 : 0));
    expect(robustRange([sparse])).toEqual([0, Math.max(...sparse)]);
  });

  it('picks √n bins within [10, 50]', () => {
    expect(defaultBinCount(4)).toBe(10);
    expect(defaultBinCount(900)).toBe(30);
    expect(defaultBinCount(100_000)).toBe(50);
  });
});

/** Inverse error function by Newton's method on erf (test helper; erf from its Taylor/continued series is overkill here). */
function erfinv(y: number): number {
  let x = 0;
  for (let k = 0; k < 60; k++) x -= (erf(x) - y) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  return x;
}

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse for Newton; sum the Maclaurin series (|x| ≤ 4 here).
  let sum = 0, term = x;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
