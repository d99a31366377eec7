/** Node-only: reads MNIST-style IDX files (optionally gzipped, as distributed) that a user provides. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { idxImageDataset, parseIdx } from './idx.js';
import type { ImageDataset } from './dataset.js';

function readMaybeGzip(path: string): Uint8Array {
  const b = readFileSync(path);
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
}

/**
 * The array in an IDX file (plain or .gz).
 * @example const { shape } = loadIdx('t10k-labels-idx1-ubyte.gz');   // [10000]
 */
export function loadIdx(path: string): { shape: number[]; data: Float64Array } {
  return parseIdx(readMaybeGzip(path));
}

/**
 * An image data set from an IDX image file and an IDX label file (e.g. MNIST's train-images-idx3-ubyte
 * and train-labels-idx1-ubyte, plain or gzipped), pixels scaled to [0, 1].
 * @example const mnist = loadMnist('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz');
 */
export function loadMnist(imagesPath: string, labelsPath: string): ImageDataset {
  return idxImageDataset(readMaybeGzip(imagesPath), readMaybeGzip(labelsPath));
}
