/**
 * How a model study travels to worker threads and cluster workers: weights as base64 of their float64
 * bytes (exact bits, about 1.37 bytes of text per byte: the digits VAE's 57 984 weights are 620 KB, stored
 * once per run), and data either BY NAME — rows of a data set shipped with pathwise, which each worker
 * loads from its own installation, checked against a checksum of what the submitter used — or, when small,
 * inline. Browser-safe: the Node-only loader is in ./portable-data-node.ts.
 */
import { PathwiseRangeError, show } from '../errors.js';
import { packTensor, type PackedTensor } from '../portable-json.js';
import type { Tensor } from '../tensor/tensor.js';

/** Rows of a data set shipped with pathwise, by name: workers load them instead of receiving them. */
export interface ShippedRows {
  readonly dataset: 'digits';
  /** Row indices into the whole data set (e.g. the test split's first images). */
  readonly rows: readonly number[];
}

/** The data of a portable run: shipped rows with the submitter's checksum, or a small tensor inline. */
export type PortableData = (ShippedRows & { readonly checksum: string }) | { readonly inline: PackedTensor };

/**
 * Largest tensor (values) that travels inline in a run spec; bigger data must be named (ShippedRows).
 * @example MAX_INLINE_VALUES   // 65536 (1024 digits images of 64 pixels)
 */
export const MAX_INLINE_VALUES = 65_536;

/** FNV-1a (32 bits) of a tensor's shape and float64 bytes, in hex: enough to catch a worker's different data. */
export function checksum(t: Tensor): string {
  let h = 0x811c9dc5;
  const eat = (byte: number): void => void (h = Math.imul(h ^ byte, 0x01000193));
  for (const d of t.shape) for (let s = 0; s < 32; s += 8) eat((d >>> s) & 0xff);
  const bytes = new Uint8Array(Float64Array.from(t.data).buffer);
  for (let i = 0; i < bytes.length; i++) eat(bytes[i]!);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The portable form of a run's data, or why there is none: shipped rows (named) travel as their indices and
 * a checksum of `x`; otherwise `x` travels inline when it has at most {@link MAX_INLINE_VALUES} values.
 */
export function portableData(x: Tensor, source: ShippedRows | undefined): PortableData | { readonly refused: string } {
  if (source !== undefined) {
    if (source.dataset !== 'digits') throw new PathwiseRangeError(`source: dataset must be 'digits', got ${show(source.dataset)}`);
    if (!Array.isArray(source.rows) || source.rows.length !== x.shape[0] || !source.rows.every((r) => Number.isSafeInteger(r) && r >= 0)) {
      throw new PathwiseRangeError(`source: rows must be ${x.shape[0]} row indices (one per row of the data), got ${show(source.rows)}`);
    }
    return { dataset: source.dataset, rows: [...source.rows], checksum: checksum(x) };
  }
  if (x.size <= MAX_INLINE_VALUES) return { inline: packTensor(x) };
  return { refused: `its data (${x.size} values) is too large to travel in a run spec (at most ${MAX_INLINE_VALUES}): name shipped rows with source: { dataset: 'digits', rows } so that each worker loads them` };
}
