/**
 * The families as sample sites of an expectation program: every applicable estimator reaches the
 * analytic gradient within 5 standard errors (pathwise through implicit samples, score function for the
 * discrete families, measure-valued through the `mvd` terms).
 */
import { describe, it } from 'vitest';
import type { Tensor } from '../../src/tensor/tensor.js';
import { add, mul, square } from '../../src/ad/ops/index.js';
import { expectation } from '../../src/estimators/index.js';
import type { EstimatorName, SampleContext } from '../../src/estimators/index.js';
import * as d from '../../src/distributions/index.js';
import { tensor } from '../../src/tensor/create.js';
import { expectWithin5Se } from './helpers.js';

type Program = (p: { t: Tensor }, s: SampleContext) => Tensor;

function run(program: Program, t: number, estimator: EstimatorName): { mean: number; stderr: number } {
  return expectation<{ t: number }>(program as never).grad({ t }, { samples: 20_000, seed: 5, estimator }).grad.t;
}

describe('families under the estimators', () => {
  it('Exponential, E[z²] = 2/λ²: pathwise, score and mvd give −4/λ³', () => {
    for (const est of ['pathwise', 'score', 'mvd'] as const) {
      const g = run((p, s) => square(s.sample('z', d.Exponential(p.t))), 2, est);
      expectWithin5Se(`Exponential ${est}`, g.mean, -0.5, g.stderr);
    }
  });
  it('Poisson, E[k²] = λ + λ²: score and mvd give 1 + 2λ', () => {
    for (const est of ['score', 'mvd'] as const) {
      const g = run((p, s) => square(s.sample('k', d.Poisson(p.t))), 3.5, est);
      expectWithin5Se(`Poisson ${est}`, g.mean, 8, g.stderr);
    }
  });
  it('Categorical from logits, E[(x + 1)²]: score and mvd give p₀(f(0) − E f) for the first logit', () => {
    const f = [1, 4, 9];
    const p = [0.3, -0.2, 1.1].map(Math.exp);
    const total = p.reduce((a, b) => a + b, 0);
    const q = p.map((v) => v / total);
    const truth = q[0]! * (f[0]! - q.reduce((a, v, i) => a + v * f[i]!, 0));
    const logits = (t: Tensor) => add(tensor([0, -0.2, 1.1]), mul(tensor([1, 0, 0]), t));
    for (const est of ['score', 'mvd'] as const) {
      const g = run((pp, s) => square(add(s.sample('x', d.Categorical({ logits: logits(pp.t) })), 1)), 0.3, est);
      expectWithin5Se(`Categorical ${est}`, g.mean, truth, g.stderr);
    }
  });
  it('Beta and StudentT pathwise through the implicit samples', () => {
    const gb = run((p, s) => s.sample('b', d.Beta(p.t, 3)), 2, 'pathwise');
    expectWithin5Se('Beta', gb.mean, 3 / 25, gb.stderr);
    const gt = run((p, s) => square(s.sample('t', d.StudentT(p.t, 0, 1))), 6, 'pathwise');
    expectWithin5Se('StudentT', gt.mean, -2 / 16, gt.stderr);
    const gl = run((p, s) => s.sample('l', d.LogNormal(p.t, 0.5)), 0.3, 'pathwise');
    expectWithin5Se('LogNormal', gl.mean, Math.exp(0.3 + 0.125), gl.stderr);
  });
});
