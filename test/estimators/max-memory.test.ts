/**
 * The library's memory budget: `maxMemory` on expectation (grad, value, compare) and sde.sensitivity refuses a
 * request estimated to hold more than that many bytes at once, with a PathwiseRangeError naming the estimate
 * and what it comes from, before any work (no block computed, no pilot run).
 */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { models, sensitivity } from '../../src/sde/index.js';

const objective = () => pw.expectation<{ mu: number }>((p, s) => pw.square(s.sample('z', pw.Normal(p.mu, 1))));

describe('maxMemory: refused before any work', () => {
  it('expectation: a huge block or batch is refused, naming the estimate and the limit', () => {
    let calls = 0;
    const program = pw.expectation<{ mu: number }>((p, s) => {
      calls++;
      return pw.square(s.sample('z', pw.Normal(p.mu, 1)));
    });
    const t0 = performance.now();
    for (const o of [{ blockSize: 1e12, batchSize: 1e12 }, { blockSize: 1e10 }, { batchSize: 1e9, blockSize: 1e9 }]) {
      expect(() => program.grad({ mu: 0.1 }, { samples: 1e12, ...o, maxMemory: 2e9 }))
        .toThrow(/^grad: the request needs about [\d.]+ [kMGTP]B of memory \(2 columns × block of [\de+]+, batch of [\de+]+\), over maxMemory 2 GB; ask for less or raise maxMemory$/);
    }
    expect(() => program.value({ mu: 0.1 }, { samples: 1e12, blockSize: 1e12, maxMemory: 2e9 })).toThrow(pw.PathwiseRangeError);
    expect(calls, 'the program never ran: no pilot, no block').toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
    const rows = program.compare({ mu: 0.1 }, { samples: 1e12, blockSize: 1e12, maxMemory: 2e9, estimators: ['pathwise'] });
    expect(rows[0]!.error).toMatch(/over maxMemory 2 GB/);
  });

  it('expectation: kept samples count, and a run within the budget is the same bits as without one', () => {
    const o = objective();
    expect(() => o.grad({ mu: 0.1 }, { samples: 1e9, keepSamples: 1e9, maxMemory: 2e9 })).toThrow(/keepSamples 1e\+9\), over maxMemory 2 GB/);
    const a = o.grad({ mu: 0.1 }, { samples: 20_000, seed: 3 });
    const b = o.grad({ mu: 0.1 }, { samples: 20_000, seed: 3, maxMemory: 2e9 });
    expect(b.grad.mu.mean === a.grad.mu.mean && b.grad.mu.stderr === a.grad.mu.stderr).toBe(true);
    // the estimate of this small run (about 4.5 MB) is refused under a 1 MB budget
    expect(() => o.grad({ mu: 0.1 }, { samples: 20_000, maxMemory: 1e6 })).toThrow(/over maxMemory 1 MB/);
  });

  it('bad maxMemory values are range errors naming the value', () => {
    const o = objective();
    for (const v of [-1, 0, Number.NaN, '2GB']) {
      expect(() => o.grad({ mu: 0.1 }, { samples: 100, maxMemory: v as number })).toThrow(`grad: maxMemory must be a positive number of bytes, got ${v === '2GB' ? '"2GB"' : String(v)}`);
    }
  });

  it('sde.sensitivity: a long adjoint tape or a fine grid is refused before the pilot', () => {
    const g = models.gbm(1000, 16, 1);
    const t0 = performance.now();
    expect(() => sensitivity({ ...g, steps: 1e9, mode: 'adjoint', maxMemory: 2e9 }))
      .toThrow(/^sde\.sensitivity: the request needs about [\d.]+ [kMGTP]B of memory \(batch of 1000 paths × 3 state and tangent values × segment of 31623 steps, grid of 1e\+9\), over maxMemory 2 GB/);
    expect(() => sensitivity({ ...g, paths: 1e9, batchSize: 1e9, blockSize: 1e9, mode: 'forward', maxMemory: 2e9 })).toThrow(pw.PathwiseRangeError);
    expect(performance.now() - t0).toBeLessThan(1000);
    const a = sensitivity(g), b = sensitivity({ ...g, maxMemory: 2e9 });
    expect(b.grad.mu!.mean === a.grad.mu!.mean && b.grad.mu!.stderr === a.grad.mu!.stderr).toBe(true);
  });
});
