/** Inputs the bad-input census (scripts/bad-input-census.ts) found accepted or answered with NaN, now errors. */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { models, sensitivity } from '../../src/sde/index.js';

describe('bad options found by the census', () => {
  const o = pw.expectation<{ mu: number }>((p, s) => pw.square(s.sample('z', pw.Normal(p.mu, 1))));
  it('fdStep is checked whenever it is given, not only under estimator fd', () => {
    expect(() => o.grad({ mu: 0 }, { samples: 100, fdStep: 0 })).toThrow('grad: fdStep must be > 0 and finite, got 0');
    expect(() => o.grad({ mu: 0 }, { samples: 100, fdStep: -1, estimator: 'fd' })).toThrow('fd: fdStep must be > 0 and finite, got -1');
  });
  it('compare with samples: 0 throws instead of returning an error row per estimator', () => {
    expect(() => o.compare({ mu: 0 }, { samples: 0 })).toThrow('compare: samples must be an integer ≥ 2, got 0');
    return expect(o.compareAsync({ mu: 0 }, { samples: 0 })).rejects.toThrow('compare: samples must be an integer ≥ 2, got 0');
  });
  it('sde.sensitivity with one path: an error, not a NaN stderr', () => {
    expect(() => sensitivity({ ...models.gbm(1, 8, 1) })).toThrow('sde.sensitivity: paths must be ≥ 2 (a standard error needs two paths), got 1');
  });
});
