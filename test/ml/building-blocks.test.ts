import { describe, expect, it } from 'vitest';
import { tensor, key, foldIn, PathwiseRangeError } from '../../src/index.js';
import { Adam, Sgd, clipGradNorm, globalNorm, glorotUniform, heNormal, initMlp, mlp, minibatches, permutation, countParams } from '../../src/ml/index.js';

describe('initialisation', () => {
  it('Glorot uniform stays within ±√(6/(in+out)) with the uniform variance a²/3', () => {
    const w = glorotUniform(key(1), 200, 300);
    const a = Math.sqrt(6 / 500);
    let s2 = 0;
    let big = 0;
    for (const v of w.data) {
      big = Math.max(big, Math.abs(v));
      s2 += v * v;
    }
    expect(big).toBeLessThanOrEqual(a);
    const v = s2 / w.size, want = (a * a) / 3;
    // Var of the sample second moment: (E w⁴ − (E w²)²)/n = (a⁴/5 − a⁴/9)/n
    expect(Math.abs(v - want)).toBeLessThan(5 * Math.sqrt((a ** 4 * (1 / 5 - 1 / 9)) / w.size));
  });
  it('He normal has variance 2/fanIn and is a pure function of the key', () => {
    const w = heNormal(key(2), 256, 100);
    let s2 = 0;
    for (const v of w.data) s2 += v * v;
    const want = 2 / 256;
    expect(Math.abs(s2 / w.size - want)).toBeLessThan(5 * want * Math.sqrt(2 / w.size));
    expect(heNormal(key(2), 256, 100).data).toEqual(w.data);
    expect(() => heNormal(key(2), 0, 3)).toThrow(PathwiseRangeError);
  });
  it('an MLP has the documented shapes and parameter count', () => {
    const p = initMlp(key(0), [2, 3, 1]);
    expect(countParams(p)).toBe(13);
    expect(mlp(p, tensor([[1, 2], [3, 4]])).shape).toEqual([2, 1]);
  });
});

describe('optimisers', () => {
  it('Adam: first step moves each weight by ≈ lr·sign(g); AdamW decay is decoupled', () => {
    const opt = new Adam({ lr: 0.1 });
    const p = opt.step({ w: tensor([1, -2]) }, { w: tensor([5, -0.01]) });
    expect(p.w.data[0]).toBeCloseTo(0.9, 6);
    expect(p.w.data[1]).toBeCloseTo(-1.9, 4);
    // Zero gradient: only the decay acts, θ ← θ − η·λ·θ.
    const wd = new Adam({ lr: 0.1, weightDecay: 0.5 });
    expect(wd.step({ w: tensor([2]) }, { w: tensor([0]) }).w.data[0]).toBeCloseTo(2 - 0.1 * 0.5 * 2, 12);
  });
  it('Adam matches a hand-unrolled two-step computation', () => {
    const opt = new Adam({ lr: 0.01, beta1: 0.8, beta2: 0.9, eps: 1e-8 });
    let p = { w: tensor([0.5]) };
    p = opt.step(p, { w: tensor([2]) });
    p = opt.step(p, { w: tensor([-1]) });
    let m = 0, v = 0, th = 0.5;
    for (const [t, g] of [[1, 2], [2, -1]] as const) {
      m = 0.8 * m + 0.2 * g;
      v = 0.9 * v + 0.1 * g * g;
      th -= (0.01 * (m / (1 - 0.8 ** t))) / (Math.sqrt(v / (1 - 0.9 ** t)) + 1e-8);
    }
    expect(p.w.data[0]).toBeCloseTo(th, 14);
  });
  it('SGD with momentum accumulates velocity; Adam minimises a quadratic', () => {
    const sgd = new Sgd({ lr: 0.1, momentum: 0.9 });
    let p = { w: tensor([1]) };
    p = sgd.step(p, { w: tensor([1]) });   // v = 1, w = 0.9
    p = sgd.step(p, { w: tensor([1]) });   // v = 1.9, w = 0.71
    expect(p.w.data[0]).toBeCloseTo(0.71, 12);
    const adam = new Adam({ lr: 0.05 });
    let q = { w: tensor([3, -2]) };
    for (let i = 0; i < 500; i++) q = adam.step(q, { w: q.w.mul(2) });
    expect(Math.abs(q.w.data[0]!)).toBeLessThan(1e-2);
    expect(() => new Sgd({ lr: 0.1, momentum: 1 })).toThrow(PathwiseRangeError);
  });
  it('clipGradNorm rescales to the maximum norm and keeps the direction', () => {
    const { grads, norm } = clipGradNorm({ a: tensor([3]), b: tensor([4]) }, 1);
    expect(norm).toBe(5);
    expect(grads.a.data[0]).toBeCloseTo(0.6, 15);
    expect(globalNorm(grads)).toBeCloseTo(1, 15);
    expect(clipGradNorm({ a: tensor([0.1]) }, 1).grads.a.data[0]).toBe(0.1);
  });
});

describe('minibatches', () => {
  it('a permutation visits every index once and depends only on the key', () => {
    const p = permutation(key(5), 1000);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
    expect(permutation(key(5), 1000)).toEqual(p);
    expect(permutation(foldIn(key(5), 1), 1000)).not.toEqual(p);
  });
  it('batches cover the data; dropLast drops the short tail', () => {
    const all = [...minibatches(key(0), 10, 4)];
    expect(all.map((b) => b.length)).toEqual([4, 4, 2]);
    expect([...minibatches(key(0), 10, 4, { dropLast: true })].map((b) => b.length)).toEqual([4, 4]);
    expect(() => [...minibatches(key(0), 10, 0)]).toThrow(PathwiseRangeError);
  });
});
