import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binValues, defaultBinCount } from '../../src/report/index.js';

describe('binValues', () => {
  it('matches the documented examples', () => {
    expect(binValues([[0, 1, 2, 3]], 3)).toEqual({ edges: [0, 1, 2, 3], counts: [[1, 1, 2]], nonFinite: [0], identical: false });
    const one = binValues([[1, 1, 1]], 20);
    expect(one.counts).toEqual([[3]]);
    expect(one.edges[0]).toBeCloseTo(0.95, 15);
    expect(one.edges[1]).toBeCloseTo(1.05, 15);
    expect(one.identical).toBe(true);
    expect(binValues([[Number.NaN]], 5)).toEqual({ edges: [], counts: [[]], nonFinite: [1], identical: false });
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

  it('picks √n bins within [10, 50]', () => {
    expect(defaultBinCount(4)).toBe(10);
    expect(defaultBinCount(900)).toBe(30);
    expect(defaultBinCount(100_000)).toBe(50);
  });
});
