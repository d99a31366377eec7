/**
 * Argument checks shared by the samplers: counts, offsets, output buffers and per-sample parameters.
 * They run once per call, at the API boundary; kernels never validate.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { newFloat64Array } from '../tensor/allocate.js';

/** Largest index + 1 a stream can address: indices are safe integers. */
export const MAX_INDEX = 2 ** 53;

/** Throws unless `n` is a non-negative safe integer. */
export function checkCount(fn: string, name: string, n: unknown): number {
  if (typeof n !== 'number') throw new PathwiseTypeError(`${fn}: ${name} must be a number, got ${show(n)}`);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new PathwiseRangeError(`${fn}: ${name} must be a non-negative integer, got ${show(n)}`);
  }
  return n;
}

/** Options every sampler of a stream takes. */
export interface StreamOptions {
  /** Index of the first sample (default 0): samples offset..offset+n-1 of the stream are produced. */
  readonly offset?: number;
  /** Where to write the samples (length ≥ the number of values); a new array when absent. */
  readonly out?: Float64Array;
}

/** Validates offset and count together; returns the offset. */
export function checkOffset(fn: string, n: number, offset: number | undefined): number {
  const o = offset ?? 0;
  checkCount(fn, 'offset', o);
  if (o + n > MAX_INDEX) {
    throw new PathwiseRangeError(`${fn}: offset + n must not exceed 2^53, got offset ${show(o)} and n ${show(n)}`);
  }
  return o;
}

/** Returns `out` if it is a Float64Array with room for `len` values, a new array when absent. */
export function outArray(fn: string, len: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return newFloat64Array(len, fn);
  if (!(out instanceof Float64Array)) throw new PathwiseTypeError(`${fn}: out must be a Float64Array, got ${show(out)}`);
  if (out.length < len) {
    throw new PathwiseRangeError(`${fn}: out must hold ${len} values, got length ${out.length}`);
  }
  return out;
}

/** A parameter given once for all samples or once per sample. */
export type Param = number | Float64Array;

/**
 * Checks a scalar-or-per-sample parameter against `ok` (which names the allowed range in `range`).
 * Per-sample arrays must have length n.
 */
export function checkParam(
  fn: string, name: string, p: unknown, n: number, ok: (x: number) => boolean, range: string,
): Param {
  if (typeof p === 'number') {
    if (!ok(p)) throw new PathwiseRangeError(`${fn}: ${name} must be ${range}, got ${show(p)}`);
    return p;
  }
  if (!(p instanceof Float64Array)) {
    throw new PathwiseTypeError(`${fn}: ${name} must be a number or a Float64Array, got ${show(p)}`);
  }
  if (p.length !== n) {
    throw new PathwiseRangeError(`${fn}: ${name} must have one value per sample (${n}), got length ${p.length}`);
  }
  for (let i = 0; i < n; i++) {
    if (!ok(p[i]!)) throw new PathwiseRangeError(`${fn}: ${name}[${i}] must be ${range}, got ${show(p[i])}`);
  }
  return p;
}
