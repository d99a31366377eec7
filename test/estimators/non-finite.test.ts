/**
 * NaN or ±Infinity in a run: an error naming the column, the count and the site or op that made it, or, with
 * `nonFinite: 'drop'`, an estimate over the finite samples flagged biased with the count in a warning.
 */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { expectWithin } from './helpers.js';

const logOfNormal = () => pw.expectation<{ mu: number }>((p, s) => pw.log(s.sample('z', pw.Normal(p.mu, 1))));

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** ∫ g(z) φ(z − μ) dz over z > 0 by Simpson's rule in t = log z (the log singularity becomes harmless). */
function overPositive(g: (z: number) => number, mu: number): number {
  const a = -60, b = 4, n = 20_000, h = (b - a) / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const z = Math.exp(a + i * h);
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * g(z) * Math.exp(-0.5 * (z - mu) ** 2) / Math.sqrt(2 * Math.PI) * z;
  }
  return (s * h) / 3;
}

describe("nonFinite: 'error' (the default)", () => {
  it('names the column, the count of samples and the op (log of a negative sample)', () => {
    const o = logOfNormal();
    const e = thrown(() => o.grad({ mu: 0.1 }, { samples: 20_000, seed: 1, estimator: 'pathwise' }));
    expect(e).toBeInstanceOf(pw.NonFiniteError);
    // The count is the number of negative draws: the kept count of a 'drop' run on the same samples.
    const kept = o.grad({ mu: 0.1 }, { samples: 20_000, seed: 1, estimator: 'pathwise', nonFinite: 'drop' }).value.n;
    expect(e.message).toContain(`grad: NaN or ±Infinity in the cost (${20_000 - kept} of 20000 samples)`);
    expect(e.message).toMatch(/First in block 0: op 'log' produced NaN at index \d+ of an output of shape \[16384\] from finite inputs \(e\.g\. -\d/);
    expect(e.message).toContain("nonFinite: 'drop'");
  });

  it('names the parameter when only a gradient term is non-finite', () => {
    const o = pw.expectation<{ mu: number }>((p, s) => pw.sqrt(s.sample('z', pw.Normal(p.mu, 1)).mul(0)));
    const e = thrown(() => o.grad({ mu: 0.1 }, { samples: 2_000, seed: 1 }));
    expect(e).toBeInstanceOf(pw.NonFiniteError);
    expect(e.message).toContain('NaN or ±Infinity in the gradient of mu (2000 of 2000 samples)');
    expect(e.message).not.toContain('in the cost');
    expect(e.message).toMatch(/op 'div' produced -?Infinity/);
  });

  it('names the site whose sampler overflowed', () => {
    const o = pw.expectation<{ mu: number }>((p, s) => s.sample('wide', pw.Normal(p.mu, 1e308)));
    const e = thrown(() => o.grad({ mu: 0.1 }, { samples: 2_000, seed: 1 }));
    expect(e).toBeInstanceOf(pw.NonFiniteError);
    expect(e.message).toMatch(/in the cost \(\d+ of 2000 samples\)/);
    expect(e.message).toContain("site 'wide' (Normal), sampling: op 'mul' produced");
  });

  it('counts batch-means groups in reverse mode, and value() names the op too', () => {
    const o = logOfNormal();
    expect(thrown(() => o.grad({ mu: 0.1 }, { samples: 20_000, seed: 1, mode: 'reverse' })).message)
      .toMatch(/the cost \(\d+ of 64 batch-means groups of 20000 samples\)/);
    expect(thrown(() => o.value({ mu: 0.1 }, { samples: 1_000, seed: 1 })).message).toMatch(/^value: NaN or ±Infinity in the cost \(\d+ of 1000 samples\).*op 'log'/);
  });

  it('leaves the debug check as it was', () => {
    thrown(() => logOfNormal().grad({ mu: 0.1 }, { samples: 1_000, seed: 1 }));
    expect(() => pw.log(pw.tensor([-1]))).not.toThrow();
  });

  it('compare reports the rows as failed errors', () => {
    const rows = logOfNormal().compare({ mu: 0.1 }, { samples: 2_000, seed: 1, estimators: ['pathwise', 'score'] });
    for (const r of rows) {
      expect(r.failed).toBe(true);
      expect(r.error).toMatch(/NaN or ±Infinity in the cost/);
    }
  });
});

describe("nonFinite: 'drop'", () => {
  const mu = 0.1;
  const pA = overPositive(() => 1, mu);
  const meanLog = overPositive(Math.log, mu) / pA;   // E[log z | z > 0]

  it('estimates over the finite samples, flagged biased with the count', () => {
    const r = logOfNormal().grad({ mu }, { samples: 100_000, seed: 2, estimator: 'score', nonFinite: 'drop' });
    const dropped = 100_000 - r.value.n;
    // P(z ≤ 0) = 1 − Φ(0.1) = 0.46017: the dropped count is a binomial draw around it.
    expect(Math.abs(dropped - 100_000 * (1 - pA))).toBeLessThan(5 * Math.sqrt(100_000 * pA * (1 - pA)));
    expect(r.diagnostics.biased).toBe(true);
    expect(r.diagnostics.warnings.some((w) => w.startsWith(`dropped ${dropped} of 100000 samples holding NaN or ±Infinity (the cost: ${dropped}`) && /op 'log'/.test(w) && /biased$/.test(w))).toBe(true);
    expectWithin(r.value, meanLog, 5, 'E[log z | z > 0]');
    // Score with the leave-one-out baseline over the kept samples: Cov(log z, z − μ | z > 0).
    const cov = overPositive((z) => Math.log(z) * z, mu) / pA - meanLog * (overPositive((z) => z, mu) / pA);
    expectWithin(r.grad.mu, cov, 5, 'Cov(log z, z | z > 0)');
  });

  it('the same bits at any batch size', () => {
    const o = logOfNormal();
    const run = (batchSize: number) => o.grad({ mu }, { samples: 40_000, seed: 3, estimator: 'score', nonFinite: 'drop', batchSize });
    const a = run(40_000), b = run(1_000);
    expect(b.grad.mu.mean === a.grad.mu.mean && b.grad.mu.stderr === a.grad.mu.stderr && b.value.mean === a.value.mean).toBe(true);
  });

  it('a finite run is the same bits with either policy, and unflagged', () => {
    const o = pw.expectation<{ mu: number }>((p, s) => pw.square(s.sample('z', pw.Normal(p.mu, 1))));
    const a = o.grad({ mu }, { samples: 20_000, seed: 4 });
    const b = o.grad({ mu }, { samples: 20_000, seed: 4, nonFinite: 'drop' });
    expect(b.grad.mu.mean === a.grad.mu.mean && b.grad.mu.stderr === a.grad.mu.stderr).toBe(true);
    expect(b.diagnostics.biased).toBe(false);
    expect(b.diagnostics.warnings).toEqual([]);
  });

  it('all samples dropped is an error, not NaN', () => {
    const o = pw.expectation<{ mu: number }>((p, s) => pw.log(s.sample('z', pw.Normal(p.mu, 1)).sub(100)));
    const e = thrown(() => o.grad({ mu }, { samples: 1_000, seed: 1, nonFinite: 'drop' }));
    expect(e).toBeInstanceOf(pw.NonFiniteError);
    expect(e.message).toContain('in 1000 of 1000 samples, leaving 0 after dropping them');
  });

  it('refuses reverse mode and unknown policies', () => {
    const o = logOfNormal();
    expect(() => o.grad({ mu }, { samples: 1_000, mode: 'reverse', nonFinite: 'drop' })).toThrow(pw.PathwiseRangeError);
    expect(() => o.grad({ mu }, { samples: 1_000, nonFinite: 'skip' as 'drop' })).toThrow('grad: nonFinite must be one of error, drop; got "skip"');
  });
});
