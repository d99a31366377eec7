/**
 * `pathwise compare FILE`: the estimator comparison for a user's problem. FILE's default export is
 * `{ objective, params }` (an `expectation` and its parameter values); the table gives, per estimator and
 * parameter, the gradient, its standard error, the per-sample variance, the time per sample and the
 * work-normalized variance; `--report DIR` adds histograms of per-sample gradients and convergence plots.
 */
import type { Command } from 'commander';
import type { CompareRow, EstimatorName, BaselineName, Params } from '../estimators/index.js';
import { formatTable, histogram, linePlot, writeReport, type Report, type ReportSection, type Table } from '../report/index.js';
import { listOf, oneOf, parseOption, positiveInteger, printJson, seed as seedSchema, UsageError, useColor } from './common.js';
import { loadDefaultExport } from './load-module.js';
import { VERSION } from './version.js';

const ESTIMATORS = ['pathwise', 'score', 'mvd', 'fd', 'auto'] as const;
const BASELINES = ['none', 'loo', 'ema', 'optimal'] as const;
const KEEP = 20_000;

interface CompareFlags {
  samples: string;
  seed: string;
  estimators: string;
  baseline: string;
  report?: string;
  json?: boolean;
  quiet?: boolean;
}

interface Problem {
  objective: { compare(params: Params, options: object): CompareRow[] };
  params: Params;
}

function asProblem(file: string, value: unknown): Problem {
  const v = value as Partial<Problem> | null;
  if (v === null || typeof v !== 'object' || typeof v.objective?.compare !== 'function') {
    throw new UsageError(`${file}: the default export must be { objective, params } with objective = expectation(...)`);
  }
  if (v.params === undefined || v.params === null) throw new UsageError(`${file}: the default export has no params`);
  return v as Problem;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .argument('<file>', 'a .ts or .js module whose default export is { objective, params }')
    .description('compare gradient estimators on your own expectation')
    .option('--samples <n>', 'Monte Carlo samples per estimator', '100000')
    .option('--seed <s>', 'integer seed', '1')
    .option('--estimators <list>', `comma-separated, of ${ESTIMATORS.join(', ')}`, 'pathwise,score,mvd,fd')
    .option('--baseline <b>', `score-function baseline: ${BASELINES.join(', ')}`, 'loo')
    .option('--report <dir>', 'also write an HTML/JSON report with histograms and convergence plots')
    .option('--json', 'print one JSON object, nothing else')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  $ pathwise compare examples/gaussian-quadratic.ts\n  $ pathwise compare examples/bernoulli-logit.ts --estimators score,mvd,fd --report compare-report')
    .action(async (file: string, flags: CompareFlags) => {
      const samples = parseOption('--samples', flags.samples, positiveInteger);
      const seed = parseOption('--seed', flags.seed, seedSchema);
      const estimators = parseOption('--estimators', flags.estimators, listOf<EstimatorName>(ESTIMATORS));
      const baseline = parseOption('--baseline', flags.baseline, oneOf<BaselineName>(BASELINES));
      if (samples < 2) throw new UsageError(`--samples: must be at least 2 (got "${flags.samples}")`);
      const problem = asProblem(file, await loadDefaultExport(file));
      const rows = problem.objective.compare(problem.params, { samples, seed, estimators, baseline, keepSamples: Math.min(KEEP, samples) });
      const table = compareTable(rows);
      if (flags.json === true) printJson({ file, samples, seed, baseline, rows: rows.map(({ diagnostics, ...r }) => ({ ...r, sites: diagnostics?.sites ?? [], events: diagnostics?.events ?? [], warnings: diagnostics?.warnings ?? [] })) });
      else if (flags.quiet !== true) process.stdout.write(`${formatTable(table, { color: useColor() })}\n${notes(rows)}`);
      if (flags.report !== undefined) {
        const written = await writeReport(compareReport(file, rows, table, seed, samples), flags.report);
        if (flags.json !== true && flags.quiet !== true) process.stdout.write(`Report: ${written.htmlPath}\n`);
      }
    });
}

export function compareTable(rows: readonly CompareRow[]): Table {
  const out: (string | number | null)[][] = [];
  for (const r of rows) {
    if (r.error !== undefined) {
      out.push([r.estimator, '—', null, null, null, null, null, `not applicable: ${r.error}`]);
      continue;
    }
    for (const c of r.components) {
      out.push([r.estimator, c.name, c.mean, c.stderr, c.variance, r.secondsPerSample * 1e6, c.workNormalizedVariance * 1e6, r.biased ? 'BIASED' : '']);
    }
  }
  return {
    columns: ['estimator', 'parameter', 'gradient', 'stderr', 'variance/sample', 'µs/sample', 'variance·µs', { name: 'note', align: 'left' }],
    rows: out,
    caption: 'Lower variance·µs (work-normalized variance) is better: it is the variance per unit of compute.',
  };
}

function notes(rows: readonly CompareRow[]): string {
  const lines = new Set<string>();
  for (const r of rows) {
    for (const w of r.diagnostics?.warnings ?? []) lines.add(`${r.estimator}: ${w}`);
    for (const s of r.diagnostics?.sites ?? []) if (r.estimator === 'auto' || /BIASED/.test(s.reason)) lines.add(`${r.estimator}: site '${s.name}' (${s.distribution}) → ${s.estimator}: ${s.reason}`);
  }
  return lines.size === 0 ? '' : `${[...lines].join('\n')}\n`;
}

function compareReport(file: string, rows: readonly CompareRow[], table: Table, seed: number, samples: number): Report {
  const ok = rows.filter((r) => r.error === undefined && r.diagnostics !== undefined);
  const names = ok[0]?.components.map((c) => c.name) ?? [];
  const sections: ReportSection[] = [{ id: 'summary', title: 'Estimators side by side', text: `Problem: ${file}. ${samples.toLocaleString('en')} samples per estimator, seed ${seed}.`, tables: [table] }];
  names.forEach((name, k) => {
    sections.push({
      id: `parameter-${k}`,
      title: `Parameter ${name}`,
      plots: [
        {
          spec: histogram({ title: `Per-sample gradient estimates for ${name}`, xLabel: 'per-sample gradient', layout: 'facet', density: true, series: ok.map((r) => ({ name: r.estimator, values: r.diagnostics!.samples[k]! })) }),
          caption: `The first ${Math.min(KEEP, samples).toLocaleString('en')} per-sample estimates of each estimator.`,
        },
        {
          spec: linePlot({
            title: `Convergence of the estimate of ∂/∂${name}`, xLabel: 'samples n', yLabel: 'estimate', logX: true,
            series: ok.map((r) => ({
              name: r.estimator,
              x: r.diagnostics!.trace.map((t) => t.n),
              y: r.diagnostics!.trace.map((t) => t.mean[k]!),
              lower: r.diagnostics!.trace.map((t) => t.mean[k]! - 1.96 * t.stderr[k]!),
              upper: r.diagnostics!.trace.map((t) => t.mean[k]! + 1.96 * t.stderr[k]!),
            })),
          }),
          caption: 'Running estimate after each batch with its 95% confidence band.',
        },
      ],
    });
  });
  return { title: `pathwise compare: ${file}`, sections, meta: { seed, samples, createdAt: new Date().toISOString(), version: VERSION } };
}
