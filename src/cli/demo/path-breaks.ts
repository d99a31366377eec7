/**
 * Section 6: where the path breaks. A Bernoulli built by thresholding a Gaussian sample: the pathwise
 * gradient through the step is 0 and is flagged, auto switches the site to the score function; then
 * Gumbel-softmax (Concrete) relaxations and straight-through, whose bias against the true gradient is
 * plotted against the temperature; and first the Black–Scholes digital option's delta (digital.ts).
 */
import * as pw from '../../index.js';
import { linePlot, type Table } from '../../report/index.js';
import { zOf, type DemoContext, type DemoSection } from './section.js';
import { digitalDelta } from './digital.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

const npdf = (x: number) => dmath.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

function thresholding(ctx: DemoContext): Table {
  const mu = 0.1, p0 = 0.25;
  const truth = npdf(mu) * (1 - 2 * p0);
  const objective = pw.expectation<{ mu: number }>((p, s) => {
    const x = pw.greater(s.sample('z', pw.Normal(p.mu, 1)), 0);   // x ~ Bernoulli(Φ(μ))
    return pw.square(x.sub(p0));
  });
  const rows = (['pathwise', 'auto', 'score'] as const).map((estimator) => {
    const r = objective.grad({ mu }, { samples: ctx.samples, seed: ctx.seed, estimator });
    const g = r.grad.mu;
    const note = r.diagnostics.biased ? `biased: ${r.diagnostics.events.map((e) => `'${e.op}' consumes ${e.sources.join(',')}`).join('; ')}` : r.diagnostics.sites[0]!.estimator;
    return [estimator, g.mean, g.stderr, zOf(g.mean, g.stderr, truth), note];
  });
  return {
    columns: ['estimator', 'gradient', 'stderr', 'z vs exact', { name: 'diagnostics', align: 'left' }],
    rows,
    caption: `x = 1{z > 0}, z ~ N(μ, 1), f = (x − ${p0})², μ = ${mu}: exact φ(μ)(1 − 2·${p0}) = ${truth.toPrecision(6)}`,
  };
}

export function pathBreaks(ctx: DemoContext): DemoSection {
  const eta = 0.4, p0 = 0.25;
  const sig = 1 / (1 + dmath.exp(-eta));
  const truth = sig * (1 - sig) * (dmath.pow(1 - p0, 2) - dmath.pow(p0, 2));   // d/dη E[(x − p0)²], x ~ Bernoulli(σ(η))
  const temps = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2];
  const n = Math.max(2_000, Math.round(ctx.samples / 2));
  const families = [
    { name: 'Gumbel-softmax (relaxed)', make: (t: number, logits: pw.Tensor) => pw.RelaxedBernoulli(t, { logits }) },
    { name: 'straight-through', make: (t: number, logits: pw.Tensor) => pw.StraightThroughBernoulli(t, { logits }) },
  ];
  const curves = families.map(({ name, make }) => {
    const est = temps.map((t) => {
      const objective = pw.expectation<{ eta: number }>((p, s) => pw.square(s.sample('x', make(t, p.eta)).sub(p0)));
      return objective.grad({ eta }, { samples: n, seed: ctx.seed, estimator: 'pathwise' }).grad.eta;
    });
    return { name, est };
  });
  const score = pw.expectation<{ eta: number }>((p, s) => pw.square(s.sample('x', pw.Bernoulli({ logits: p.eta })).sub(p0)))
    .grad({ eta }, { samples: n, seed: ctx.seed, estimator: 'score' }).grad.eta;
  return {
    id: 'path-breaks',
    title: '6. Where the path breaks',
    text: [
      'A digital option pays 1 when the spot ends above the strike: its payoff jumps, so the pathwise delta is 0 on every path. The engine sees the jump (a step consumes a value derived from the spot), flags pathwise as biased, and `auto` uses the likelihood ratio.',
      'A discrete variable built by thresholding a continuous sample makes the pathwise gradient zero almost surely — silently wrong. pathwise tracks every discontinuous op a sampled value flows through: the pathwise run below is flagged as biased, and `auto` switches the site to the score function, which finds the exact gradient.',
      `Relaxations trade that bias for another: Gumbel-softmax replaces x ~ Bernoulli(σ(η)) by a continuous sample at temperature τ, and straight-through uses the hard sample forward and the relaxed gradient backward. Their gradients of E[(x − ${p0})²] are biased, and the bias depends on τ (exact: ${truth.toPrecision(5)}; score function on the discrete variable: ${score.mean.toPrecision(5)} ± ${score.stderr.toPrecision(2)}).`,
    ].join('\n\n'),
    tables: [
      digitalDelta(ctx),
      thresholding(ctx),
      {
        columns: ['τ', ...curves.flatMap((c) => [`${c.name}`, 'stderr', 'bias'])],
        rows: temps.map((t, i) => [t, ...curves.flatMap((c) => [c.est[i]!.mean, c.est[i]!.stderr, c.est[i]!.mean - truth])]),
        caption: `d/dη E[(x − ${p0})²], η = ${eta}; ${n.toLocaleString('en')} samples per point; exact ${truth.toPrecision(6)}`,
      },
    ],
    plots: [{
      spec: linePlot({
        title: 'Bias of relaxed gradients against the temperature', xLabel: 'temperature τ', yLabel: 'estimate − exact gradient', logX: true,
        series: curves.map((c) => ({
          name: c.name, x: temps, y: c.est.map((e) => e.mean - truth),
          lower: c.est.map((e) => e.mean - truth - 1.96 * e.stderr), upper: c.est.map((e) => e.mean - truth + 1.96 * e.stderr),
        })),
      }),
      caption: 'Bias with 95% bands; an unbiased estimator would sit on 0 within its band.',
    }],
    numbers: { truth, scoreMean: score.mean, scoreStderr: score.stderr },
  };
}
