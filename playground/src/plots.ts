/**
 * The playground's plots: Vega-Lite specs from the report layer (src/report, which runs in a browser),
 * plus two specs of its own for bundles of SDE paths, rendered to SVG headlessly by the report layer's
 * renderSvg (no network, no DOM needed) and given an SVG <title> and <desc> for screen readers.
 */
import type { TopLevelSpec } from 'vega-lite';
import { barPlot } from '../../src/report/plots/bar-plot.js';
import { histogram } from '../../src/report/plots/histogram.js';
import { linePlot } from '../../src/report/plots/line-plot.js';
import { defaultHeight, defaultWidth, plotConfig } from '../../src/report/plots/common.js';
import { renderSvg } from '../../src/report/render-svg.js';
import type { GreeksSummary, LabResult, SdeSummary } from './jobs.js';

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Renders `spec` into `into`: an accessible SVG (role img, <title>, <desc>) replacing what was there. */
export async function draw(into: HTMLElement, spec: TopLevelSpec, title: string, description: string): Promise<void> {
  const svg = await renderSvg(spec);
  const id = `${into.id || 'plot'}-title`;
  const open = svg.indexOf('>') + 1;
  const labelled = svg.slice(0, open - 1).replace(/\srole="[^"]*"/, '').replace(/\saria-label="[^"]*"/, '')
    + ` role="img" aria-labelledby="${id} ${id}-desc">`
    + `<title id="${id}">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
    + svg.slice(open);
  into.innerHTML = labelled;
}

/** The rows of a lab result that produced numbers. */
const ran = (r: LabResult) => r.rows.filter((row) => row.error === undefined && row.components.length > 0);

export function labEstimatesSpec(r: LabResult, k: number): TopLevelSpec {
  const rows = ran(r);
  return barPlot({
    title: `∂/∂${r.componentNames[k]} E[f(x)] by estimator`,
    yLabel: 'gradient estimate', xLabel: 'estimator', style: 'point', k: 2,
    categories: rows.map((row) => row.estimator),
    values: rows.map((row) => row.components[k]!.mean),
    errors: rows.map((row) => row.components[k]!.stderr),
    ...(r.exact !== null ? { reference: { value: r.exact[k]!, label: 'exact' } } : {}),
  });
}

/**
 * One histogram per estimator, each over its own range: per-sample values of different estimators can
 * differ by orders of magnitude (finite differences through a step are 0 or ±1/2h), and shared bins would
 * squash every other estimator into one bar.
 */
export function labHistogramSpec(r: LabResult, k: number): TopLevelSpec {
  const rows = ran(r).filter((row) => (row.samples[k]?.length ?? 0) > 0);
  const panels = rows.map((row) => {
    const { $schema: _schema, config: _config, ...panel } = histogram({
      title: row.estimator, xLabel: 'per-sample gradient estimate', density: true, width: 380, height: 70,
      series: [{ name: row.estimator, values: row.samples[k]! }],
    }) as unknown as Record<string, unknown>;
    return panel;
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Per-sample estimates of ∂/∂${r.componentNames[k]}`, subtitle: [`first ${r.job.keepSamples} samples; each estimator on its own x range`] },
    config: plotConfig,
    vconcat: panels,
  } as unknown as TopLevelSpec;
}

export function labConvergenceSpec(r: LabResult, k: number): TopLevelSpec {
  return linePlot({
    title: `Running estimate of ∂/∂${r.componentNames[k]} ± 2 stderr`,
    xLabel: 'samples n', yLabel: 'gradient estimate', logX: true,
    series: ran(r).map((row) => {
      const t = row.trace[k]!;
      return {
        name: row.estimator, x: t.n, y: t.mean,
        lower: t.mean.map((m, i) => m - 2 * t.stderr[i]!), upper: t.mean.map((m, i) => m + 2 * t.stderr[i]!),
      };
    }),
  });
}

/** Variance × time on a log axis (estimators differ by orders of magnitude); zeros are listed in the subtitle. */
export function labWorkSpec(r: LabResult, k: number): TopLevelSpec {
  const rows = ran(r).map((row) => ({ estimator: row.estimator, value: row.components[k]!.workNormalizedVariance }));
  const shown = rows.filter((row) => row.value > 0 && Number.isFinite(row.value));
  const zero = rows.filter((row) => row.value === 0).map((row) => row.estimator);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Variance × time per sample, ∂/∂${r.componentNames[k]} (lower is better)`,
      subtitle: [zero.length > 0 ? `zero variance (not on the log axis): ${zero.join(', ')}` : 'log scale'],
    },
    width: 300, height: defaultHeight, config: plotConfig,
    data: { values: shown },
    mark: { type: 'point', filled: true, size: 90 },
    encoding: {
      x: { field: 'estimator', type: 'nominal', sort: rows.map((row) => row.estimator), title: 'estimator', axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'variance × seconds per sample' },
    },
  } as TopLevelSpec;
}

export function greekSpec(r: GreeksSummary, greek: string): TopLevelSpec {
  const rows = r.rows.filter((row) => row.greek === greek && row.mean !== null && row.stderr !== null);
  const closed = rows[0]?.closedForm ?? null;
  return barPlot({
    title: `${greek}: Monte Carlo by method`, yLabel: greek, xLabel: 'method', style: 'point', k: 2,
    categories: rows.map((row) => row.method + (row.biased ? ' (biased)' : '')),
    values: rows.map((row) => row.mean!),
    errors: rows.map((row) => row.stderr!),
    ...(closed !== null ? { reference: { value: closed, label: 'closed form' } } : {}),
    width: 440, height: 200,
  });
}

/** At most this many paths are drawn (the summaries use all of them). */
const MAX_DRAWN = 60;

/** A bundle of paths as thin lines, optionally with summary lines (mean ± 2 stderr, exact) in a legend. */
function bundleSpec(
  title: string, yLabel: string, times: readonly number[], paths: readonly (readonly number[])[],
  summaries: readonly { name: string; y: readonly number[]; dash?: boolean }[], band?: { lower: number[]; upper: number[] },
): TopLevelSpec {
  const pathRows = paths.slice(0, MAX_DRAWN).flatMap((p, i) => times.map((t, k) => ({ path: i, t, y: p[k]! })));
  const names = summaries.map((s) => s.name);
  const summaryRows = summaries.flatMap((s) => times.map((t, k) => ({ series: s.name, t, y: s.y[k]!, dash: s.dash === true })));
  const x = { field: 't', type: 'quantitative', title: 'time t' } as const;
  const layer: object[] = [
    {
      data: { values: pathRows },
      mark: { type: 'line', strokeWidth: 1, opacity: 0.35, color: '#4c78a8' },
      encoding: { x, y: { field: 'y', type: 'quantitative', title: yLabel, scale: { zero: false } }, detail: { field: 'path', type: 'nominal' } },
    },
  ];
  if (band !== undefined) {
    layer.push({
      data: { values: times.map((t, k) => ({ t, lower: band.lower[k]!, upper: band.upper[k]! })) },
      mark: { type: 'area', opacity: 0.25, color: '#222222' },
      encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } },
    });
  }
  if (summaries.length > 0) {
    layer.push({
      data: { values: summaryRows },
      mark: { type: 'line', strokeWidth: 2.5 },
      encoding: {
        x, y: { field: 'y', type: 'quantitative' },
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: ['#222222', '#e45756'] } },
        strokeDash: { field: 'dash', type: 'nominal', legend: null, scale: { domain: [false, true], range: [[1, 0], [6, 3]] } },
      },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: [`${Math.min(paths.length, MAX_DRAWN)} of ${paths.length} paths drawn`] },
    width: defaultWidth, height: defaultHeight, config: plotConfig,
    layer,
  } as TopLevelSpec;
}

export function sdePathsSpec(r: SdeSummary): TopLevelSpec {
  return bundleSpec('Paths X_t (sde.solve)', 'X_t', r.times, r.paths, []);
}

export function sdeTangentSpec(r: SdeSummary): TopLevelSpec {
  const mean = r.meanTangent.map((m) => m.mean);
  const summaries: { name: string; y: readonly number[]; dash?: boolean }[] = [{ name: 'mean ± 2 stderr', y: mean }];
  if (r.exactMeanTangent !== null) summaries.push({ name: `exact ∂E[X_t]/∂${r.job.wrt}`, y: r.exactMeanTangent, dash: true });
  return bundleSpec(`Tangent paths ∂X_t/∂${r.job.wrt} (sde.tangentPaths)`, `∂X_t/∂${r.job.wrt}`, r.times, r.tangents, summaries, {
    lower: r.meanTangent.map((m) => m.mean - 2 * m.stderr), upper: r.meanTangent.map((m) => m.mean + 2 * m.stderr),
  });
}
