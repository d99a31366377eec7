/** `sde.sensitivity` on the driver: the same bits at any batch size, in every mode. */
import { describe, it } from 'vitest';
import * as pw from '../../src/index.js';
import { sensitivity } from '../../src/sde/index.js';
import { gbm } from '../sde/helpers.js';
import { expectSameBits } from './helpers.js';

function sameAcrossBatches(run: (batchSize: number | undefined) => unknown): void {
  const reference = run(undefined);
  for (const batchSize of [1, 7, 1000, 16384]) expectSameBits(run(batchSize), reference, `batchSize ${batchSize}`);
}

describe('sde.sensitivity: the same bits at any batch size', () => {
  for (const mode of ['forward', 'adjoint', 'fd', 'score'] as const) {
    it(`mode ${mode}, several blocks`, () => {
      sameAcrossBatches((batchSize) => sensitivity({
        ...gbm(pw.key(21), 1500, 8), loss: (x) => pw.square(x), mode, blockSize: 512, checkpointEvery: 3,
        ...(batchSize !== undefined ? { batchSize } : {}),
      }));
    });
  }
  it('auto on a discontinuous loss (the likelihood ratio is chosen)', () => {
    sameAcrossBatches((batchSize) => sensitivity({
      ...gbm(pw.key(22), 1200, 6), loss: (x) => pw.step(x.sub(1.1)), blockSize: 500,
      ...(batchSize !== undefined ? { batchSize } : {}),
    }));
  });
});
