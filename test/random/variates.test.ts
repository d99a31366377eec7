import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import {
  bernoulli, beta, binomial, categorical, dirichlet, exponential, gamma, gumbel, key, poisson, split, uniform,
} from '../../src/random/index.js';
import { expectChiSquare, expectKS, expectMean, expectVariance } from './stat-helpers.js';

const keys = split(key(424242), 32);
const N = 40_000;

/** Samples offset..offset+n of a sampler, produced in one call and in three chunks, must agree. */
function expectChunkInvariant(f: (n: number, offset: number) => Float64Array, width = 1): void {
  const full = f(301, 1000);
  const parts = [f(1, 1000), f(150, 1001), f(150, 1151)];
  const joined = new Float64Array(301 * width);
  let at = 0;
  for (const p of parts) { joined.set(p, at); at += p.length; }
  expect(joined).toEqual(full);
}

describe('exponential and Gumbel', () => {
  it('exponential passes KS and moments, and inverts the uniform stream', () => {
    const e = exponential(keys[0]!, N);
    expectKS('exponential', e, (x) => 1 - Math.exp(-x));
    expectMean('exponential', e, 1, 1);
    expectVariance('exponential', e, 1, 1, 9);
    expect(exponential(keys[0]!, 3)[2]).toBe(-Math.log1p(-uniform(keys[0]!, 3)[2]!));
  });

  it('Gumbel passes KS and moments', () => {
    const g = gumbel(keys[1]!, N);
    const v = Math.PI ** 2 / 6;
    expectKS('gumbel', g, (x) => Math.exp(-Math.exp(-x)));
    expectMean('gumbel', g, 0.5772156649015329, v);
    expectVariance('gumbel', g, 0.5772156649015329, v, 5.4 * v * v);
  });
});

describe('Bernoulli and categorical', () => {
  it('Bernoulli thresholds with scalar or per-sample p', () => {
    const x = bernoulli(keys[2]!, N, 0.3);
    expectMean('bernoulli', x, 0.3, 0.21);
    const p = new Float64Array(1000).map((_, i) => (i % 2 === 0 ? 0 : 1));
    const y = bernoulli(keys[2]!, 1000, p);
    expect(y).toEqual(p);
    expect(() => bernoulli(keys[2]!, 3, 1.5)).toThrow(/bernoulli: p must be in \[0, 1\], got 1.5/);
    expect(() => bernoulli(keys[2]!, 3, new Float64Array(2))).toThrow(/one value per sample \(3\), got length 2/);
  });

  it('categorical matches its probabilities (chi-square) and never draws a zero-probability category', () => {
    const probs = new Float64Array([0.1, 0, 0.25, 0.4, 0.25, 0]);
    const c = categorical(keys[3]!, N, probs);
    expectChiSquare('categorical', c.filter((x) => x !== 1 && x !== 5).map((x) => [0, 0, 1, 2, 3][x]!), (k) => [0.1, 0.25, 0.4, 0.25][k] ?? 0, 3);
    expect(c.filter((x) => x === 1 || x === 5).length).toBe(0);
    expectChunkInvariant((n, offset) => categorical(keys[3]!, n, probs, { offset }));
    expect(() => categorical(keys[3]!, 5, new Float64Array([0.2, 0.2]))).toThrow(/categorical: probs must sum to 1, got 0.4/);
    expect(() => categorical(keys[3]!, 5, new Float64Array([1.5, -0.5]))).toThrow(/probs\[1\] must be a non-negative/);
  });
});

describe('gamma, beta, Dirichlet (Marsaglia–Tsang)', () => {
  it.each([0.3, 1, 2.5, 30])('Gamma(%f) passes KS and the mean test', (a) => {
    const g = gamma(keys[4]!, N, a);
    expectKS(`gamma(${a})`, g, (x) => gammainc(x, a));
    expectMean(`gamma(${a})`, g, a, a);
  });

  it('rejection stays reproducible: chunking and per-sample shapes never move other samples', () => {
    expectChunkInvariant((n, offset) => gamma(keys[5]!, n, 0.7, { offset }));
    const shapes = new Float64Array(301).fill(0.7);
    shapes[10] = 50;                           // changing sample 10's shape changes sample 10 only
    const a = gamma(keys[5]!, 301, 0.7, { offset: 1000 });
    const b = gamma(keys[5]!, 301, shapes, { offset: 1000 });
    let changed = 0;
    for (let i = 0; i < 301; i++) if (a[i] !== b[i]) changed++;
    expect(changed).toBe(1);
    expect(() => gamma(keys[5]!, 2, 0)).toThrow(/gamma: shape must be > 0 and finite, got 0/);
  });

  it('Beta(2, 5) and Beta(0.5, 0.5) pass KS', () => {
    for (const [a, b] of [[2, 5], [0.5, 0.5]] as const) {
      const x = beta(keys[6]!, N, a, b);
      expectKS(`beta(${a}, ${b})`, x, (t) => betainc(t, a, b));
    }
    expectChunkInvariant((n, offset) => beta(keys[6]!, n, 2, 5, { offset }));
  });

  it('Dirichlet rows sum to 1 and have Beta marginals', () => {
    const alpha = new Float64Array([0.5, 2, 3.5]);
    const x = dirichlet(keys[7]!, N, alpha);
    let worst = 0;
    for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(x[3 * i]! + x[3 * i + 1]! + x[3 * i + 2]! - 1));
    expect(worst).toBeLessThan(1e-14);
    const m1 = x.filter((_, i) => i % 3 === 1);
    expectKS('dirichlet marginal 1', m1, (t) => betainc(t, 2, 4));
    expectChunkInvariant((n, offset) => dirichlet(keys[7]!, n, alpha, { offset }), 3);
    expect(() => dirichlet(keys[7]!, 2, new Float64Array([1, -1]))).toThrow(/dirichlet: alpha\[1\] must be > 0/);
  });
});

describe('Poisson and binomial', () => {
  const poissonPmf = (lam: number) => (k: number) => Math.exp(-lam + k * Math.log(lam) - gammaln(k + 1));
  const binomPmf = (n: number, p: number) => (k: number) =>
    k > n ? 0 : Math.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));

  it.each([0.7, 3.5, 10, 40, 1000])('Poisson(%f) matches its pmf (chi-square)', (lam) => {
    const x = poisson(keys[8]!, N, lam);
    expectChiSquare(`poisson(${lam})`, x, poissonPmf(lam), Math.ceil(lam + 8 * Math.sqrt(lam) + 10));
  });

  it.each([[20, 0.3], [200, 0.4], [100, 0.93], [1000, 0.01], [5, 1]] as const)('Binomial(%i, %f) matches its pmf (chi-square)', (n, p) => {
    const x = binomial(keys[9]!, N, n, p);
    if (p === 1) {
      expect(x.every((v) => v === n)).toBe(true);
      return;
    }
    expectChiSquare(`binomial(${n}, ${p})`, x, binomPmf(n, p), n);
  });

  it('are chunk-invariant and validate their parameters', () => {
    expectChunkInvariant((n, offset) => poisson(keys[10]!, n, 25, { offset }));
    expectChunkInvariant((n, offset) => binomial(keys[10]!, n, 300, 0.3, { offset }));
    expect(poisson(keys[10]!, 3, 0)).toEqual(new Float64Array(3));
    expect(() => poisson(keys[10]!, 1, -1)).toThrow(PathwiseRangeError);
    expect(() => binomial(keys[10]!, 1, 2.5, 0.3)).toThrow(/binomial: count must be a non-negative integer, got 2.5/);
    expect(() => binomial(keys[10]!, 1, 3, 1.3)).toThrow(/binomial: p must be in \[0, 1\], got 1.3/);
  });
});
