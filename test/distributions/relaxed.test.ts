/**
 * Concrete / Gumbel-softmax relaxations and their straight-through variants: finite samples, densities
 * and gradients at temperature 1e-3 and logits ±50; the hard law behind them (P(z > ½) = p, arg-max
 * frequencies = probs); straight-through values exactly discrete with the relaxed gradient, declared
 * biased, and no discontinuity recorded.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { grad, jvp } from '../../src/ad/transforms.js';
import { add, sum } from '../../src/ad/ops/index.js';
import { markSource, traceDiscontinuities } from '../../src/ad/tracking.js';
import * as d from '../../src/distributions/index.js';
import { expectWithin5Se } from './helpers.js';

const finite = (t: Tensor): boolean => t.data.every(Number.isFinite);

describe('relaxations stay finite at extreme temperatures and logits', () => {
  for (const tau of [1e-3, 0.1, 1, 10]) {
    for (const logit of [-50, 0, 50]) {
      it(`RelaxedBernoulli τ = ${tau}, logit = ${logit}`, () => {
        const z = d.RelaxedBernoulli(tau, { logits: logit }).rsample(key(71), 200);
        expect(finite(z) && z.data.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(finite(d.RelaxedBernoulli(tau, { logits: logit }).logProb(z))).toBe(true);
        const [gl, gt] = [
          grad((l: Tensor) => sum(add(d.RelaxedBernoulli(tau, { logits: l }).rsample(key(71), 200), d.RelaxedBernoulli(tau, { logits: l }).logProb(z))))(tensor(logit)),
          grad((t: Tensor) => sum(add(d.RelaxedBernoulli(t, { logits: logit }).rsample(key(71), 200), d.RelaxedBernoulli(t, { logits: logit }).logProb(z))))(tensor(tau)),
        ] as Tensor[];
        expect(finite(gl!) && finite(gt!)).toBe(true);
      });
    }
  }
  for (const tau of [1e-3, 1, 10]) {
    it(`RelaxedOneHotCategorical τ = ${tau}, logits [50, −50, 0]`, () => {
      const logits = tensor([50, -50, 0]);
      const dist = d.RelaxedOneHotCategorical(tau, { logits });
      const z = dist.rsample(key(72), 200);
      expect(finite(z)).toBe(true);
      expect(finite(dist.logProb(z))).toBe(true);
      const g = grad((l: Tensor) => {
        const q = d.RelaxedOneHotCategorical(tau, { logits: l });
        return add(sum(q.rsample(key(72), 200)), sum(q.logProb(z)));
      })(logits) as Tensor;
      const gt = grad((t: Tensor) => sum(d.RelaxedOneHotCategorical(t, { logits }).logProb(z)))(tensor(tau)) as Tensor;
      expect(finite(g) && finite(gt)).toBe(true);
    });
  }
});

describe('the discrete law behind the relaxations', () => {
  const N = 20_000;
  it('RelaxedBernoulli: P(z > ½) = p at any temperature', () => {
    for (const tau of [0.1, 2]) {
      const z = d.RelaxedBernoulli(tau, 0.3).sample(key(73), N).data;
      expectWithin5Se(`τ = ${tau}`, z.filter((v) => v > 0.5).length / N, 0.3, Math.sqrt(0.21 / N));
    }
  });
  it('RelaxedOneHotCategorical: arg-max frequencies are the class probabilities', () => {
    const probs = [0.2, 0.5, 0.3];
    const z = d.RelaxedOneHotCategorical(0.5, tensor(probs)).sample(key(74), N).data;
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      const row = [z[3 * i]!, z[3 * i + 1]!, z[3 * i + 2]!];
      counts[row.indexOf(Math.max(...row))]! += 1;
    }
    probs.forEach((p, j) => expectWithin5Se(`class ${j}`, counts[j]! / N, p, Math.sqrt((p * (1 - p)) / N)));
  });
  it('small temperatures give nearly one-hot samples', () => {
    const z = d.RelaxedOneHotCategorical(1e-3, tensor([0.2, 0.5, 0.3])).sample(key(75), 1000).data;
    const near = z.filter((v) => v < 1e-6 || v > 1 - 1e-6).length;
    expect(near / z.length).toBeGreaterThan(0.97);
  });
});

describe('straight-through variants', () => {
  it('StraightThroughBernoulli: hard values, relaxed gradient, biased, no discontinuity events', () => {
    const logit = markSource(tensor(0.4), 'upstream');
    const [z, events] = traceDiscontinuities(() => d.StraightThroughBernoulli(0.5, { logits: logit }).rsample(key(76), 500));
    expect(events).toEqual([]);
    expect(z.data.every((v) => v === 0 || v === 1)).toBe(true);
    const st = jvp((l: Tensor) => d.StraightThroughBernoulli(0.5, { logits: l }).rsample(key(76), 500), tensor(0.4), tensor(1)) as unknown as Tensor[];
    const rel = jvp((l: Tensor) => d.RelaxedBernoulli(0.5, { logits: l }).rsample(key(76), 500), tensor(0.4), tensor(1)) as unknown as Tensor[];
    expect(Array.from(st[1]!.data)).toEqual(Array.from(rel[1]!.data));
    const dist = d.StraightThroughBernoulli(0.5, 0.3);
    expect(dist.biased).toBe(true);
    expect(dist.logProb(tensor([0, 1])).data[1]).toBeCloseTo(Math.log(0.3), 14);
  });
  it('StraightThroughOneHotCategorical: one-hot rows at the relaxed arg-max, relaxed gradient, biased', () => {
    const logits = tensor([1, 0, -1]);
    const [z, events] = traceDiscontinuities(() => d.StraightThroughOneHotCategorical(0.5, { logits: markSource(tensor([1, 0, -1]), 'up') }).rsample(key(77), 300));
    expect(events).toEqual([]);
    const relaxed = d.RelaxedOneHotCategorical(0.5, { logits }).sample(key(77), 300).data;
    for (let i = 0; i < 300; i++) {
      const row = Array.from(z.data.subarray(3 * i, 3 * i + 3));
      const r = Array.from(relaxed.subarray(3 * i, 3 * i + 3));
      expect(row.filter((v) => v === 1)).toHaveLength(1);
      expect(row.filter((v) => v === 0)).toHaveLength(2);
      expect(row.indexOf(1)).toBe(r.indexOf(Math.max(...r)));
    }
    const tan = (make: typeof d.RelaxedOneHotCategorical) =>
      (jvp((l: Tensor) => make(0.5, { logits: l }).rsample(key(77), 300), logits, tensor([1, 0, 0])) as unknown as Tensor[])[1]!.data;
    expect(Array.from(tan(d.StraightThroughOneHotCategorical))).toEqual(Array.from(tan(d.RelaxedOneHotCategorical)));
    const dist = d.StraightThroughOneHotCategorical(0.5, tensor([0, 0.4, 0.6]));
    expect(dist.biased).toBe(true);
    expect(dist.logProb(tensor([[0, 1, 0], [0, 0, 1]])).data[0]).toBeCloseTo(Math.log(0.4), 14);
  });
});
