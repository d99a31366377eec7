/**
 * Trees of numbers, strings, booleans and tensors (records and arrays) as JSON, for runs that travel to worker threads and
 * cluster workers. Tensors travel as base64 of their little-endian float64 bytes, so every bit survives;
 * a number that JSON would change (−0 becomes 0, NaN and ±Infinity become null) travels as a string.
 * Records travel as lists of [key, value] pairs: a cluster stores a run's spec as JSON with sorted keys, and
 * the order of a record's keys is the order of the gradient's columns, which must be the submitter's (as an
 * object, { sigma, mu } came back as { mu, sigma } and a worker's columns were swapped). Browser-safe.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { PathwiseRangeError, PathwiseTypeError, show } from './errors.js';
import { Tensor } from './tensor/tensor.js';

/** A tensor as JSON: its shape and its float64 values, little-endian, in base64. */
export interface PackedTensor {
  readonly shape: readonly number[];
  readonly f64: string;
}

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

/** A number as JSON: itself when JSON keeps it, else { $number: '-0' | 'NaN' | 'Infinity' | '-Infinity' }. */
function packNumber(x: number): unknown {
  if (Number.isFinite(x) && !Object.is(x, -0)) return x;
  return { $number: Object.is(x, -0) ? '-0' : String(x) };
}

/**
 * A tree of numbers, strings, booleans, nulls and tensors in records and arrays, as JSON that keeps every bit
 * and every key order: tensors packed, numbers JSON would change as strings, records as lists of pairs (a
 * record's entries that are undefined are left out, as JSON does).
 */
export function packTree(tree: unknown): unknown {
  if (typeof tree === 'number') return packNumber(tree);
  if (typeof tree === 'string' || typeof tree === 'boolean' || tree === null) return tree;
  if (tree instanceof Tensor) return { $tensor: packTensor(tree) };
  if (Array.isArray(tree)) return tree.map(packTree);
  if (typeof tree === 'object') return { $record: Object.entries(tree).filter(([, v]) => v !== undefined).map(([k, v]) => [k, packTree(v)]) };
  throw new PathwiseTypeError(`portable run: a run's arguments must be numbers, strings, booleans, tensors, arrays or records, got ${show(tree)}`);
}

/** The inverse of {@link packTree}. */
export function unpackTree(json: unknown): unknown {
  if (typeof json === 'number' || typeof json === 'string' || typeof json === 'boolean' || json === null) return json;
  if (Array.isArray(json)) return json.map(unpackTree);
  if (json !== null && typeof json === 'object') {
    const { $tensor: t, $record: r, $number: n } = json as { $tensor?: PackedTensor; $record?: unknown; $number?: unknown };
    if (t !== undefined) return unpackTensor(t);
    if (n === '-0') return -0;
    if (n === 'NaN' || n === 'Infinity' || n === '-Infinity') return Number(n);
    if (Array.isArray(r) && r.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')) {
      return Object.fromEntries((r as [string, unknown][]).map(([k, v]) => [k, unpackTree(v)]));
    }
  }
  throw new PathwiseTypeError(`portable run: not a packed tree (numbers, strings, booleans, tensors, arrays, records): ${show(json)}`);
}
