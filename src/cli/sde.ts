/**
 * `pathwise sde`: sensitivities of built-in SDEs (gene expression, geometric Brownian motion) by the
 * tangent process, the adjoint, finite differences with common random numbers and auto, each with its
 * standard error and the closed-form value.
 */
import type { Command } from 'commander';
import { models, sensitivityAsync, type SensitivityMode } from '../sde/index.js';
import { addParallelFlags, parallelFlags } from './parallel-flags.js';
import type { Table } from '../report/index.js';
import { VERSION } from './version.js';
import { BASE_MEMORY, budgetOf, checkBudget, count, type Cost } from './budget.js';
import { listOf, oneOf, parseOption, positiveInteger, printJson, sampleCount, seed as seedSchema, tableText, type CliContext } from './common.js';
import { gbm as gbmProblem, gbmSensitivity, geneExpression as geneProblem, geneSensitivity } from '../sde/models.js';

const MODELS = ['gene', 'gbm'] as const;
const MODES = ['forward', 'adjoint', 'fd', 'auto'] as const;

interface SdeFlags { model: string; mode: string; paths: string; steps: string; seed: string; json?: boolean; quiet?: boolean }

/** State and Brownian dimensions of the built-in models. */
const WIDTH: Record<(typeof MODELS)[number], number> = { gene: 2 + 4, gbm: 1 + 1 };

/**
 * Work: paths × steps × (state + noise dimensions), about three passes per mode (forward: primal and
 * tangent; adjoint: forward, checkpoint replay and backward; fd: three runs). Memory: every path is held at
 * once, with the adjoint's tape of one checkpoint segment (√steps steps of ~40 arrays) and the time grid.
 */
export function sdeCost(model: (typeof MODELS)[number], modes: number, paths: number, steps: number): Cost {
  const w = WIDTH[model];
  return {
    work: 3 * modes * paths * steps * w,
    memory: BASE_MEMORY + 8 * paths * w * 40 * (1 + Math.sqrt(steps)) + 64 * steps,
    detail: `${count(paths)} paths × ${count(steps)} steps × ${modes} mode${modes === 1 ? '' : 's'}`,
  };
}

export function registerSde(program: Command, ctx: CliContext): void {
  addParallelFlags(program
    .command('sde'))
    .description('sensitivities of a built-in SDE by forward, adjoint and finite differences, against closed forms')
    .option('--model <m>', `the SDE: ${MODELS.join(', ')}`, 'gene')
    .option('--mode <list>', `comma-separated, of ${MODES.join(', ')}`, 'forward,adjoint,fd')
    .option('--paths <n>', 'Monte Carlo paths', '5000')
    .option('--steps <n>', 'time steps', '80')
    .option('--seed <s>', 'integer seed', '1')
    .option('--json', 'print one JSON object, nothing else')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  $ pathwise sde\n  $ pathwise sde --model gbm --mode forward,adjoint --paths 20000 --json')
    .action(async (flags: SdeFlags, command: Command) => {
      const model = parseOption('--model', flags.model, oneOf(MODELS));
      const modes = [...new Set(parseOption('--mode', flags.mode, listOf<SensitivityMode>(MODES)))];
      const paths = parseOption('--paths', flags.paths, sampleCount);
      const steps = parseOption('--steps', flags.steps, positiveInteger);
      const seed = parseOption('--seed', flags.seed, seedSchema);
      const parallel = parallelFlags(command.opts());
      checkBudget(sdeCost(model, modes.length, paths, steps), budgetOf(command));
      if (ctx.checkOnly) return;
      const rows: (string | number | null)[][] = [];
      const results: Record<string, unknown> = {};
      for (const mode of modes) {
        const t0 = performance.now();
        if (model === 'gene') {
          const r = await sensitivityAsync({ ...geneProblem(paths, steps, seed), mode }, { ...parallel, handleSigint: true, from: models.portable('geneExpression', paths, steps, seed) });
          const truth = geneSensitivity(steps);
          const g = r.grad.km!;
          rows.push([mode, 'k_m', g.mean, g.stderr, truth.euler, truth.continuous, (performance.now() - t0) / 1000]);
          results[mode] = { value: r.value, grad: r.grad, diagnostics: r.diagnostics, execution: r.execution };
        } else {
          const r = await sensitivityAsync({ ...gbmProblem(paths, steps, seed), mode }, { ...parallel, handleSigint: true, from: models.portable('gbm', paths, steps, seed) });
          const truth = gbmSensitivity(steps);
          const secs = (performance.now() - t0) / 1000;
          rows.push([mode, 'μ', r.grad.mu!.mean, r.grad.mu!.stderr, truth.muEuler, truth.mu, secs]);
          rows.push([mode, 'σ', r.grad.sigma!.mean, r.grad.sigma!.stderr, null, truth.sigma, secs]);
          results[mode] = { value: r.value, grad: r.grad, diagnostics: r.diagnostics, execution: r.execution };
        }
      }
      const table: Table = {
        columns: ['mode', 'parameter', 'sensitivity', 'stderr', 'discrete scheme', 'closed form', 'seconds'],
        rows,
        caption: model === 'gene'
          ? `∂E[p(T)]/∂k_m, chemical Langevin equation, ${paths} paths × ${steps} steps`
          : `∂E[X_T]/∂θ, geometric Brownian motion (Milstein), ${paths} paths × ${steps} steps`,
      };
      if (flags.json === true) printJson(ctx.io, {
        command: 'sde', version: VERSION, inputs: { model, modes, paths, steps, seed },
        units: { grad: model === 'gene' ? '∂E[p(T)]/∂k_m (molecules per unit of k_m)' : '∂E[X_T]/∂μ and ∂E[X_T]/∂σ (units of X per unit of the parameter)', stderr: 'standard error, same units as grad', seconds: 's' },
        model, paths, steps, seed, results, closedForm: model === 'gene' ? geneSensitivity(steps) : gbmSensitivity(steps) });
      else if (flags.quiet !== true) ctx.io.stdout.write(`${tableText(ctx.io, table)}\n`);
    });
}
