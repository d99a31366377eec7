/** Section 2: x ~ N(μ, σ²), f = x — pathwise has variance 0, the score function μ²/σ² + 2. */
import * as pw from '../../index.js';
import { histogram } from '../../report/index.js';
import type { DemoContext, DemoSection } from './section.js';

export function zeroVariance(ctx: DemoContext): DemoSection {
  const mu = 1.5, sigma = 0.8;
  const objective = pw.expectation<{ mu: number }>((p, s) => s.sample('x', pw.Normal(p.mu, sigma)));
  const keep = Math.min(ctx.samples, 20_000);
  const run = (estimator: 'pathwise' | 'score', baseline: 'none' | 'loo') =>
    objective.grad({ mu }, { samples: ctx.samples, seed: ctx.seed, estimator, baseline, keepSamples: keep });
  const cases = [
    { name: 'pathwise', r: run('pathwise', 'none'), theory: 0 },
    { name: 'score', r: run('score', 'none'), theory: (mu * mu) / (sigma * sigma) + 2 },
    { name: 'score + loo baseline', r: run('score', 'loo'), theory: null },
  ];
  return {
    id: 'zero-variance',
    title: '2. Zero variance',
    text: [
      `x ~ N(μ, σ²) with μ = ${mu}, σ = ${sigma}, and f(x) = x, so d/dμ E[x] = 1.`,
      'Pathwise: x = μ + σε, so every sample contributes exactly dx/dμ = 1 — variance 0. Score function: each sample contributes x·(x − μ)/σ², with mean 1 and variance μ²/σ² + 2. A baseline (the leave-one-out mean of the other samples) removes most of that variance, but not all.',
    ].join('\n\n'),
    tables: [{
      columns: ['estimator', 'gradient', 'stderr', 'variance/sample', 'theory'],
      rows: cases.map(({ name, r, theory }) => [name, r.grad.mu.mean, r.grad.mu.stderr, r.grad.mu.variance, theory]),
      caption: `n = ${ctx.samples.toLocaleString('en')}; truth 1; theory: μ²/σ² + 2 = ${((mu * mu) / (sigma * sigma) + 2).toFixed(4)} for the score function`,
    }],
    plots: [{
      spec: histogram({
        title: 'Per-sample estimates of d/dμ E[x]', xLabel: 'per-sample gradient', layout: 'facet', density: true,
        series: cases.map(({ name, r }) => ({ name, values: r.diagnostics.samples[0]! })),
      }),
      caption: `The first ${keep.toLocaleString('en')} per-sample estimates of each estimator; pathwise is a single bar at 1.`,
    }],
    numbers: Object.fromEntries(cases.flatMap(({ name, r }) => [[`${name}.mean`, r.grad.mu.mean], [`${name}.variance`, r.grad.mu.variance]])),
  };
}
