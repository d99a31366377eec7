/**
 * The library's memory budget: a run estimates, from its request alone, the memory it will hold at once, and a
 * request over the caller's `maxMemory` is refused with a PathwiseRangeError before any work (the command
 * line's `--max-memory` does the same for its commands). The estimates are rough upper bounds of what the run
 * itself allocates (within a small factor), not a promise; without `maxMemory` nothing is checked.
 */
import { PathwiseRangeError, show } from '../errors.js';
import { formatBytes } from '../tensor/allocate.js';

/** What a request will hold at once, and what the figure comes from. */
export interface MemoryEstimate {
  readonly bytes: number;
  readonly detail: string;
}

/**
 * Throws a PathwiseRangeError when `estimate` exceeds `maxMemory` (bytes); does nothing when `maxMemory` is
 * undefined.
 * @example
 * checkMemory('grad', { bytes: 8e12, detail: 'keepSamples 1e12 × 1 component' }, 2e9);
 * // throws PathwiseRangeError: grad: the request needs about 8 TB of memory …
 */
export function checkMemory(where: string, estimate: MemoryEstimate, maxMemory: number | undefined): void {
  if (maxMemory === undefined) return;
  if (typeof maxMemory !== 'number' || !(maxMemory > 0) || Number.isNaN(maxMemory)) {
    throw new PathwiseRangeError(`${where}: maxMemory must be a positive number of bytes, got ${show(maxMemory)}`);
  }
  if (!(estimate.bytes <= maxMemory)) {
    throw new PathwiseRangeError(`${where}: the request needs about ${formatBytes(estimate.bytes)} of memory (${estimate.detail}), over maxMemory ${formatBytes(maxMemory)}; ask for less or raise maxMemory`);
  }
}

/** A count for a message: 1e+12 rather than 1000000000000, 20000 as is. */
export function countText(n: number): string {
  return n >= 1e7 ? Number(n.toPrecision(2)).toExponential() : String(n);
}
