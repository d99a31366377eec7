/**
 * Keyed shuffling and minibatches. The order of an epoch is a pure function of its key (use
 * `foldIn(key, epoch)` for epoch after epoch), so a training run is reproduced from its seed alone.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { gather } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { uniform } from '../random/uniform.js';

/**
 * A uniformly random permutation of 0..n−1 by Fisher–Yates (Durstenfeld's in-place form), swap i
 * drawing uniform i of the key's stream.
 * @example permutation(key(3), 5)   // Int32Array of 0..4 in a key-determined order
 */
export function permutation(k: Key, n: number): Int32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 31 - 1) throw new PathwiseRangeError(`permutation: n must be an integer in [0, 2^31), got ${show(n)}`);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  const u = uniform(k, Math.max(0, n - 1));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[n - 1 - i]! * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

export interface MinibatchOptions {
  /** Drop a last batch smaller than batchSize (default false). */
  readonly dropLast?: boolean;
}

/**
 * Index batches of one epoch over n examples, shuffled by the key.
 * @example
 * const xTrain = loadDigits().images;
 * let batches = 0;
 * for (const idx of minibatches(foldIn(key(0), 1), 1797, 128)) { rows(xTrain, idx); batches++; }
 * batches;   // 15 (14 of 128, then one of 5)
 * [...minibatches(key(0), 10, 0)];   // throws PathwiseRangeError: minibatches: batchSize must be a positive integer, got 0
 */
export function* minibatches(k: Key, n: number, batchSize: number, options: MinibatchOptions = {}): Generator<Int32Array> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new PathwiseRangeError(`minibatches: batchSize must be a positive integer, got ${show(batchSize)}`);
  const p = permutation(k, n);
  for (let s = 0; s < n; s += batchSize) {
    const e = Math.min(n, s + batchSize);
    if (e - s < batchSize && options.dropLast === true && s > 0) return;
    yield p.subarray(s, e);
  }
}

/**
 * The rows `idx` of a [n, …] tensor (a differentiable gather along axis 0).
 * @example rows(tensor([[1], [2], [3]]), Int32Array.of(2, 0)).toArray()   // [[3], [1]]
 */
export function rows(x: Tensor, idx: Int32Array | readonly number[]): Tensor {
  return gather(x, idx, 0);
}
