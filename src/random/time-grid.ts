/**
 * Time grids for Brownian paths: either `steps` equal steps of size `dt` from 0, or explicit increasing
 * `times` t_0 < t_1 < … < t_steps. Validated once; kernels get plain arrays.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { checkCount } from './validate.js';
import { newFloat64Array } from '../tensor/allocate.js';

/** A time grid: equal steps, or explicit times (length steps + 1, strictly increasing). */
export type TimeGrid = { readonly steps: number; readonly dt: number } | { readonly times: Float64Array };

/** Times t_0..t_m of a grid (t_0 = 0 for equal steps), validated. */
export function gridTimes(fn: string, grid: TimeGrid): Float64Array {
  if (typeof grid !== 'object' || grid === null) {
    throw new PathwiseTypeError(`${fn}: grid must be { steps, dt } or { times }, got ${show(grid)}`);
  }
  if ('times' in grid) {
    const t = grid.times;
    if (!(t instanceof Float64Array)) throw new PathwiseTypeError(`${fn}: times must be a Float64Array, got ${show(t)}`);
    if (t.length < 2) throw new PathwiseRangeError(`${fn}: times must hold at least 2 values, got length ${t.length}`);
    for (let s = 0; s < t.length; s++) {
      if (!Number.isFinite(t[s]!) || (s > 0 && !(t[s]! > t[s - 1]!))) {
        throw new PathwiseRangeError(`${fn}: times must be finite and strictly increasing, got times[${s}] = ${show(t[s])}`);
      }
    }
    return t;
  }
  const steps = checkCount(fn, 'steps', grid.steps);
  if (steps < 1) throw new PathwiseRangeError(`${fn}: steps must be at least 1, got ${show(steps)}`);
  if (!(grid.dt > 0 && grid.dt < Infinity)) throw new PathwiseRangeError(`${fn}: dt must be > 0 and finite, got ${show(grid.dt)}`);
  const t = newFloat64Array(steps + 1, fn);
  for (let s = 0; s <= steps; s++) t[s] = s * grid.dt;
  return t;
}
