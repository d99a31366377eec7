/**
 * The one way the library allocates a Float64Array whose length comes from a caller (a shape, a sample
 * count): a request the engine cannot serve becomes a PathwiseRangeError naming the caller and the size,
 * instead of V8's bare "Invalid typed array length" or "Array buffer allocation failed".
 */
import { PathwiseRangeError } from '../errors.js';

/** Bytes in a human unit: 8 TB, 1.5 GB, 512 B. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = bytes, u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : Number(v.toPrecision(3))} ${units[u]}`;
}

/**
 * A zero-filled Float64Array of length `n`; throws a PathwiseRangeError naming `where` and the size when
 * `n` is not a non-negative safe integer or the engine cannot allocate it.
 * @example
 * newFloat64Array(4, 'zeros');      // Float64Array(4) [0, 0, 0, 0]
 * newFloat64Array(1e12, 'zeros');   // throws PathwiseRangeError: zeros: cannot allocate 1000000000000 float64 values (8 TB) …
 */
export function newFloat64Array(n: number, where: string): Float64Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new PathwiseRangeError(`${where}: an array length must be a non-negative integer, got ${String(n)}`);
  }
  try {
    return new Float64Array(n);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new PathwiseRangeError(`${where}: cannot allocate ${n} float64 values (${formatBytes(8 * n)}): ${allocationReason(e)}`);
  }
}

function allocationReason(e: RangeError): string {
  return /Invalid typed array length/i.test(e.message)
    ? 'more than the largest array this JavaScript engine allows'
    : 'out of memory';
}
