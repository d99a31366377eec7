/**
 * rsample gradients: per-sample derivatives (forward mode, one tangent per parameter) averaged over fixed
 * keys, against the analytic derivative of E[f(z)] within 5 standard errors; for the relaxations, against
 * central differences of the same samples (common random numbers), which a pathwise derivative must match.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { jvp } from '../../src/ad/transforms.js';
import { mean, mul, reshape, sliceAxis, square } from '../../src/ad/ops/index.js';
import * as d from '../../src/distributions/index.js';
import { expectWithin5Se, meanAndStderr } from './helpers.js';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';

const N = 20_000;
const EULER = 0.5772156649015329;

/** Per-sample tangents of f at θ in direction t. */
function tangents(f: (theta: Tensor) => Tensor, theta: number | Tensor, t: number | Tensor = 1): Float64Array {
  const [, tan] = jvp(f, theta as Tensor, t as Tensor) as unknown as [Tensor, Tensor];
  return tan.data;
}

function check(label: string, f: (theta: Tensor) => Tensor, theta: number | Tensor, truth: number, t: number | Tensor = 1): void {
  const g = meanAndStderr(tangents(f, theta, t));
  expectWithin5Se(label, g.mean, truth, g.stderr);
}

const k = key(55);
const col = (z: Tensor, j: number): Tensor => reshape(sliceAxis(z, -1, j, j + 1), [z.shape[0]!]);

describe('rsample gradients against analytic derivatives', () => {
  it('LogNormal: d/dμ E[z] = E[z]', () => {
    check('d/dμ', (m) => d.LogNormal(m, 0.5).rsample(k, N), 0.3, Math.exp(0.3 + 0.125));
  });
  it('LogNormal: d/dσ E[z] = σ·E[z]', () => {
    check('d/dσ', (s) => d.LogNormal(0.3, s).rsample(k, N), 0.5, 0.5 * Math.exp(0.3 + 0.125));
  });
  it('Exponential: d/dλ E[z] = −1/λ²', () => {
    check('d/dλ', (r) => d.Exponential(r).rsample(k, N), 2, -0.25);
  });
  it('Uniform: d/dhigh E[z] = ½, d/dlow E[z²] = (2low + high)/3', () => {
    check('d/dhigh', (h) => d.Uniform(-1, h).rsample(k, N), 3, 0.5);
    check('d/dlow', (l) => square(d.Uniform(l, 3).rsample(k, N)), -1, (2 * -1 + 3) / 3);
  });
  it('Gumbel: d/dβ E[z] = γ; Laplace: d/db E[z²] = 4b; Logistic: d/ds E[z²] = 2π²s/3', () => {
    check('Gumbel', (b) => d.Gumbel(1, b).rsample(k, N), 2, EULER);
    check('Laplace', (b) => square(d.Laplace(0, b).rsample(k, N)), 1.5, 6);
    check('Logistic', (s) => square(d.Logistic(0, s).rsample(k, N)), 0.7, (2 * Math.PI ** 2 * 0.7) / 3);
  });
  it('Weibull: d/dk E[z] = −λΓ(1 + 1/k)ψ(1 + 1/k)/k²', () => {
    const lam = 2, c = 1.5, a = 1 + 1 / c;
    check('d/dk', (kk) => d.Weibull(lam, kk).rsample(k, N), c, (-lam * Math.exp(gammaln(a)) * digamma(a)) / (c * c));
  });
  it('Cauchy: d/dloc of the sample is 1 (pathwise)', () => {
    const t = tangents((m) => d.Cauchy(m, 2).rsample(k, 100), 0.5);
    expect(t.every((v) => v === 1)).toBe(true);
  });
  it('Beta: d/da E[z] = b/(a + b)², d/db E[z] = −a/(a + b)², also for shapes < 1', () => {
    for (const [a, b] of [[2, 3], [0.2, 0.7]] as const) {
      check(`d/da (${a}, ${b})`, (x) => d.Beta(x, b).rsample(k, N), a, b / (a + b) ** 2);
      check(`d/db (${a}, ${b})`, (x) => d.Beta(a, x).rsample(k, N), b, -a / (a + b) ** 2);
    }
  });
  it('StudentT: d/dν E[z²] = −2σ²/(ν − 2)², d/dσ E[z²] = 2σν/(ν − 2)', () => {
    check('d/dν', (nu) => square(d.StudentT(nu, 0, 1.5).rsample(k, N)), 6, (-2 * 2.25) / 16);
    check('d/dσ', (s) => square(d.StudentT(6, 0, s).rsample(k, N)), 1.5, (2 * 1.5 * 6) / 4);
  });
  it('Dirichlet: d/dα₀ E[z₀] = (Σα − α₀)/(Σα)², d/dα₁ E[z₀] = −α₀/(Σα)²', () => {
    check('d/dα0', (a) => col(d.Dirichlet(a).rsample(k, N), 0), tensor([1, 2, 3]), 5 / 36, tensor([1, 0, 0]));
    check('d/dα1 of z0', (a) => col(d.Dirichlet(a).rsample(k, N), 0), tensor([1, 2, 3]), -1 / 36, tensor([0, 1, 0]));
  });
  it('MultivariateNormal: d/dΣ₀₀ E[z₀²] = 1 and d/dΣ₀₁ E[z₀z₁] = 1 through the composite Cholesky', () => {
    const loc = tensor([0.5, -1]);
    const sigma = tensor([[2, 0.6], [0.6, 1]]);
    const mvn = (s: Tensor) => d.MultivariateNormal(loc, { covariance: s }).rsample(k, N);
    check('Σ00', (s) => square(col(mvn(s), 0)), sigma, 1, tensor([[1, 0], [0, 0]]));
    check('Σ01', (s) => { const z = mvn(s); return mul(col(z, 0), col(z, 1)); }, sigma, 1, tensor([[0, 1], [1, 0]]));
    check('Σ11 on z0', (s) => square(col(mvn(s), 0)), sigma, 0, tensor([[0, 0], [0, 1]]));
  });
  it('MultivariateNormal: d/dloc E[z] = 1 with a scaleTril', () => {
    const t = tangents((m) => col(d.MultivariateNormal(m, { scaleTril: tensor([[1, 0], [0.5, 2]]) }).rsample(k, 50), 1), tensor([0, 0]), tensor([0, 1]));
    expect(t.every((v) => Math.abs(v - 1) < 1e-15)).toBe(true);
  });
});

describe('relaxations: the pathwise derivative equals central differences on common random numbers', () => {
  const h = 1e-5;
  const crn = (f: (x: number) => Tensor, x: number): number => (mean(f(x + h)).item() - mean(f(x - h)).item()) / (2 * h);
  it('RelaxedBernoulli in logits and temperature', () => {
    const byLogit = (l: number | Tensor) => d.RelaxedBernoulli(0.7, { logits: l as number }).rsample(k, 2000);
    expect(meanAndStderr(tangents((l) => byLogit(l), 0.4)).mean).toBeCloseTo(crn(byLogit, 0.4), 7);
    const byTemp = (t: number | Tensor) => d.RelaxedBernoulli(t as number, { logits: 0.4 }).rsample(k, 2000);
    expect(meanAndStderr(tangents((t) => byTemp(t), 0.7)).mean).toBeCloseTo(crn(byTemp, 0.7), 7);
  });
  it('RelaxedOneHotCategorical in a logit', () => {
    const f = (l: number | Tensor) => col(d.RelaxedOneHotCategorical(0.7, { logits: mul(tensor([1, 0, 0]), l as number) }).rsample(k, 2000), 0);
    expect(meanAndStderr(tangents((l) => f(l), 0.4)).mean).toBeCloseTo(crn(f, 0.4), 7);
  });
});

describe('implicit families: no NaN near the boundaries of the support or of the parameters', () => {
  const noNaN = (label: string, f: (x: Tensor) => Tensor, x: Tensor, t: Tensor) => {
    const [z, tan] = jvp(f, x, t) as unknown as [Tensor, Tensor];
    expect(z.data.some(Number.isNaN), `${label}: NaN sample`).toBe(false);
    expect(tan.data.some(Number.isNaN), `${label}: NaN derivative`).toBe(false);
  };
  const M = 20_000;
  it('Beta with shapes 0.01 … 1000', () => {
    for (const [a, b] of [[0.01, 0.01], [0.01, 1000], [1000, 0.05], [1000, 1000]] as const) {
      noNaN(`Beta(${a}, ${b}) d/da`, (x) => d.Beta(x, b).rsample(k, M), tensor(a), tensor(1));
      noNaN(`Beta(${a}, ${b}) d/db`, (x) => d.Beta(a, x).rsample(k, M), tensor(b), tensor(1));
    }
  });
  it('Dirichlet with concentration 0.05, StudentT with df 0.05 … 1e6, VonMises with κ 1e-6 … 1e6', () => {
    noNaN('Dirichlet', (x) => d.Dirichlet(x).rsample(k, M), tensor([0.05, 0.05, 0.05]), tensor([1, 0, 0]));
    for (const nu of [0.05, 1e6]) noNaN(`StudentT(${nu})`, (x) => d.StudentT(x, 0, 1).rsample(k, M), tensor(nu), tensor(1));
    for (const kappa of [1e-6, 1e6]) noNaN(`VonMises(${kappa})`, (x) => d.VonMises(3, x).rsample(k, M), tensor(kappa), tensor(1));
  });
});
