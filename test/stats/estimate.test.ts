import { describe, expect, it } from 'vitest';
import { CoMoments, confidenceInterval, estimate, estimateOf, estimates, Moments, VectorMoments, zScore } from '../../src/stats/index.js';
import { PathwiseRangeError } from '../../src/errors.js';

describe('estimate', () => {
  it('stderr = sqrt(unbiased variance / n)', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    const e = estimate(Moments.of(x));
    expect(e.n).toBe(4);
    expect(e.mean).toBe(2.5);
    expect(e.stderr).toBeCloseTo(Math.sqrt(5 / 3 / 4), 15);
    expect(estimateOf(x)).toEqual(e);
  });

  it('is NaN where undefined and 0 for constant data', () => {
    expect(estimate(new Moments())).toEqual({ mean: Number.NaN, stderr: Number.NaN, n: 0 });
    expect(estimate(new Moments().add(3)).stderr).toBeNaN();
    expect(estimateOf(new Float64Array([0.1, 0.1, 0.1])).stderr).toBe(0);
    expect(estimateOf(new Float64Array(0)).n).toBe(0);
  });

  it('one estimate per column', () => {
    const vm = new VectorMoments(2).addBatch(new Float64Array([1, 0, 3, 0]));
    expect(estimates(vm)).toEqual([
      { mean: 2, stderr: 1, n: 2 },
      { mean: 0, stderr: 0, n: 2 },
    ]);
    expect(estimates(new CoMoments(2).addBatch(new Float64Array([1, 0, 3, 0])))).toEqual(estimates(vm));
  });
});

describe('confidenceInterval and zScore', () => {
  it('uses the normal quantile', () => {
    const ci = confidenceInterval({ mean: 1, stderr: 0.1, n: 100 });
    expect(ci.level).toBe(0.95);
    expect(ci.upper - 1).toBeCloseTo(0.1959963984540054, 14);
    expect(1 - ci.lower).toBeCloseTo(0.1959963984540054, 14);
    expect(confidenceInterval({ mean: 0, stderr: 1, n: 2 }, 0.99).upper).toBeCloseTo(2.5758293035489004, 13);
  });

  it('rejects levels outside (0, 1)', () => {
    for (const level of [0, 1, -0.5, 2, Number.NaN]) {
      expect(() => confidenceInterval({ mean: 0, stderr: 1, n: 2 }, level)).toThrow(PathwiseRangeError);
    }
  });

  it('zScore', () => {
    expect(zScore({ mean: 1.02, stderr: 0.01, n: 1e4 }, 1)).toBeCloseTo(2, 12);
    expect(zScore({ mean: 1, stderr: 0, n: 10 }, 1)).toBe(0);
    expect(zScore({ mean: 2, stderr: 0, n: 10 }, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(zScore({ mean: 0, stderr: 0, n: 10 }, 1)).toBe(Number.NEGATIVE_INFINITY);
  });
});
