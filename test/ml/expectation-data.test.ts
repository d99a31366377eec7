/**
 * What the trainers need from `expectation`, tested on closed forms: a data minibatch the samples run over
 * (`data`, `s.data`), the leave-one-out baseline per data row (REINFORCE with S samples per image), and the
 * batch-means group count of reverse mode (`groups`); with data, the same bits at any batch size.
 */
import { describe, expect, it } from 'vitest';
import { Bernoulli, Normal, PathwiseError, PathwiseRangeError, expectation, gather, matmul, mul, add, square, sum, tensor, type Tensor } from '../../src/index.js';
import { centeredCosts } from '../../src/estimators/baselines.js';

const sig = (t: number) => 1 / (1 + Math.exp(-t));

describe('expectation with data rows', () => {
  const x = tensor([[1], [2], [4]]);   // D = 3 rows

  it('sample i sees row i mod D: the value of the row itself is their mean, exactly', () => {
    const o = expectation<{ a: number }>((_p, s) => sum(s.data, 1));
    const v = o.value({ a: 0 }, { data: x, samples: 3 * 5, seed: 1 });
    expect(v.mean).toBe(7 / 3);
    expect(o.value({ a: 0 }, { data: x, samples: 3 * 5, seed: 1, batchSize: 4 }).mean).toBe(7 / 3);
    // The whole data and each sample's row index give the same rows (per-row work done once, then gathered).
    const viaIndex = expectation<{ a: number }>((_p, s) => {
      expect(Array.from(gather(s.dataRows, s.dataIndex).data)).toEqual(Array.from(s.data.data));
      return sum(s.data, 1);
    });
    expect(viaIndex.value({ a: 0 }, { data: x, samples: 3 * 5, seed: 1, batchSize: 4 }).mean).toBe(7 / 3);
  });

  it('score function with the leave-one-out baseline per data row: the closed form, and large row offsets cost nothing', () => {
    // z ~ Bernoulli(σ(θ)), cost z·x + 1000·x²: E = σ(θ)·mean(x) + const, so ∂E/∂θ = σ'(θ)·mean(x). The row
    // offset 1000x² differs between rows; a baseline over the same row removes it exactly.
    const o = expectation<{ theta: Tensor }>((p, s) => {
      const d = sum(s.data, 1);
      const z = s.sample('z', Bernoulli({ logits: p.theta }), { estimator: 'score' });
      return add(mul(z, d), mul(square(d), 1000));
    });
    const theta = 0.3, truth = sig(theta) * (1 - sig(theta)) * (7 / 3);
    const r = o.grad({ theta: tensor(theta) }, { data: x, samples: 3 * 4000, seed: 3, mode: 'forward' });
    const g = r.grad.theta;
    expect(Math.abs(g.mean.item() - truth)).toBeLessThan(5 * g.stderr.item());
    // Without the offset the per-sample variance is the same to a few per cent: the offset was removed.
    const bare = expectation<{ theta: Tensor }>((p, s) => mul(s.sample('z', Bernoulli({ logits: p.theta }), { estimator: 'score' }), sum(s.data, 1)));
    const b = bare.grad({ theta: tensor(theta) }, { data: x, samples: 3 * 4000, seed: 3, mode: 'forward' }).grad.theta;
    expect(g.variance.item() / b.variance.item()).toBeCloseTo(1, 6);
  });

  it('centeredCosts per data row: each sample centred on the mean of the other samples of its row', () => {
    // rows of samples 0…5 with D = 2, block starting at sample 1: rows 1, 0, 1, 0, 1 → values by row
    const f = new Float64Array([10, 1, 20, 3, 30]);
    const c = centeredCosts('loo', f, null, null, { start: 1, period: 2 });
    expect(Array.from(c)).toEqual([10 - 25, 1 - 3, 20 - 20, 3 - 1, 30 - 15]);
    // One sample alone in its row has nothing to leave one out of: no baseline.
    expect(Array.from(centeredCosts('loo', new Float64Array([5, 7]), null, null, { start: 0, period: 2 }))).toEqual([5, 7]);
  });

  it('the same bits at any batch size, and `groups` sets the batch means of reverse mode', () => {
    // A weight matrix meets the samples in a reduction (z·w sums over the rows in the backward pass), so reverse
    // mode uses batch means.
    const o = expectation<{ w: Tensor }>((p, s) => {
      const z = s.sample('z', Normal(s.data, 1), { perSample: true });
      return sum(square(matmul(z, p.w)), 1);
    });
    const p = { w: tensor([[0.5]]) };
    const base = { data: x, samples: 999, seed: 9, mode: 'reverse' as const, groups: 4 };
    const a = o.grad(p, base), b = o.grad(p, { ...base, batchSize: 7 });
    expect(b.value.mean).toBe(a.value.mean);
    expect(b.grad.w.mean.item()).toBe(a.grad.w.mean.item());
    expect(b.grad.w.stderr.item()).toBe(a.grad.w.stderr.item());
    expect(a.diagnostics.stderrMethod).toBe('batch means over 4 groups (up to 4 per block)');
    // E[(zw)²] = w²(x² + 1) averaged over the rows: ∂/∂w = 2w·(mean(x²) + 1) = 2·0.5·8 = 8.
    expect(Math.abs(a.grad.w.mean.item() - 8)).toBeLessThan(5 * a.grad.w.stderr.item());
  });

  it('refuses bad data and group counts, naming the value', () => {
    const o = expectation<{ a: number }>((_p, s) => sum(s.data, 1));
    expect(() => o.value({ a: 0 }, { data: [1, 2] as never, samples: 4 })).toThrow(PathwiseRangeError);
    expect(() => o.grad({ a: 0 }, { data: x, samples: 4, groups: 1 })).toThrow(/groups must be an integer ≥ 2, got 1/);
    const plain = expectation<{ a: number }>((_p, s) => sum(s.data, 1));
    expect(() => plain.value({ a: 0 }, { samples: 4 })).toThrow(PathwiseError);
    expect(() => plain.value({ a: 0 }, { samples: 4 })).toThrow(/s\.data: the run was given no data/);
  });
});
