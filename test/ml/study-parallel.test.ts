/**
 * The VAE gradient-variance study (train vae's estimator study) on worker threads: workers 1, 2 and 3 give
 * `===` results to the one-thread study, whether the data travel by name (shipped digits rows, loaded by each
 * worker) or inline; data too large to travel keep the study on the calling thread with the reason; a worker
 * whose rows differ from the submitter's fails the run with the checksum, not with other numbers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../src/parallel/index.js';
import { closeThreadPools } from '../../src/parallel/index.js';
import { DIGITS_VAE, MAX_INLINE_VALUES, gradientVariance, gradientVarianceAsync, initVae, rows, splitIndices, trainTestSplit } from '../../src/ml/index.js';
import { loadDigits } from '../../src/ml/node.js';
import { key } from '../../src/random/key.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { packTree, unpackTree } from '../../src/portable-json.js';
import { canonicalJSON } from '../../src/parallel/run-spec.js';
import { expectSameBits } from '../montecarlo/helpers.js';

const digits = loadDigits();
const params = initVae(key(3), DIGITS_VAE);
const idx = Array.from(splitIndices(digits.labels.length, key(1), 0.2).test.subarray(0, 2));
const x = rows(digits.images, idx);
const study = { samples: 48, blockSize: 12, key: key(7) };
const reference = gradientVariance(params, x, DIGITS_VAE, study);

afterAll(() => closeThreadPools());

describe('gradientVarianceAsync', () => {
  it('the test split\'s rows are the shipped digits rows splitIndices names', () => {
    expectSameBits(rows(trainTestSplit(digits, key(1), 0.2).test.images, [0, 1]), x, 'rows');
  });

  it('weights travel with their exact bits and their key order, through the sorted-key JSON a cluster stores', () => {
    expectSameBits(unpackTree(JSON.parse(canonicalJSON(packTree(params)))), params, 'params');
  });

  it('workers 1, 2, 3: the bits of the one-thread study, data by name and inline', async () => {
    for (const source of [{ dataset: 'digits' as const, rows: idx }, undefined]) {
      for (const workers of [1, 2, 3]) {
        const { execution, ...r } = await gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, workers, ...(source ? { source } : {}) });
        expect(execution).toMatchObject({ where: workers === 1 ? 'calling thread' : 'worker threads', workers });
        expectSameBits(r, reference, `workers ${workers} ${source ? 'by name' : 'inline'}`);
      }
    }
  }, 300_000);

  it('progress counts the blocks of the four runs', async () => {
    const seen: [number, number][] = [];
    await gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, workers: 1, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.map(([d]) => d)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(new Set(seen.map(([, t]) => t))).toEqual(new Set([16]));
  });

  it('data too large to travel inline: the calling thread, and the reason', async () => {
    const big = new Tensor(new Float64Array(MAX_INLINE_VALUES + 64).fill(0.5), [(MAX_INLINE_VALUES + 64) / 64, 64]);
    const r = await gradientVarianceAsync(params, big, DIGITS_VAE, { samples: 2, blockSize: 1, key: key(1), workers: 2 });
    expect(r.execution).toEqual({ where: 'calling thread', workers: 1, reason: expect.stringMatching(/too large to travel.*source: \{ dataset: 'digits', rows \}/) });
  }, 120_000);

  it('rows that are not the submitter\'s data fail the run with the checksum', async () => {
    await expect(gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, workers: 2, source: { dataset: 'digits', rows: [idx[1]!, idx[0]!] } }))
      .rejects.toThrow(/checksum [0-9a-f]{8}, the submitter's [0-9a-f]{8}/);
  }, 120_000);

  it('bad options: one clear error', async () => {
    await expect(gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, blockSize: 0 })).rejects.toThrow(/blockSize must be a positive integer.*got 0/);
    await expect(gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, workers: 0 })).rejects.toThrow(/workers must be a positive integer/);
    await expect(gradientVarianceAsync(params, x, DIGITS_VAE, { ...study, source: { dataset: 'digits', rows: [1] } })).rejects.toThrow(/rows must be 2 row indices/);
  });
});
