/**
 * MultivariateNormal: the composite Cholesky factor, sample covariance within 5 standard errors, batch
 * shapes (batched loc, batched covariance), and derivatives of logProb and rsample by checkGrads.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { add, mul, sum, transpose } from '../../src/ad/ops/index.js';
import { checkGrads } from '../../src/testing/index.js';
import { MultivariateNormal } from '../../src/distributions/index.js';
import { expectWithin5Se, meanAndStderr } from './helpers.js';

const sigma = [[2, 0.6, -0.3], [0.6, 1, 0.2], [-0.3, 0.2, 0.5]];
const loc = [1, -1, 0.5];

describe('MultivariateNormal', () => {
  it('the composite Cholesky factor is lower triangular and reproduces the covariance', () => {
    const dist = MultivariateNormal(tensor(loc), { covariance: tensor(sigma) });
    const L = dist.scaleTril.toArray() as number[][];
    expect(L[0]![1]).toBe(0);
    expect(L[0]![2]).toBe(0);
    expect(L[1]![2]).toBe(0);
    const back = dist.covariance().toArray() as number[][];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(back[i]![j]).toBeCloseTo(sigma[i]![j]!, 14);
  });

  it('sample means and covariances within 5 standard errors', () => {
    const N = 20_000;
    const z = MultivariateNormal(tensor(loc), { covariance: tensor(sigma) }).sample(key(81), N).data;
    for (let i = 0; i < 3; i++) {
      const zi = Float64Array.from({ length: N }, (_, r) => z[3 * r + i]!);
      expectWithin5Se(`mean ${i}`, meanAndStderr(zi).mean, loc[i]!, Math.sqrt(sigma[i]![i]! / N));
      for (let j = 0; j <= i; j++) {
        const prod = Float64Array.from({ length: N }, (_, r) => (z[3 * r + i]! - loc[i]!) * (z[3 * r + j]! - loc[j]!));
        const m = meanAndStderr(prod);
        expectWithin5Se(`cov ${i}${j}`, m.mean, sigma[i]![j]!, m.stderr);
      }
    }
  });

  it('batched loc with one covariance, and batched covariances with one loc', () => {
    const locs = tensor([loc, [0, 0, 0]]);
    const dist = MultivariateNormal(locs, { covariance: tensor(sigma) });
    expect(dist.batchShape).toEqual([2]);
    expect(dist.eventShape).toEqual([3]);
    const z = dist.sample(key(82), 5);
    expect(z.shape).toEqual([5, 2, 3]);
    const lp = dist.logProb(z);
    expect(lp.shape).toEqual([5, 2]);
    const single = MultivariateNormal(tensor([0, 0, 0]), { covariance: tensor(sigma) });
    const zb = tensor(Array.from({ length: 5 }, (_, r) => Array.from(z.data.subarray(6 * r + 3, 6 * r + 6))));
    const lps = single.logProb(zb).data;
    for (let r = 0; r < 5; r++) expect(lp.data[2 * r + 1]).toBeCloseTo(lps[r]!, 13);
    const covs = MultivariateNormal(tensor([0, 0]), { covariance: tensor([[[1, 0], [0, 1]], [[4, 1], [1, 2]]]) });
    expect(covs.batchShape).toEqual([2]);
    expect(covs.sample(key(83), 4).shape).toEqual([4, 2, 2]);
    expect(covs.entropy().shape).toEqual([2]);
    expect(covs.variance().toArray()).toEqual([[1, 1], [4, 2]]);
  });

  it('logProb is differentiable in loc, the covariance and x (second order)', () => {
    const x = tensor([[0, 0, 0], [2, -1, 1]]);
    const sym = (s: Tensor) => mul(add(s, transpose(s)), 0.5);   // keep checkGrads' perturbations symmetric
    checkGrads((m, s, xx) => sum(MultivariateNormal(m, { covariance: sym(s) }).logProb(xx)), [tensor(loc), tensor(sigma), x], { name: 'MVN logProb' });
    const tril = tensor([[1, 0, 0], [1, 1, 0], [1, 1, 1]]);   // keep perturbations lower triangular
    checkGrads((m, l) => sum(MultivariateNormal(m, { scaleTril: mul(l, tril) }).logProb(x)), [tensor(loc), MultivariateNormal(tensor(loc), { covariance: tensor(sigma) }).scaleTril], { name: 'MVN logProb (scaleTril)' });
  });

  it('rsample is differentiable in the covariance', () => {
    const sym = (s: Tensor) => mul(add(s, transpose(s)), 0.5);
    checkGrads((s) => MultivariateNormal(tensor(loc), { covariance: sym(s) }).rsample(key(84), 4), [tensor(sigma)], { name: 'MVN rsample' });
  });
});
