/**
 * Samplers: sample moments within 5 standard errors of the closed forms (the standard error of the mean
 * from the known variance; of the variance from the sample's fourth moment), a Kolmogorov–Smirnov test
 * against the cdf where there is one (the only check for the heavy-tailed Cauchy), and chunking
 * invariance: sample(key, 10) is sample(key, 4) followed by sample(key, 6, { offset: 4 }).
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import { concat } from '../../src/ad/ops/index.js';
import { withNoiseMemo } from '../../src/distributions/sampling.js';
import * as d from '../../src/distributions/index.js';
import { expectKS } from '../random/stat-helpers.js';
import { expectWithin5Se, meanAndStderr } from './helpers.js';

const N = 20_000;

interface Row {
  make: () => d.Distribution;
  /** Skip the KS test (no cdf, or a discrete law). */
  noKs?: boolean;
  /** Skip the moment tests (moments do not exist). */
  noMoments?: boolean;
}

const rows: Record<string, Row> = {
  Normal: { make: () => d.Normal(0.5, 2) },
  LogNormal: { make: () => d.LogNormal(0.3, 0.5) },
  Uniform: { make: () => d.Uniform(-1, 3) },
  Exponential: { make: () => d.Exponential(2.5) },
  Laplace: { make: () => d.Laplace(0.5, 2) },
  Logistic: { make: () => d.Logistic(-1, 0.7) },
  Gumbel: { make: () => d.Gumbel(1, 2) },
  Cauchy: { make: () => d.Cauchy(0.5, 1.5), noMoments: true },
  Weibull: { make: () => d.Weibull(2, 1.5) },
  Gamma: { make: () => d.Gamma(2.5, 1.5), noKs: true },
  Beta: { make: () => d.Beta(2, 3), noKs: true },
  BetaSmall: { make: () => d.Beta(0.2, 0.7), noKs: true },
  StudentT: { make: () => d.StudentT(9, 0.5, 2), noKs: true },
  Bernoulli: { make: () => d.Bernoulli(0.3), noKs: true },
  Poisson: { make: () => d.Poisson(3.5), noKs: true },
  PoissonLarge: { make: () => d.Poisson(250), noKs: true },
  Binomial: { make: () => d.Binomial(10, 0.3), noKs: true },
  Geometric: { make: () => d.Geometric(0.25), noKs: true },
  GeometricLogits: { make: () => d.Geometric({ logits: 1.5 }), noKs: true },
};

describe('sample moments and distribution of the samplers', () => {
  for (const [name, row] of Object.entries(rows)) {
    it(name, () => {
      const dist = row.make();
      const z = dist.sample(key(101), N).data;
      if (!row.noMoments) {
        const mu = dist.mean().item();
        const v = dist.variance().item();
        const m = meanAndStderr(z);
        expectWithin5Se(`${name} mean`, m.mean, mu, Math.sqrt(v / N));
        const sq = z.map((x) => (x - mu) ** 2);
        const s = meanAndStderr(sq);
        expectWithin5Se(`${name} variance`, s.mean, v, s.stderr);
      }
      if (!row.noKs) expectKS(name, z, (x) => dist.cdf(x).item());
    });
  }

  it('Categorical: class frequencies', () => {
    const probs = [0.2, 0.5, 0.3];
    const z = d.Categorical(tensor(probs)).sample(key(102), N).data;
    probs.forEach((p, j) => {
      const freq = z.filter((x) => x === j).length / N;
      expectWithin5Se(`class ${j}`, freq, p, Math.sqrt((p * (1 - p)) / N));
    });
  });

  it('Categorical: batched parameters and zero-probability classes', () => {
    const dist = d.Categorical(tensor([[0, 0.4, 0.6], [1, 0, 0]]));
    const z = dist.sample(key(103), 5000);
    expect(z.shape).toEqual([5000, 2]);
    const zd = z.data;
    let ones = 0;
    let bad = 0;
    for (let i = 0; i < 5000; i++) {
      if (zd[2 * i] === 0 || zd[2 * i + 1] !== 0) bad++;   // classes of probability 0 are never drawn
      if (zd[2 * i] === 1) ones++;
    }
    expect(bad).toBe(0);
    expectWithin5Se('batch 0 class 1', ones / 5000, 0.4, Math.sqrt(0.24 / 5000));
  });

  it('Dirichlet: component means and variances', () => {
    const dist = d.Dirichlet(tensor([1, 2, 3]));
    const z = dist.sample(key(104), N);
    const mu = dist.mean().data;
    const v = dist.variance().data;
    for (let j = 0; j < 3; j++) {
      const col = Float64Array.from({ length: N }, (_, i) => z.data[3 * i + j]!);
      expectWithin5Se(`component ${j}`, meanAndStderr(col).mean, mu[j]!, Math.sqrt(v[j]! / N));
    }
    let worst = 0;
    for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(z.data[3 * i]! + z.data[3 * i + 1]! + z.data[3 * i + 2]! - 1));
    expect(worst).toBeLessThan(1e-14);
  });
});

const chunked: Record<string, () => d.Distribution> = {
  ...Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.make])),
  Categorical: () => d.Categorical(tensor([[0.2, 0.8], [0.5, 0.5]])),
  Dirichlet: () => d.Dirichlet(tensor([0.5, 1, 2])),
  MultivariateNormal: () => d.MultivariateNormal(tensor([0, 1]), { covariance: tensor([[2, 1], [1, 2]]) }),
  RelaxedBernoulli: () => d.RelaxedBernoulli(0.5, 0.3),
  RelaxedOneHotCategorical: () => d.RelaxedOneHotCategorical(0.5, tensor([0.2, 0.3, 0.5])),
  StraightThroughBernoulli: () => d.StraightThroughBernoulli(0.5, 0.3),
  StraightThroughOneHotCategorical: () => d.StraightThroughOneHotCategorical(0.5, tensor([0.2, 0.3, 0.5])),
  VonMises: () => d.VonMises(0.5, 2),
  VonMisesBatch: () => d.VonMises(tensor([0, 1]), tensor([0.5, 40])),
  StudentTBatch: () => d.StudentT(tensor([0.7, 30]), 0, 1),
};

describe('noise shared within a batch is never written into', () => {
  for (const [name, make] of Object.entries(chunked)) {
    it(name, () => {
      const dist = make();
      const [a, b] = withNoiseMemo(() => [Array.from(dist.sample(key(8), 6).data), Array.from(dist.sample(key(8), 6).data)]);
      expect(b).toEqual(a);
      expect(a).toEqual(Array.from(dist.sample(key(8), 6).data));
    });
  }
});

describe('chunking never changes samples', () => {
  for (const [name, make] of Object.entries(chunked)) {
    it(name, () => {
      const dist = make();
      const whole = dist.sample(key(7), 10);
      const parts = concat([dist.sample(key(7), 4), dist.sample(key(7), 6, { offset: 4 })], 0);
      expect(Array.from(parts.data)).toEqual(Array.from(whole.data));
      expect(whole.shape).toEqual([10, ...dist.batchShape, ...dist.eventShape]);
      expect(whole.data.every((x) => !Number.isNaN(x))).toBe(true);
    });
  }
});

describe('per-row parameters (an expectation program draws one value per row) keep rows chunk-invariant', () => {
  const rowsOf = (t: number[][], a: number, b: number) => tensor(t.slice(a, b));
  const logits = Array.from({ length: 10 }, (_, i) => [Math.sin(i), Math.cos(i), 0.1 * i]);
  const positive = logits.map((r) => r.map((v) => 1.5 + v));
  const families: Record<string, (a: number, b: number) => d.Distribution> = {
    Categorical: (a, b) => d.Categorical({ logits: rowsOf(logits, a, b) }),
    Dirichlet: (a, b) => d.Dirichlet(rowsOf(positive, a, b)),
    MultivariateNormal: (a, b) => d.MultivariateNormal(rowsOf(logits, a, b), { covariance: tensor([[2, 0.5, 0], [0.5, 1, 0], [0, 0, 1]]) }),
    RelaxedOneHotCategorical: (a, b) => d.RelaxedOneHotCategorical(0.3, { logits: rowsOf(logits, a, b) }),
    Beta: (a, b) => d.Beta(tensor(positive.slice(a, b).map((r) => r[0]!)), 2),
    StudentT: (a, b) => d.StudentT(tensor(positive.slice(a, b).map((r) => r[1]!)), 0, 1),
    VonMises: (a, b) => d.VonMises(0, tensor(positive.slice(a, b).map((r) => r[2]!))),
    Poisson: (a, b) => d.Poisson(tensor(positive.slice(a, b).map((r) => 10 * r[2]!))),
  };
  for (const [name, make] of Object.entries(families)) {
    it(name, () => {
      const whole = make(0, 10).drawRows(key(9), 10, 0, true, false);
      const tail = make(4, 10).drawRows(key(9), 6, 4, true, false);
      expect(Array.from(tail.data)).toEqual(Array.from(whole.data.subarray(whole.size - tail.size)));
    });
  }
});
