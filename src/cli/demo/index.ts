/**
 * `pathwise demo` (what `npm start` runs): a showcase of real computations — every number is computed
 * in the run, none is canned — printed as tables and written as a self-contained report
 * (pathwise-report/index.html with inline SVG plots, and report.json with every number).
 */
import type { Command } from 'commander';
import { formatTable, writeReport, type Report } from '../../report/index.js';
import { parseOption, positiveInteger, printJson, progress, seed as seedSchema, useColor } from '../common.js';
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

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a showcase of real computations, print their tables and write an HTML/JSON report')
    .option('--seed <s>', 'integer seed of every random number', '1')
    .option('--samples <n>', 'base number of Monte Carlo samples per estimate', '100000')
    .option('--out <dir>', 'folder of the report (index.html, report.json)', 'pathwise-report')
    .option('--json', 'print the report as one JSON object on stdout, nothing else')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  $ pathwise demo\n  $ pathwise demo --seed 7 --out /tmp/report\n  $ pathwise demo --json > demo.json')
    .action(async (flags: DemoFlags) => {
      await runDemo({
        seed: parseOption('--seed', flags.seed, seedSchema),
        samples: parseOption('--samples', flags.samples, positiveInteger),
        out: flags.out,
        json: flags.json === true,
        quiet: flags.quiet === true,
      });
    });
}

export interface DemoOptions extends DemoContext {
  readonly out: string;
  readonly json: boolean;
  readonly quiet: boolean;
}

export async function runDemo(options: DemoOptions): Promise<Report> {
  const color = useColor();
  const bar = progress(SECTIONS.length, 'demo', options);
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
      process.stdout.write(`\n${color ? `\u001b[1m${section.title}\u001b[22m` : section.title}  (${secs} s)\n`);
      for (const t of section.tables ?? []) process.stdout.write(`${formatTable(t, { color })}\n`);
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
  const written = await writeReport(report, options.out);
  if (options.json) printJson({ report: JSON.parse(JSON.stringify(report.meta)), sections: sections.map((s) => ({ id: s.id, title: s.title, tables: s.tables ?? [], numbers: s.numbers ?? {} })), files: written });
  else if (!options.quiet) process.stdout.write(`\nReport: ${written.htmlPath}\n        ${written.jsonPath}\n`);
  return report;
}
