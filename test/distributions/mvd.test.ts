/**
 * Measure-valued derivative terms (Pflug 1989; Mohamed et al. 2020, §6): E[weight·(f(plus) − f(minus))]
 * against the analytic ∂/∂θ E[f(z)] within 5 standard errors, for Exponential, Poisson and Categorical;
 * and the coupled samples are chunking-invariant like the site's own.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { grad } from '../../src/ad/transforms.js';
import { add, mean, mul, square, sub } from '../../src/ad/ops/index.js';
import * as d from '../../src/distributions/index.js';
import { expectWithin5Se, meanAndStderr } from './helpers.js';

const N = 20_000;

/** Per-sample weight·(f(plus) − f(minus)) of one term, with `self` the site's sample z. */
function termValues(t: d.MvdTerm, z: Tensor, f: (x: Tensor) => Tensor): Float64Array {
  const at = (v: Tensor | 'self' | null): Tensor | number => (v === 'self' ? f(z) : v === null ? 0 : f(v));
  return mul(t.weight, sub(at(t.plus), at(t.minus))).data;
}

describe('measure-valued derivatives', () => {
  it('Exponential: ∂λ E[z²] = −4/λ³ (plus = self, minus = self + Exp(λ))', () => {
    const dist = d.Exponential(2);
    const z = dist.sample(key(61), N);
    const terms = dist.mvd(key(61), z, 0);
    expect(terms).toHaveLength(1);
    expect(terms[0]!.plus).toBe('self');
    const g = meanAndStderr(termValues(terms[0]!, z, square));
    expectWithin5Se('∂λ', g.mean, -0.5, g.stderr);
  });

  it('Exponential: the coupled Gamma(2, λ) samples do not depend on the chunking', () => {
    const dist = d.Exponential(tensor([1, 3]));
    const z = dist.sample(key(62), 10);
    const whole = dist.mvd(key(62), z, 0)[0]!.minus as Tensor;
    const tail = dist.mvd(key(62), dist.sample(key(62), 6, { offset: 4 }), 4)[0]!.minus as Tensor;
    expect(Array.from(tail.data)).toEqual(Array.from(whole.data.subarray(8)));
  });

  it('Poisson: ∂λ E[k²] = 1 + 2λ (plus = self + 1, minus = self)', () => {
    const dist = d.Poisson(3.5);
    const z = dist.sample(key(63), N);
    const terms = dist.mvd(key(63), z, 0);
    expect(terms[0]!.minus).toBe('self');
    const g = meanAndStderr(termValues(terms[0]!, z, square));
    expectWithin5Se('∂λ', g.mean, 8, g.stderr);
  });

  it('Categorical: one term per class, weight 1, plus = class j, minus = none; ∂p_j E[f] = f(j)', () => {
    const probs = [0.2, 0.5, 0.3];
    const dist = d.Categorical(tensor(probs));
    const z = dist.sample(key(64), 8);
    const f = (x: Tensor) => square(add(x, 1));
    const terms = dist.mvd(key(64), z, 0);
    expect(terms).toHaveLength(3);
    terms.forEach((t, j) => {
      expect(t.minus).toBeNull();
      expect(Array.from(t.param.data)).toEqual(new Array(8).fill(probs[j]));
      expect(Array.from(termValues(t, z, f))).toEqual(new Array(8).fill((j + 1) ** 2));
    });
  });

  it('Categorical from logits: the terms chained through softmax give p_i(f(i) − E f)', () => {
    const fv = [1, 4, 9];
    const logits = tensor([0.3, -0.2, 1.1]);
    const g = grad((l: Tensor) => {
      const dist = d.Categorical({ logits: l });
      const z = dist.sample(key(65), 100);
      let acc: Tensor | number = 0;
      for (const t of dist.mvd(key(65), z, 0)) {
        const diff = tensor(termValues(t, z, (x) => square(add(x, 1))));   // a constant, as in the surrogate
        acc = add(acc, mean(mul(t.param, diff)));
      }
      return acc as Tensor;
    })(logits) as Tensor;
    const e = logits.data.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    const p = e.map((v) => v / s);
    const ef = p.reduce((a, pi, i) => a + pi * fv[i]!, 0);
    p.forEach((pi, i) => expect(g.data[i]).toBeCloseTo(pi * (fv[i]! - ef), 12));
  });
});
