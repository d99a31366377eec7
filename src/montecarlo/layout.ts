/**
 * How a run's sample range is cut into blocks, and a block into batch-means groups. Both depend on the
 * run's definition only (its sample count and block size), never on the batch size, the number of threads
 * or machines: this is what makes a run's numbers the same bits however it is computed.
 */
import { PathwiseRangeError, show } from '../errors.js';

/** Samples per block unless the run says otherwise. Big enough to amortize per-block bookkeeping (a thread
 * task or cluster job, a merge: with 4096 two threads gave 1.38× one thread on the 1e7-sample estimator
 * benchmark, with 16384 1.81×), small enough that a 1e5-sample run still has blocks for every core. */
export const DEFAULT_BLOCK_SIZE = 16_384;

/** Samples (paths) computed at once unless the run says otherwise: a memory knob only, never part of the result. */
export const DEFAULT_BATCH_SIZE = 16_384;

/** Batch-means groups per block in reverse mode (fewer when the block has fewer samples). 32 groups give a
 * standard error with 31 degrees of freedom per block: 95 % normal intervals then cover about 94 %. */
export const GROUPS_PER_BLOCK = 32;

export interface BlockLayout {
  readonly total: number;
  readonly blockSize: number;
  readonly blocks: number;
}

/**
 * The layout of `total` samples in blocks of `blockSize`.
 * @example blockLayout(10_000, 4096)   // { total: 10000, blockSize: 4096, blocks: 3 }
 */
export function blockLayout(total: number, blockSize: number, where = 'run'): BlockLayout {
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new PathwiseRangeError(`${where}: blockSize must be a positive integer, got ${show(blockSize)}`);
  if (!Number.isSafeInteger(total) || total < 1) throw new PathwiseRangeError(`${where}: the sample count must be a positive integer, got ${show(total)}`);
  return { total, blockSize, blocks: Math.ceil(total / blockSize) };
}

/** First sample and sample count of block `b`. */
export function blockRange(layout: BlockLayout, b: number): { start: number; rows: number } {
  const start = b * layout.blockSize;
  return { start, rows: Math.min(layout.blockSize, layout.total - start) };
}

/**
 * Split of `rows` samples into `min(rows, GROUPS_PER_BLOCK)` contiguous groups of near-equal size (the first
 * `rows mod g` groups one larger). Returns the group boundaries [0, e₁, …, rows].
 * @example groupBounds(10)   // 10 groups of one sample: [0, 1, …, 10]
 */
export function groupBounds(rows: number, groups = GROUPS_PER_BLOCK): number[] {
  const g = Math.max(1, Math.min(rows, groups));
  const base = Math.floor(rows / g), extra = rows % g;
  const out = [0];
  for (let i = 0; i < g; i++) out.push(out[i]! + base + (i < extra ? 1 : 0));
  return out;
}
