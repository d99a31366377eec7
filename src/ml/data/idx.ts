/**
 * The IDX format of MNIST (LeCun, Cortes & Burges, http://yann.lecun.com/exdb/mnist/): a 4-byte magic
 * number — two zero bytes, a type code, the number of dimensions — then each dimension as a big-endian
 * uint32, then the values in row-major order, big-endian. Parsing bytes here runs in browsers;
 * idx-node.ts reads files.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { ImageDataset } from './dataset.js';

/** Type codes of the format, with their byte widths and DataView readers. */
const TYPES: Record<number, { bytes: number; read: (v: DataView, at: number) => number }> = {
  0x08: { bytes: 1, read: (v, at) => v.getUint8(at) },
  0x09: { bytes: 1, read: (v, at) => v.getInt8(at) },
  0x0b: { bytes: 2, read: (v, at) => v.getInt16(at, false) },
  0x0c: { bytes: 4, read: (v, at) => v.getInt32(at, false) },
  0x0d: { bytes: 4, read: (v, at) => v.getFloat32(at, false) },
  0x0e: { bytes: 8, read: (v, at) => v.getFloat64(at, false) },
};

/**
 * The array stored in IDX bytes, as float64 values and a shape.
 * @example
 * parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 9))   // { shape: [2], data: Float64Array [7, 9] }
 * parseIdx(Uint8Array.of(1, 0, 8, 1))                    // throws PathwiseRangeError (bad magic number)
 */
export function parseIdx(bytes: Uint8Array): { shape: number[]; data: Float64Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new PathwiseRangeError(`parseIdx: not an IDX file (the magic number must start with two zero bytes, got ${show(Array.from(bytes.subarray(0, 4)))})`);
  }
  const type = TYPES[bytes[2]!];
  if (type === undefined) throw new PathwiseRangeError(`parseIdx: unknown type code 0x${bytes[2]!.toString(16)}`);
  const nd = bytes[3]!;
  const header = 4 + 4 * nd;
  if (bytes.length < header) throw new PathwiseRangeError(`parseIdx: truncated header (${bytes.length} bytes for ${nd} dimensions)`);
  const shape: number[] = [];
  for (let d = 0; d < nd; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const n = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + n * type.bytes) {
    throw new PathwiseRangeError(`parseIdx: expected ${header + n * type.bytes} bytes for shape ${show(shape)}, got ${bytes.length}`);
  }
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = type.read(view, header + i * type.bytes);
  return { shape, data };
}

/**
 * An image data set from IDX image bytes ([n, rows, cols] unsigned bytes, scaled to [0, 1]) and IDX
 * label bytes ([n]).
 * @example
 * // Two 2×2 images and their labels, as IDX bytes (MNIST's files have the same layout):
 * const imageBytes = Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 9, 9, 9, 9);
 * const labelBytes = Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 1);
 * const ds = idxImageDataset(imageBytes, labelBytes);
 * ds.images.shape;   // [2, 4]
 * ds.labels;         // [7, 1]
 */
export function idxImageDataset(imageBytes: Uint8Array, labelBytes: Uint8Array): ImageDataset {
  const im = parseIdx(imageBytes);
  const lb = parseIdx(labelBytes);
  if (im.shape.length !== 3) throw new PathwiseRangeError(`idxImageDataset: images must have 3 dimensions [n, rows, cols], got shape ${show(im.shape)}`);
  if (lb.shape.length !== 1 || lb.shape[0] !== im.shape[0]) {
    throw new PathwiseRangeError(`idxImageDataset: labels must have shape [${im.shape[0]}], got ${show(lb.shape)}`);
  }
  const [n, h, w] = im.shape as [number, number, number];
  const x = im.data;
  for (let i = 0; i < x.length; i++) x[i] = x[i]! / 255;
  return { images: new Tensor(x, [n, h * w]), labels: Int32Array.from(lb.data), width: w, height: h };
}
