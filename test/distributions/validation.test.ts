/**
 * Parameter validation at construction: each factory throws a PathwiseError naming the distribution,
 * the parameter and the bad value; rsample of a discrete family points to the score-function or auto
 * estimator.
 */
import { describe, expect, it } from 'vitest';
import { PathwiseError, PathwiseRangeError, PathwiseTypeError, ShapeError } from '../../src/errors.js';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import * as d from '../../src/distributions/index.js';

const cases: [string, () => unknown, string][] = [
  ['LogNormal scale', () => d.LogNormal(0, -1), 'LogNormal: scale must be > 0, got -1'],
  ['LogNormal loc NaN', () => d.LogNormal(NaN, 1), 'LogNormal: loc must be finite, got NaN'],
  ['Uniform order', () => d.Uniform(1, 1), 'Uniform: high must be > low, got high 1 and low 1'],
  ['Uniform batch', () => d.Uniform(tensor([0, 2]), 1), 'Uniform: high must be > low, got high 1 and low 2 (element 1)'],
  ['Exponential', () => d.Exponential(0), 'Exponential: rate must be > 0, got 0'],
  ['Laplace', () => d.Laplace(0, NaN), 'Laplace: scale must be > 0, got NaN'],
  ['Logistic', () => d.Logistic(Infinity, 1), 'Logistic: loc must be finite, got Infinity'],
  ['Gumbel', () => d.Gumbel(0, -2), 'Gumbel: scale must be > 0, got -2'],
  ['Cauchy', () => d.Cauchy(0, Infinity), 'Cauchy: scale must be > 0, got Infinity'],
  ['Weibull', () => d.Weibull(1, 0), 'Weibull: concentration must be > 0, got 0'],
  ['Beta', () => d.Beta(0, 1), 'Beta: concentration1 must be > 0, got 0'],
  ['Beta b', () => d.Beta(1, tensor([1, -0.5])), 'Beta: concentration0 must be > 0, got -0.5 (element 1)'],
  ['Dirichlet', () => d.Dirichlet(tensor([1, 0])), 'Dirichlet: concentration must be > 0, got 0 (element 1)'],
  ['Dirichlet classes', () => d.Dirichlet(tensor([1])), 'Dirichlet: concentration needs a last axis of at least 2 classes, got shape [1]'],
  ['StudentT', () => d.StudentT(0, 0, 1), 'StudentT: df must be > 0, got 0'],
  ['VonMises', () => d.VonMises(0, 0), 'VonMises: concentration must be > 0, got 0'],
  ['Categorical negative', () => d.Categorical(tensor([0.5, -0.1])), 'Categorical: probs must be ≥ 0 and finite, got -0.1 (element 1)'],
  ['Categorical zero row', () => d.Categorical(tensor([[0.5, 0.5], [0, 0]])), 'Categorical: probs must have a positive sum along the class axis, got 0 (row 1)'],
  ['Categorical scalar', () => d.Categorical(0.5), 'Categorical: probs needs a class axis (last axis, length ≥ 1), got shape []'],
  ['Categorical logits', () => d.Categorical({ logits: tensor([0, NaN]) }), 'Categorical: logits must be finite, got NaN (element 1)'],
  ['Poisson', () => d.Poisson(-1), 'Poisson: rate must be ≥ 0 and finite, got -1'],
  ['Binomial count', () => d.Binomial(2.5, 0.3), 'Binomial: totalCount must be a non-negative integer, got 2.5'],
  ['Binomial probs', () => d.Binomial(3, 1.2), 'Binomial: probs must be in [0, 1], got 1.2'],
  ['Geometric', () => d.Geometric(0), 'Geometric: probs must be in (0, 1], got 0'],
  ['RelaxedBernoulli temperature', () => d.RelaxedBernoulli(0, 0.5), 'RelaxedBernoulli: temperature must be > 0, got 0'],
  ['RelaxedBernoulli probs', () => d.RelaxedBernoulli(1, 1), 'RelaxedBernoulli: probs must be in (0, 1), got 1'],
  ['RelaxedOneHotCategorical', () => d.RelaxedOneHotCategorical(-1, tensor([0.5, 0.5])), 'RelaxedOneHotCategorical: temperature must be > 0, got -1'],
  ['StraightThroughBernoulli', () => d.StraightThroughBernoulli(1, { logits: NaN }), 'StraightThroughBernoulli: logits must be finite, got NaN'],
  ['StraightThroughOneHotCategorical', () => d.StraightThroughOneHotCategorical(1, tensor([-1, 2])), 'StraightThroughOneHotCategorical: probs must be ≥ 0 and finite, got -1 (element 0)'],
  ['MultivariateNormal not PD', () => d.MultivariateNormal(tensor([0, 0]), { covariance: tensor([[1, 2], [2, 1]]) }),
    'MultivariateNormal: covariance must be positive definite, got Cholesky pivot 1 = -3'],
  ['MultivariateNormal asymmetric', () => d.MultivariateNormal(tensor([0, 0]), { covariance: tensor([[1, 0.5], [0.4, 1]]) }),
    'MultivariateNormal: covariance must be symmetric, got entries (1, 0) = 0.4 and (0, 1) = 0.5'],
  ['MultivariateNormal scaleTril diagonal', () => d.MultivariateNormal(tensor([0, 0]), { scaleTril: tensor([[1, 0], [0.3, 0]]) }),
    'MultivariateNormal: scaleTril must have a positive diagonal, got entry (1, 1) = 0'],
  ['MultivariateNormal scaleTril upper', () => d.MultivariateNormal(tensor([0, 0]), { scaleTril: tensor([[1, 0.1], [0, 1]]) }),
    'MultivariateNormal: scaleTril must be lower triangular, got entry (0, 1) = 0.1'],
];

describe('parameter validation', () => {
  for (const [name, make, message] of cases) {
    it(name, () => {
      expect(make).toThrow(PathwiseRangeError);
      expect(make).toThrow(message);
    });
  }

  it('wrong kinds and shapes', () => {
    expect(() => d.Binomial(3, { probs: 0.5 } as never)).toThrow(PathwiseTypeError);
    expect(() => d.MultivariateNormal(tensor([0, 0]), {} as never)).toThrow('MultivariateNormal: expected { scaleTril } or { covariance }');
    expect(() => d.MultivariateNormal(tensor([0, 0]), { covariance: tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]) }))
      .toThrow(new ShapeError('MultivariateNormal: covariance must have shape [..., 2, 2] to match loc [2], got [3, 3]'));
    expect(() => d.Exponential(1).sample(key(0), -1)).toThrow('Exponential.sample: n must be a non-negative integer, got -1');
  });

  it('rsample of a discrete family points to the score-function or auto estimator', () => {
    for (const dist of [d.Poisson(1), d.Binomial(3, 0.5), d.Geometric(0.5), d.Categorical(tensor([0.5, 0.5]))]) {
      expect(dist.hasRsample).toBe(false);
      expect(() => dist.rsample(key(0), 3)).toThrow(PathwiseError);
      expect(() => dist.rsample(key(0), 3)).toThrow(`${dist.name}: has no reparameterized sampler (rsample); use the score-function ('score') or 'auto' estimator`);
    }
  });

  it('moments without a closed form say so', () => {
    expect(() => d.Categorical(tensor([0.5, 0.5])).mean()).toThrow('Categorical: mean has no closed form implemented');
    expect(() => d.Beta(1, 2).cdf(0.5)).toThrow('Beta: cdf has no closed form implemented');
  });
});
