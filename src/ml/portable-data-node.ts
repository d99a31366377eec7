/**
 * Node-only: a worker turns a run's portable data back into the tensor the submitter used, loading shipped
 * data sets from its own installation (once per process) and refusing rows that differ from the submitter's.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import type { ImageDataset } from './data/dataset.js';
import { loadDigits } from './data/digits-node.js';
import { rows } from './minibatches.js';
import { unpackTensor } from '../portable-json.js';
import { checksum, type PortableData } from './portable-data.js';

let digits: ImageDataset | undefined;

export function loadPortableData(d: PortableData): Tensor {
  if ('inline' in d) return unpackTensor(d.inline);
  if (d.dataset !== 'digits') throw new PathwiseRangeError(`portable run: unknown data set ${show(d.dataset)} (this worker has: digits)`);
  digits ??= loadDigits();
  const n = digits.labels.length;
  const bad = d.rows.find((r) => !(Number.isSafeInteger(r) && r >= 0 && r < n));
  if (bad !== undefined) throw new PathwiseRangeError(`portable run: digits row ${show(bad)} is outside [0, ${n})`);
  const x = rows(digits.images, d.rows);
  const here = checksum(x);
  if (here !== d.checksum) {
    throw new PathwiseRangeError(`portable run: this worker's digits rows have checksum ${here}, the submitter's ${d.checksum}: the machines ship different data files`);
  }
  return x;
}
