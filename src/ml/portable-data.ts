/**
 * How a model study travels to worker threads and cluster workers: weights as base64 of their float64
 * bytes (exact bits, about 1.37 bytes of text per byte: the digits VAE's 57 984 weights are 620 KB, stored
 * once per run), and data either BY NAME — rows of a data set shipped with pathwise, which each worker
 * loads from its own installation, checked against a checksum of what the submitter used — or, when small,
 * inline. Browser-safe: the Node-only loader is in ./portable-data-node.ts.
 */
import { decodeBase64, encodeBase64 } from '../base64.js';
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';

/** A tensor as JSON: its shape and its float64 values, little-endian, in base64. */
export interface PackedTensor {
  readonly shape: readonly number[];
  readonly f64: string;
}

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

export function packTensor(t: Tensor): PackedTensor {
  const bytes = new Uint8Array(8 * t.size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < t.size; i++) view.setFloat64(8 * i, t.data[i]!, true);
  return { shape: [...t.shape], f64: encodeBase64(bytes) };
}

export function unpackTensor(p: PackedTensor): Tensor {
  if (p === null || typeof p !== 'object' || !Array.isArray(p.shape) || typeof p.f64 !== 'string') {
    throw new PathwiseTypeError(`portable run: a tensor must be { shape, f64 }, got ${show(p)}`);
  }
  const bytes = decodeBase64(p.f64);
  const size = p.shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== 8 * size) throw new PathwiseRangeError(`portable run: a tensor of shape ${show(p.shape)} needs ${8 * size} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Tensor(Float64Array.from({ length: size }, (_, i) => view.getFloat64(8 * i, true)), [...p.shape]);
}

/**
 * A tree of tensors (records and arrays) with every tensor packed. Records travel as lists of [key, value]
 * pairs: a cluster stores a run's spec as JSON with sorted keys, and the order of a record's keys is the
 * order of the gradient's columns, which must be the submitter's.
 */
export function packTree(tree: unknown): unknown {
  if (tree instanceof Tensor) return { $tensor: packTensor(tree) };
  if (Array.isArray(tree)) return tree.map(packTree);
  if (tree !== null && typeof tree === 'object') return { $record: Object.entries(tree).map(([k, v]) => [k, packTree(v)]) };
  throw new PathwiseTypeError(`portable run: parameters must be tensors in records and arrays, got ${show(tree)}`);
}

export function unpackTree(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(unpackTree);
  if (json !== null && typeof json === 'object') {
    const { $tensor: t, $record: r } = json as { $tensor?: PackedTensor; $record?: unknown };
    if (t !== undefined) return unpackTensor(t);
    if (Array.isArray(r) && r.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')) {
      return Object.fromEntries((r as [string, unknown][]).map(([k, v]) => [k, unpackTree(v)]));
    }
  }
  throw new PathwiseTypeError(`portable run: packed parameters hold a non-tensor ${show(json)}`);
}

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
