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
 * The row indices of a keyed random split of n examples: round(n·testFraction) for test, the rest for
 * training (what {@link trainTestSplit} takes; a worker names shipped rows by these indices).
 * @example
 * const { train, test } = splitIndices(1797, key(0), 0.2);
 * [train.length, test.length];   // [1438, 359]
 */
export function splitIndices(n: number, k: Key, testFraction = 0.2): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new PathwiseRangeError(`trainTestSplit: testFraction must be in (0, 1), got ${show(testFraction)}`);
  const p = permutation(k, n);
  const nTest = Math.round(n * testFraction);
  return { test: p.subarray(0, nTest), train: p.subarray(nTest) };
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
  const { train, test } = splitIndices(ds.labels.length, k, testFraction);
  const pick = (idx: Int32Array): ImageDataset => ({
    images: rows(ds.images, idx), labels: Int32Array.from(idx, (i) => ds.labels[i]!), width: ds.width, height: ds.height,
  });
  return { test: pick(test), train: pick(train) };
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
