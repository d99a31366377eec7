/** An image data set in memory, and its keyed train/test split. */
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Key } from '../../random/key.js';
import { permutation, rows } from '../minibatches.js';

/** Images as rows of a [n, height·width] tensor with values in [0, 1], and their integer labels. */
export interface ImageDataset {
  readonly images: Tensor;
  readonly labels: Int32Array;
  readonly width: number;
  readonly height: number;
}

/**
 * A keyed random split: round(n·testFraction) examples for test, the rest for training. Shuffled, not
 * stratified (the digits' ten classes are balanced to within a few per cent, so a random split is too).
 * @example
 * const ds = loadDigits();
 * const { train, test } = trainTestSplit(ds, key(0), 0.2);
 * [train.labels.length, test.labels.length];   // [1438, 359]
 * trainTestSplit(ds, key(0), 1);   // throws PathwiseRangeError: testFraction must be in (0, 1)
 */
export function trainTestSplit(ds: ImageDataset, k: Key, testFraction = 0.2): { train: ImageDataset; test: ImageDataset } {
  if (!(testFraction > 0 && testFraction < 1)) throw new PathwiseRangeError(`trainTestSplit: testFraction must be in (0, 1), got ${show(testFraction)}`);
  const n = ds.labels.length;
  const p = permutation(k, n);
  const nTest = Math.round(n * testFraction);
  const pick = (idx: Int32Array): ImageDataset => ({
    images: rows(ds.images, idx), labels: Int32Array.from(idx, (i) => ds.labels[i]!), width: ds.width, height: ds.height,
  });
  return { test: pick(p.subarray(0, nTest)), train: pick(p.subarray(nTest)) };
}

/**
 * The first `n` examples of a data set (for quick runs and tests).
 * @example
 * const ds = loadDigits();
 * take(ds, 100).labels.length;   // 100
 */
export function take(ds: ImageDataset, n: number): ImageDataset {
  const m = Math.min(n, ds.labels.length);
  const idx = Int32Array.from({ length: m }, (_, i) => i);
  return { images: rows(ds.images, idx), labels: ds.labels.slice(0, m), width: ds.width, height: ds.height };
}
