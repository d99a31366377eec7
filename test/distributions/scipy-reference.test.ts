/**
 * logProb, cdf, icdf, mean, variance and entropy of every family against SciPy (and, for the Concrete
 * relaxations, the published densities at 40 digits): fixture from scripts/gen-distribution-fixtures.py.
 * Tolerance k·EPS relative (k = 1e4 by default: a few lgamma/digamma/log1p evaluations in sequence);
 * far-tail cdf values at 1e-13 purely relative, so that small probabilities keep their digits.
 */
import { describe, it } from 'vitest';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import * as d from '../../src/distributions/index.js';
import { expectClose, loadReference, value, type ReferenceCase } from './helpers.js';

type Params = ReferenceCase['params'];
const n = (p: Params, k: string): number => p[k] as number;
const t = (p: Params, k: string): Tensor => tensor(p[k] as number[]);

const make: Record<string, (p: Params) => d.Distribution> = {
  Normal: (p) => d.Normal(n(p, 'loc'), n(p, 'scale')),
  LogNormal: (p) => d.LogNormal(n(p, 'loc'), n(p, 'scale')),
  Uniform: (p) => d.Uniform(n(p, 'low'), n(p, 'high')),
  Exponential: (p) => d.Exponential(n(p, 'rate')),
  Laplace: (p) => d.Laplace(n(p, 'loc'), n(p, 'scale')),
  Logistic: (p) => d.Logistic(n(p, 'loc'), n(p, 'scale')),
  Gumbel: (p) => d.Gumbel(n(p, 'loc'), n(p, 'scale')),
  Cauchy: (p) => d.Cauchy(n(p, 'loc'), n(p, 'scale')),
  Weibull: (p) => d.Weibull(n(p, 'scale'), n(p, 'concentration')),
  Gamma: (p) => d.Gamma(n(p, 'concentration'), n(p, 'rate')),
  Beta: (p) => d.Beta(n(p, 'concentration1'), n(p, 'concentration0')),
  StudentT: (p) => d.StudentT(n(p, 'df'), n(p, 'loc'), n(p, 'scale')),
  VonMises: (p) => d.VonMises(n(p, 'loc'), n(p, 'concentration')),
  Bernoulli: (p) => d.Bernoulli(n(p, 'probs')),
  Poisson: (p) => d.Poisson(n(p, 'rate')),
  Binomial: (p) => d.Binomial(n(p, 'totalCount'), n(p, 'probs')),
  Geometric: (p) => d.Geometric(n(p, 'probs')),
  Categorical: (p) => d.Categorical(t(p, 'probs')),
  MultivariateNormal: (p) => d.MultivariateNormal(t(p, 'loc'), 'covariance' in p
    ? { covariance: tensor(p['covariance'] as number[][]) }
    : { scaleTril: tensor(p['scaleTril'] as number[][]) }),
  Dirichlet: (p) => d.Dirichlet(t(p, 'concentration')),
  RelaxedBernoulli: (p) => d.RelaxedBernoulli(n(p, 'temperature'), { logits: n(p, 'logits') }),
  RelaxedOneHotCategorical: (p) => d.RelaxedOneHotCategorical(n(p, 'temperature'), { logits: t(p, 'logits') }),
};

const RTOL = 1e4 * Number.EPSILON;
/** Looser where a formula is evaluated near a cancellation SciPy avoids (noted per family). */
const rtolOf: Record<string, number> = {
  // entropy: (ν+1)/2·(ψ((ν+1)/2) − ψ(ν/2)) loses log10(ν) digits to the digamma difference at large ν.
  StudentT: 1e-10,
};

function compare(label: string, actual: Tensor, expected: ReferenceCase['logProb'] | ReferenceCase['entropy'], rtol: number): void {
  const exp = (Array.isArray(expected) ? expected : [expected!]).map(value);
  const got = actual.data;
  if (got.length !== exp.length) throw new Error(`${label}: ${got.length} values, expected ${exp.length}`);
  for (let i = 0; i < exp.length; i++) expectClose(`${label}[${i}]`, got[i]!, exp[i]!, rtol);
}

/** Relative tolerance of far-tail cdf values (a few ulps of each of exp, log1p, atan, erfc). */
const TAIL_RTOL = 1e-13;

const reference = loadReference();

describe('distributions against SciPy reference values', () => {
  it('covers every family of the fixture', () => {
    const missing = Object.keys(reference).filter((k) => !(k in make));
    if (missing.length > 0) throw new Error(`no factory for ${missing.join(', ')}`);
  });
  for (const [family, cases] of Object.entries(reference)) {
    cases.forEach((c, ci) => {
      it(`${family} ${JSON.stringify(c.params)}`, () => {
        const dist = make[family]!(c.params);
        const rtol = rtolOf[family] ?? RTOL;
        const label = `${family}#${ci}`;
        const x = tensor(c.x as number[]);
        compare(`${label}.logProb`, dist.logProb(x), c.logProb, rtol);
        if (c.cdf) compare(`${label}.cdf`, dist.cdf(x), c.cdf, rtol);
        if (c.icdf) compare(`${label}.icdf`, dist.icdf(tensor(c.p!.map(value))), c.icdf, rtol);
        if (c.mean !== undefined) compare(`${label}.mean`, dist.mean(), c.mean as never, rtol);
        if (c.variance !== undefined) compare(`${label}.variance`, dist.variance(), c.variance as never, rtol);
        if (c.entropy !== undefined) compare(`${label}.entropy`, dist.entropy(), c.entropy, rtol);
        if (c.tail) {
          const got = dist.cdf(tensor(c.tail.x)).data;
          c.tail.cdf.map(value).forEach((e, i) => expectClose(`${label}.cdf tail x = ${c.tail!.x[i]}`, got[i]! / e, 1, TAIL_RTOL));
        }
      });
    });
  }
});
