/** Allocations too large for the engine throw a PathwiseRangeError naming the caller and the size. */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { PathwiseRangeError } from '../../src/errors.js';
import { alloc } from '../../src/tensor/pool.js';
import { formatBytes, newFloat64Array } from '../../src/tensor/allocate.js';
import { normal } from '../../src/random/normal.js';
import { uniform } from '../../src/random/uniform.js';
import { brownianIncrements } from '../../src/random/brownian.js';

function rangeError(f: () => unknown): PathwiseRangeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PathwiseRangeError);
    return e as PathwiseRangeError;
  }
  throw new Error('expected a PathwiseRangeError');
}

describe('allocation failures', () => {
  it('tensor creation names the function and the size', () => {
    expect(rangeError(() => pw.zeros([1e12])).message).toBe('zeros: cannot allocate 1000000000000 float64 values (8 TB): more than the largest array this JavaScript engine allows');
    expect(rangeError(() => pw.ones([1e7, 1e7])).message).toMatch(/^ones: cannot allocate 100000000000000 float64 values \(800 TB\)/);
    expect(rangeError(() => pw.full([1e12], 2)).message).toMatch(/^full: cannot allocate/);
    expect(rangeError(() => pw.linspace(0, 1, 1e12)).message).toMatch(/^linspace: cannot allocate 1000000000000/);
    expect(rangeError(() => pw.arange(1e12)).message).toMatch(/^arange: cannot allocate/);
    expect(rangeError(() => pw.eye(1e7)).message).toMatch(/^eye: cannot allocate 100000000000000 float64 values/);
    expect(rangeError(() => pw.zeros([2 ** 40, 2 ** 40])).message).toMatch(/^zeros: an array length must be a non-negative integer, got 1\.2089258196146292e\+24$/);
  });
  it('the pool and the samplers name the size too', () => {
    expect(rangeError(() => alloc(1e12)).message).toMatch(/^alloc: cannot allocate 1000000000000 float64 values \(8 TB\)/);
    expect(rangeError(() => pw.Normal(0, 1).sample(pw.key(1), 1e12)).message).toMatch(/cannot allocate 1000000000000 float64 values \(8 TB\)/);
    expect(rangeError(() => normal(pw.key(1), 1e12)).message).toMatch(/^normal: cannot allocate 1000000000000/);
    expect(rangeError(() => uniform(pw.key(1), 1e12)).message).toMatch(/^uniform: cannot allocate/);
    expect(rangeError(() => brownianIncrements(pw.key(1), { steps: 2 ** 40, dt: 1e-6 }, { paths: 1 })).message).toMatch(/^brownianIncrements: cannot allocate 1099511627777 float64 values/);
    expect(rangeError(() => brownianIncrements(pw.key(1), { steps: 1e6, dt: 1e-6 }, { paths: 1e6 })).message).toMatch(/^brownianIncrements: cannot allocate 1000000000000/);
  });
  it('small allocations are unchanged', () => {
    expect(newFloat64Array(3, 'x')).toEqual(new Float64Array(3));
    expect(pw.zeros([2, 3]).data).toEqual(new Float64Array(6));
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2e9)).toBe('2 GB');
    expect(formatBytes(1.5e6)).toBe('1.5 MB');
  });
});
