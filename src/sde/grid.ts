/**
 * The time grid t_k = t0 + k·h and the mapping of requested output times onto it. Output times must be
 * grid points: a Brownian path between grid points is not something the solver has, and interpolating
 * it would report values the scheme never computed.
 */
import { PathwiseRangeError, show } from '../errors.js';

/** Step indices (0 … steps) of the requested times, in the order given. */
export function saveIndices(fn: string, times: readonly number[], t0: number, h: number, steps: number): number[] {
  if (!Array.isArray(times) || times.length === 0) throw new PathwiseRangeError(`${fn}: saveAt must be a non-empty array of times, got ${show(times)}`);
  return times.map((t, i) => {
    const k = Math.round((t - t0) / h);
    if (typeof t !== 'number' || !(k >= 0 && k <= steps) || Math.abs(t - (t0 + k * h)) > 1e-9 * Math.max(1, Math.abs(t))) {
      throw new PathwiseRangeError(
        `${fn}: saveAt[${i}] = ${show(t)} is not a grid time t0 + k·h (t0 = ${show(t0)}, h = ${show(h)}, k = 0…${steps}); choose steps so that it is`,
      );
    }
    return k;
  });
}

/** Calls fn(first, count) for consecutive chunks of at most `size` paths. */
export function forEachChunk(paths: number, size: number, fn: (first: number, count: number) => void): void {
  for (let first = 0; first < paths; first += size) fn(first, Math.min(size, paths - first));
}
