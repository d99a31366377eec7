/**
 * `pathwise compare FILE`: the estimator comparison for a user's problem. FILE's default export is
 * `{ objective, params }` (an `expectation` and its parameter values); the table gives, per estimator and
 * parameter, the gradient, its standard error, the per-sample variance, the time per sample and the
 * work-normalized variance; `--report DIR` adds histograms of per-sample gradients and convergence plots.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_BATCH_SIZE } from '../montecarlo/layout.js';
import { InterruptedError } from '../parallel/errors.js';
import { addParallelFlags, parallelFlags } from './parallel-flags.js';
import type { CompareRow, EstimatorName, BaselineName, Params } from '../estimators/index.js';
import { compareTable, histogram, linePlot, type Report, type ReportSection, type Table } from '../report/index.js';
import { BASE_MEMORY, budgetOf, checkBudget, count, type Cost } from './budget.js';
import {
  CliError, given, isPathwiseError, listOf, oneOf, parseOption, printJson, sampleCount, proseText, seed as seedSchema, tableText, UsageError, type CliContext,
} from './common.js';
import { COMPARE_UNITS } from './json-output.js';
import { loadDefaultExport, thrownText } from './load-module.js';
import { checkOutputFolder, writeReportTo } from './report-output.js';
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
  objective: {
    compare(params: Params, options: object): CompareRow[];
    compareAsync?(params: Params, options: object): Promise<CompareRow[]>;
    value?(params: Params, options: object): unknown;
  };
  params: Params;
}

function asProblem(file: string, value: unknown): Problem {
  const v = value as Partial<Problem> | null;
  if (v === null || typeof v !== 'object' || typeof v.objective?.compare !== 'function') {
    throw new UsageError(`${file}: the default export must be { objective, params } with objective = expectation(...)`, 'input');
  }
  if (v.params === undefined || v.params === null) throw new UsageError(`${file}: the default export has no params`, 'input');
  return v as Problem;
}

/** Number of scalar parameters (for the cost estimate; finite differences need 2 per parameter). */
function parameterCount(params: unknown): number {
  if (typeof params === 'number') return 1;
  if (params === null || typeof params !== 'object') return 0;
  const size = (params as { size?: unknown }).size;
  if (typeof size === 'number' && 'data' in params) return size;
  return Object.values(params).reduce((n: number, v) => n + parameterCount(v), 0);
}

/**
 * Work: samples × the passes each estimator makes over a sample (fd two per parameter, the others about
 * three: value, derivative, statistics). Memory: one batch of per-sample values per parameter and the kept
 * samples per estimator.
 */
export function compareCost(samples: number, estimators: readonly string[], parameters: number): Cost {
  const passes = estimators.reduce((n, e) => n + (e === 'fd' ? 2 * parameters + 1 : 3), 0);
  const k = Math.max(1, parameters);
  return {
    work: samples * passes,
    memory: BASE_MEMORY + 8 * k * (estimators.length * Math.min(KEEP, samples) + 32 * Math.min(DEFAULT_BATCH_SIZE, samples)),
    detail: `${count(samples)} samples × ${estimators.length} estimator${estimators.length === 1 ? '' : 's'}, ${k} parameter${k === 1 ? '' : 's'}`,
  };
}

/**
 * Runs the user's program once on two samples before the comparison: a program the library rejects (a
 * wrong return shape, a missing parameter, a duplicate site name) is an input error, one that throws is a
 * run-time failure; either way nothing is computed and no row is mislabelled "not applicable".
 */
function preflight(file: string, problem: Problem, seed: number): void {
  if (typeof problem.objective.value !== 'function') return;
  try {
    runUserCode(file, () => problem.objective.value!(problem.params, { samples: 2, seed }), true);
  } catch (e) {
    // NaN in the cost is not an invalid program: the comparison reports it per estimator, and exits 1.
    if (!(e instanceof UsageError && (e.cause as Error | undefined)?.name === 'NonFiniteError')) throw e;
  }
}

function runUserCode<T>(file: string, f: () => T, rejectIsInput: boolean): T {
  try {
    return f();
  } catch (e) {
    if (isPathwiseError(e)) {
      if (rejectIsInput) throw new UsageError(`${file}: the program is not valid: ${e.message}`, 'input', { cause: e });
      throw new CliError(`${file}: ${e.message}`, 'runtime', { cause: e });
    }
    throw new CliError(`${file}: the program threw: ${thrownText(e)}`, 'runtime', { cause: e });
  }
}

async function runUserCodeAsync<T>(file: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof CliError || e instanceof InterruptedError) throw e;
    if (isPathwiseError(e)) throw new CliError(`${file}: ${e.message}`, 'runtime', { cause: e });
    throw new CliError(`${file}: the program threw: ${thrownText(e)}`, 'runtime', { cause: e });
  }
}

export function registerCompare(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('compare')
    .argument('<file>', 'a .ts or .js module whose default export is { objective, params } (its code is run)')
    .description('compare gradient estimators on your own expectation (runs the code of FILE)')
    .option('--samples <n>', 'Monte Carlo samples per estimator', '100000')
    .option('--seed <s>', 'integer seed', '1')
    .option('--estimators <list>', `comma-separated, of ${ESTIMATORS.join(', ')}`, 'pathwise,score,mvd,fd')
    .option('--baseline <b>', `score-function baseline: ${BASELINES.join(', ')}`, 'loo')
    .option('--report <dir>', 'also write an HTML/JSON report with histograms and convergence plots')
    .option('--json', 'print one JSON object, nothing else')
    .option('--quiet', 'print nothing but errors');
  addParallelFlags(cmd)
    .addHelpText('after', '\nExamples:\n  $ pathwise compare examples/gaussian-quadratic.ts\n  $ pathwise compare examples/bernoulli-logit.ts --estimators score,mvd,auto --report compare-report')
    .action(async (file: string, flags: CompareFlags, command: Command) => {
      const samples = parseOption('--samples', flags.samples, sampleCount);
      const seed = parseOption('--seed', flags.seed, seedSchema);
      const estimators = parseOption('--estimators', flags.estimators, listOf<EstimatorName>(ESTIMATORS));
      const baseline = parseOption('--baseline', flags.baseline, oneOf<BaselineName>(BASELINES));
      if (given(command, 'baseline') && !estimators.some((e) => e === 'score' || e === 'auto')) {
        throw new UsageError(`--baseline does not apply: baselines are for the score estimator (and auto), and --estimators is ${estimators.join(',')}`);
      }
      const budget = budgetOf(command);
      checkBudget(compareCost(samples, estimators, 1), budget);
      if (flags.report !== undefined) await checkOutputFolder(ctx, '--report', flags.report);
      const problem = asProblem(file, await loadDefaultExport(file));
      checkBudget(compareCost(samples, estimators, parameterCount(problem.params)), budget);
      if (ctx.checkOnly) return;
      preflight(file, problem, seed);
      const parallel = parallelFlags(command.opts());
      const runOptions = { samples, seed, estimators, baseline, keepSamples: Math.min(KEEP, samples) };
      // An objective from an older pathwise has no compareAsync: it runs on this thread.
      const rows = problem.objective.compareAsync === undefined
        ? runUserCode(file, () => problem.objective.compare(problem.params, runOptions), false)
        : await runUserCodeAsync(file, () => problem.objective.compareAsync!(problem.params, {
          ...runOptions, ...parallel, handleSigint: true, where: { module: pathToFileURL(resolve(file)).href, export: 'default' },
        }));
      const table = compareTable(rows);
      const failed = rows.filter((r) => r.failed === true);
      // A row with NaN or ±Infinity is an error (exit 1), never a row of numbers or "not applicable".
      const failure = failed.length === 0 ? null : new CliError(`${file}: ${failed.map((r) => r.estimator).join(', ')} failed: ${failed[0]!.error}`, 'runtime');
      if (failure !== null && flags.json === true) throw failure;
      const quiet = flags.quiet === true || flags.json === true;
      if (!quiet) ctx.io.stdout.write(`${tableText(ctx.io, table)}\n${proseText(ctx.io, notes(rows))}`);
      const inputs = { file, samples, seed, estimators, baseline, keepSamples: runOptions.keepSamples };
      const written = flags.report === undefined ? undefined : await writeReportTo(ctx, compareReport(rows, table, inputs), flags.report);
      if (written !== undefined && !quiet) ctx.io.stdout.write(`Report: ${written.htmlPath}\n`);
      if (flags.json === true) {
        printJson(ctx.io, {
          command: 'compare', version: VERSION,
          inputs, units: COMPARE_UNITS,
          file, samples, seed, baseline,
          rows: rows.map(({ diagnostics, ...r }) => ({ ...r, sites: diagnostics?.sites ?? [], events: diagnostics?.events ?? [], warnings: diagnostics?.warnings ?? [] })),
          ...(written !== undefined ? { files: written } : {}),
        });
      }
      if (failure !== null) throw failure;
    });
}

function notes(rows: readonly CompareRow[]): string[] {
  const lines = new Set<string>();
  for (const r of rows) {
    for (const w of r.diagnostics?.warnings ?? []) lines.add(`${r.estimator}: ${w}`);
    for (const s of r.diagnostics?.sites ?? []) if (r.estimator === 'auto' || /\bbiased\b/i.test(s.reason)) lines.add(`${r.estimator}: site '${s.name}' (${s.distribution}) → ${s.estimator}: ${s.reason}`);
  }
  return [...lines];
}

interface CompareInputs { file: string; samples: number; seed: number; estimators: string[]; baseline: string; keepSamples: number }

function compareReport(rows: readonly CompareRow[], table: Table, inputs: CompareInputs): Report {
  const { file, samples, seed } = inputs;
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
  return { title: `pathwise compare: ${file}`, sections, meta: { seed, samples, createdAt: new Date().toISOString(), version: VERSION, inputs: { ...inputs }, units: { ...COMPARE_UNITS } } };
}
