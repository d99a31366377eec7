/**
 * `pathwise demo` (what `npm start` runs): a showcase of real computations — every number is computed
 * in the run, none is canned — printed as tables and written as a self-contained report
 * (pathwise-report/index.html with inline SVG plots, and report.json with every number).
 */
import type { Command } from 'commander';
import type { Report } from '../../report/index.js';
import { BASE_MEMORY, budgetOf, checkBudget, count, type Cost } from '../budget.js';
import { parseOption, printJson, progress, sampleCount, seed as seedSchema, tableText, useColor, type CliContext } from '../common.js';
import { checkOutputFolder, writeReportTo } from '../report-output.js';
import { VERSION } from '../version.js';
import type { DemoContext, DemoSection, SectionBuilder } from './section.js';
import { reparameterization } from './reparameterization.js';
import { zeroVariance } from './zero-variance.js';
import { whichEstimator } from './which-estimator.js';
import { brownian } from './brownian.js';
import { pathBreaks } from './path-breaks.js';
import { blackScholes } from './black-scholes.js';
import { geneExpression } from './gene-expression.js';

const SECTIONS: readonly SectionBuilder[] = [reparameterization, zeroVariance, whichEstimator, brownian, blackScholes, pathBreaks, geneExpression];

interface DemoFlags {
  json?: boolean;
  quiet?: boolean;
  seed: string;
  samples: string;
  out: string;
}

/**
 * Work: a fixed part (sections have minimum sizes: --samples 2 takes about 40 s here) and about a thousand
 * sample-steps per base sample (20 000 base samples take about 20 s more). Memory: a few batches, the kept samples of the histograms, and the Brownian
 * section's two arrays of samples / 2 increments.
 */
export function demoCost(samples: number): Cost {
  return { work: 4e7 + 1000 * samples, memory: BASE_MEMORY + 64e6 + 16 * samples, detail: `${count(samples)} base samples` };
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('run a showcase of real computations, print their tables and write an HTML/JSON report')
    .option('--seed <s>', 'integer seed of every random number', '1')
    .option('--samples <n>', 'base number of Monte Carlo samples per estimate', '100000')
    .option('--out <dir>', 'folder of the report (index.html, report.json)', 'pathwise-report')
    .option('--json', 'print the report as one JSON object on stdout, nothing else')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  $ pathwise demo\n  $ pathwise demo --seed 7 --out /tmp/report\n  $ pathwise demo --json > demo.json')
    .action(async (flags: DemoFlags, command: Command) => {
      const seed = parseOption('--seed', flags.seed, seedSchema);
      const samples = parseOption('--samples', flags.samples, sampleCount);
      checkBudget(demoCost(samples), budgetOf(command));
      await checkOutputFolder(ctx, '--out', flags.out);
      if (ctx.checkOnly) return;
      await runDemo(ctx, { seed, samples, out: flags.out, json: flags.json === true, quiet: flags.quiet === true });
    });
}

export interface DemoOptions extends DemoContext {
  readonly out: string;
  readonly json: boolean;
  readonly quiet: boolean;
}

export async function runDemo(ctx: CliContext, options: DemoOptions): Promise<Report> {
  const { io } = ctx;
  const color = useColor(io);
  const bar = progress(io, SECTIONS.length, 'demo', options);
  const sections: DemoSection[] = [];
  const t0 = performance.now();
  for (const build of SECTIONS) {
    const started = performance.now();
    const section = build(options);
    sections.push(section);
    bar.tick();
    if (!options.json && !options.quiet) {
      bar.stop();
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      io.stdout.write(`\n${color ? `\u001b[1m${section.title}\u001b[22m` : section.title}  (${secs} s)\n`);
      for (const t of section.tables ?? []) io.stdout.write(`${tableText(io, t)}\n`);
    }
  }
  bar.stop();
  const report: Report = {
    title: 'pathwise demo: gradients of expectations',
    subtitle: 'Every number below was computed in this run, with its standard error.',
    sections: sections.map(({ numbers: _numbers, ...s }) => s),
    meta: {
      seed: options.seed, samples: options.samples, createdAt: new Date().toISOString(), version: VERSION,
      seconds: Math.round(performance.now() - t0) / 1000,
    },
  };
  const written = await writeReportTo(ctx, report, options.out);
  if (options.json) printJson(io, { report: JSON.parse(JSON.stringify(report.meta)), sections: sections.map((s) => ({ id: s.id, title: s.title, tables: s.tables ?? [], numbers: s.numbers ?? {} })), files: written });
  else if (!options.quiet) io.stdout.write(`\nReport: ${written.htmlPath}\n        ${written.jsonPath}\n`);
  return report;
}
