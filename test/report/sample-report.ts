/**
 * A report with every plot kind, shared by the writer test and the browser test. Its numbers mimic the
 * demo: d/dμ E[x] for x ~ N(μ, σ²) by pathwise (constant 1, variance 0) and score function (x(x−μ)/σ²).
 * Names carry HTML on purpose, to check that they are escaped everywhere.
 */

import { barPlot, histogram, imageGrid, linePlot, scatterPlot, type Report } from '../../src/report/index.js';

/** Deterministic pseudo-normal values (sum of 4 uniforms from a sine hash), enough for plots. */
export function pseudoNormal(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < 4; k++) {
      const t = Math.sin((i * 4 + k + seed * 7919) * 12.9898) * 43758.5453;
      s += t - Math.floor(t);
    }
    out[i] = (s - 2) * Math.sqrt(3);
  }
  return out;
}

export const hostileName = '<img src=x onerror="alert(1)">';

export function sampleReport(): Report {
  const n = 100_000;
  const mu = 0.5;
  const x = pseudoNormal(n, 1).map((z) => mu + z);
  const pathwise = new Float64Array(n).fill(1);
  const score = x.map((v) => v * (v - mu));
  const sizes = [100, 1000, 10_000, 100_000];
  const se = (sd: number) => sizes.map((m) => sd / Math.sqrt(m));
  const dataX = pseudoNormal(5000, 2);
  const dataY = pseudoNormal(5000, 3).map((v, i) => 0.6 * dataX[i]! + 0.8 * v);
  const digits = Array.from({ length: 12 }, (_, k) =>
    Float64Array.from({ length: 64 }, (_, i) => {
      const r = Math.floor(i / 8) - 3.5;
      const c = (i % 8) - 3.5;
      const ring = Math.abs(Math.hypot(r, c * (1 + (k % 3) * 0.3)) - 2.6);
      return Math.max(0, 1 - ring * (0.9 + (k % 4) * 0.2));
    }),
  );
  return {
    title: 'pathwise demo: gradients of expectations',
    subtitle: 'd/dμ E[x] for x ~ N(μ, 1) at μ = 0.5, exact value 1',
    meta: { seed: 7, createdAt: '2026-11-25T10:00:00.000Z', version: '0.1.0', samples: n, command: ['demo', '--seed', '7'] },
    sections: [
      {
        id: 'estimates',
        title: 'Estimates',
        text: 'The **pathwise** estimate is exactly `1` for every sample: variance 0.\n\n- score function: unbiased, noisy\n- pathwise: exact here',
        tables: [
          {
            caption: `Estimators of d/dμ E[x] (${hostileName})`,
            columns: ['estimator', 'mean', 'stderr', { name: 'n', digits: 1 }],
            rows: [
              ['pathwise', 1, 0, n],
              ['score', 1.0042731, 0.0049871234, n],
              [hostileName, Number.NaN, null, 0],
            ],
          },
        ],
        plots: [
          {
            spec: barPlot({
              title: 'Estimates of d/dμ E[x]',
              style: 'point',
              yLabel: 'estimate',
              categories: ['pathwise', 'score'],
              values: [1, 1.0042731],
              errors: [0, 0.0049871234],
              reference: { value: 1, label: 'exact' },
            }),
            caption: 'Both estimators agree with the exact value.',
          },
          {
            spec: histogram({
              title: 'Per-sample estimates',
              xLabel: 'per-sample estimate',
              layout: 'facet',
              series: [
                { name: 'pathwise', values: pathwise },
                { name: 'score', values: score },
              ],
            }),
            caption: 'Pathwise: a single bar at 1.',
          },
        ],
      },
      {
        id: 'convergence',
        title: 'Convergence',
        text: 'Standard error against the number of samples, on log–log axes.',
        plots: [
          {
            spec: linePlot({
              title: 'Standard error against n',
              xLabel: 'samples n',
              yLabel: 'standard error',
              logX: true,
              logY: true,
              series: [
                { name: 'score', x: sizes, y: se(1.58), lower: se(1.5), upper: se(1.66) },
                { name: 'pathwise (variance 0)', x: sizes, y: [0, 0, 0, 0] },
                { name: hostileName, x: sizes, y: se(0.5) },
              ],
            }),
          },
        ],
      },
      {
        id: 'samples',
        title: 'Samples',
        plots: [
          {
            spec: scatterPlot({
              title: 'Model samples against data',
              xLabel: 'x₁',
              yLabel: 'x₂',
              series: [
                { name: 'data', x: dataX, y: dataY },
                { name: 'model', x: pseudoNormal(1500, 4), y: pseudoNormal(1500, 5) },
              ],
            }),
          },
          { spec: imageGrid({ title: 'VAE samples (8 × 8)', images: digits, width: 8, height: 8, columns: 6, invert: true }) },
        ],
      },
    ],
  };
}
