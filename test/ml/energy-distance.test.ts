/**
 * energyDistance against values computed once with SciPy (scripts/energy-distance-reference.py: pairwise
 * distances by scipy.spatial.distance.cdist, and for 1-D samples scipy.stats.energy_distance converted to the
 * U-statistic form), and against closed forms on point masses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { key, tensor } from '../../src/index.js';
import { energyDistance, twoMoons } from '../../src/ml/index.js';
import { ShapeError } from '../../src/errors.js';

interface Case { x: number[][]; y: number[][]; energy: number; scipy?: number; scipyToOurs?: number }
const { cases } = JSON.parse(readFileSync(new URL('../fixtures/ml/energy-distance.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('energyDistance', () => {
  it('agrees with the SciPy-computed values (2-D, 3-D, and 1-D through scipy.stats.energy_distance)', () => {
    for (const c of cases) {
      // Sums of about a hundred square roots in another order: agreement to round-off (≈ 1e-16 per term).
      expect(Math.abs(energyDistance(tensor(c.x), tensor(c.y)) - c.energy)).toBeLessThan(1e-13);
      if (c.scipyToOurs !== undefined) expect(Math.abs(c.scipyToOurs - c.energy)).toBeLessThan(1e-12);
    }
    expect(cases.some((c) => c.scipy !== undefined)).toBe(true);
  });

  it('point masses: n copies of a against m copies of b give 2‖a − b‖; a sample against itself gives a known negative bias', () => {
    const a = [0.5, -1], b = [3.5, 3];   // ‖a − b‖ = 5
    const rep = (p: number[], n: number) => tensor(Array.from({ length: n }, () => p));
    expect(energyDistance(rep(a, 3), rep(b, 4))).toBe(10);
    expect(energyDistance(rep(a, 2), rep(a, 5))).toBe(0);
    // Two points {0, 1} against themselves: 2·(1/2) − 1 − 1 = −1 (the U-statistics exclude i = j, the cross term does not).
    expect(energyDistance(tensor([[0], [1]]), tensor([[0], [1]]))).toBe(-1);
  });

  it('is symmetric (to round-off: the sums run in another order), and near 0 for two large samples of one law', () => {
    const x = twoMoons(key(0), 300), y = twoMoons(key(1), 400);
    expect(Math.abs(energyDistance(x, y) - energyDistance(y, x))).toBeLessThan(1e-12);
    expect(Math.abs(energyDistance(x, y))).toBeLessThan(0.01);
  });

  it('refuses mismatched shapes and samples of one point, naming the shapes', () => {
    expect(() => energyDistance(tensor([[0, 0], [1, 1]]), tensor([[1, 1, 1], [0, 0, 0]]))).toThrow(ShapeError);
    expect(() => energyDistance(tensor([[0, 0]]), tensor([[1, 1], [2, 2]]))).toThrow(/\[1,2\]|\[1, 2\]/);
  });
});
