/** `greeks` on the driver: the same bits at any batch size, for every method, QMC included. */
import { describe, it } from 'vitest';
import { greeks } from '../../src/finance/index.js';
import type { GreeksOptions, ModelSpec, PayoffSpec } from '../../src/finance/types.js';
import { expectSameBits } from './helpers.js';

const market = { spot: 100, vol: 0.25, rate: 0.03, maturity: 1, dividend: 0.01 };
const heston: ModelSpec = { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.4, rho: -0.6 };

function sameAcrossBatches(model: ModelSpec, payoff: PayoffSpec, o: GreeksOptions, batches: number[]): void {
  const reference = greeks(model, payoff, market, o);
  for (const batchSize of batches) expectSameBits(greeks(model, payoff, market, { ...o, batchSize }), reference, `batchSize ${batchSize}`);
}

describe('greeks: the same bits at any batch size', () => {
  it('European call, every Black–Scholes method (fused kernel included), batch 1 … 16384', () => {
    sameAcrossBatches({ kind: 'bs' }, { kind: 'call', strike: 105 },
      { paths: 1500, seed: 3, blockSize: 512, methods: ['pathwise', 'lr', 'mixed', 'fd', 'auto'] }, [1, 7, 1000, 16384]);
  });
  it('digital and Asian with several blocks', () => {
    sameAcrossBatches({ kind: 'bs' }, { kind: 'digital-put', strike: 95 }, { paths: 3000, seed: 4, blockSize: 1024, methods: ['pathwise', 'lr', 'fd', 'auto'] }, [7, 1000, 16384]);
    sameAcrossBatches({ kind: 'bs' }, { kind: 'asian-call', strike: 100, fixings: 6 }, { paths: 2500, seed: 5, blockSize: 1024, methods: ['pathwise', 'lr', 'mixed', 'fd'] }, [7, 1000]);
  });
  it('discrete barrier by the conditional estimator', () => {
    sameAcrossBatches({ kind: 'bs' }, { kind: 'barrier', strike: 100, barrier: 120, barrierType: 'up-out' },
      { paths: 2000, seed: 6, blockSize: 1024, steps: 8, methods: ['conditional', 'fd', 'auto'] }, [7, 1000]);
  });
  it('Heston: pathwise, vibrato, fd', () => {
    sameAcrossBatches(heston, { kind: 'put', strike: 100 }, { paths: 3000, seed: 7, steps: 10, greeks: ['delta', 'vega'], methods: ['pathwise', 'vibrato', 'fd', 'auto'] }, [7, 1000]);
  });
  it('randomized QMC (scrambled Sobol replicates)', () => {
    sameAcrossBatches({ kind: 'bs' }, { kind: 'asian-put', strike: 100, fixings: 4 },
      { paths: 4096, seed: 8, qmc: 'sobol', replicates: 8, blockSize: 128, methods: ['pathwise', 'lr'] }, [7, 100, 16384]);
  });
});
