/**
 * `pathwise greeks`: Monte Carlo price and Greeks of one option by several estimators, each with its
 * standard error, against the closed form where one exists; biased estimators are marked with the reason.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { greeksAsync } from '../finance/greeks/greeks.js';
import { addParallelFlags, parallelFlags } from './parallel-flags.js';
import {
  BARRIER_TYPES, GREEK_NAMES, PAYOFF_NAMES,
  type GreekName, type GreeksOptions, type GreeksResult, type MarketSpec, type MethodName, type ModelSpec, type PayoffSpec,
} from '../finance/types.js';
import { PathwiseError } from '../errors.js';
import { validateGreeksRequest } from '../finance/greeks/validate.js';
import { greeksCost as libraryGreeksCost } from '../finance/greeks/budget.js';
import { SOBOL_MAX_DIMS } from '../random/sobol-directions.js';
import { formatTable } from '../report/table.js';
import { greeksJsonHeader } from './json-output.js';
import { BASE_MEMORY, budgetOf, checkBudget, type Cost } from './budget.js';
import {
  listOf, nonNegative, number, oneOf, outputWidth, parseOption, proseText, positive, positiveInteger, printJson, progress, refuseUnused, requireOptions,
  sampleCount, seed, useColor, UsageError, type CliContext,
} from './common.js';

const CLI_METHODS = ['pathwise', 'lr', 'mixed', 'fd', 'conditional', 'vibrato', 'auto', 'all'] as const;
const ALL_METHODS: MethodName[] = ['pathwise', 'lr', 'mixed', 'fd', 'auto'];
const HESTON_FLAGS = ['v0', 'kappa', 'theta', 'xi', 'rho'];
const BARRIER_FLAGS = ['barrier', 'barrierType', 'rebate', 'option', 'monitoring'];
const ASIAN_FLAGS = ['fixings', 'average'];

interface RawOptions { readonly [flag: string]: string | boolean | undefined }

function opt<T>(opts: RawOptions, flag: string, key: string, schema: z.ZodType<T>, fallback: T): T {
  const v = opts[key];
  return v === undefined ? fallback : parseOption(`--${flag}`, v, schema);
}

const unit = number.refine((v) => v >= -1 && v <= 1, 'must be in [-1, 1]');

export interface GreeksRequest {
  readonly model: ModelSpec;
  readonly payoff: PayoffSpec;
  readonly market: MarketSpec;
  readonly options: GreeksOptions;
  readonly json: boolean;
  /** Time steps per path the engine will simulate (for the cost estimate). */
  readonly steps: number;
}

/**
 * Turns the flags into the library's request; every problem is a UsageError naming the flag. Options
 * that the request would not use are refused, and all missing required options are named at once.
 */
export function parseGreeksArgs(command: Command): GreeksRequest {
  const opts = command.opts<RawOptions>();
  const modelKind = opt(opts, 'model', 'model', oneOf(['bs', 'heston'] as const), 'bs');
  const kind = opt(opts, 'payoff', 'payoff', oneOf(PAYOFF_NAMES), 'call');
  const heston = modelKind === 'heston';
  const asian = kind.startsWith('asian');
  const barrierPayoff = kind === 'barrier';
  requireOptions(command, [
    'spot', 'strike', 'rate', 'maturity',
    ...(heston ? ['kappa', 'theta', 'xi', 'rho'] : ['vol']),
    ...(barrierPayoff ? ['barrier', 'barrierType'] : []),
  ], heston && opts.v0 === undefined && opts.vol === undefined ? ['--v0 (or --vol = √v0)'] : []);
  if (!heston) refuseUnused(command, HESTON_FLAGS, 'Heston parameters need --model heston (got --model bs)');
  if (heston && opts.v0 !== undefined && opts.vol !== undefined) throw new UsageError('--v0, --vol: give one of them: with --model heston, --vol is √v0');
  if (!barrierPayoff) refuseUnused(command, BARRIER_FLAGS, `barrier options need --payoff barrier (got --payoff ${kind})`);
  if (!asian) refuseUnused(command, ASIAN_FLAGS, `Asian options need --payoff asian-call or asian-put (got --payoff ${kind})`);
  if (!heston && !barrierPayoff) {
    refuseUnused(command, ['steps'], `under --model bs a ${kind} is simulated exactly${asian ? ' at its --fixings' : ' in one step'} (--steps sets the time steps of --model heston or the monitoring dates of --payoff barrier)`);
  }
  if (opts.qmc === undefined) refuseUnused(command, ['replicates'], 'replicates are the independent scramblings of --qmc sobol, which is not on');

  const spot = parseOption('--spot', opts.spot, positive);
  const strike = parseOption('--strike', opts.strike, positive);
  const rate = parseOption('--rate', opts.rate, number);
  const maturity = parseOption('--maturity', opts.maturity, positive);
  const dividend = opt(opts, 'dividend', 'dividend', number, 0);
  let model: ModelSpec;
  let vol: number;
  if (heston) {
    vol = opts.v0 !== undefined ? Math.sqrt(parseOption('--v0', opts.v0, positive)) : parseOption('--vol', opts.vol, positive);
    model = {
      kind: 'heston',
      kappa: parseOption('--kappa', opts.kappa, positive),
      theta: parseOption('--theta', opts.theta, positive),
      xi: parseOption('--xi', opts.xi, positive),
      rho: parseOption('--rho', opts.rho, unit),
    };
  } else {
    vol = parseOption('--vol', opts.vol, positive);
    model = { kind: 'bs' };
  }
  let payoff: PayoffSpec = { kind, strike };
  const fixings = asian ? opt(opts, 'fixings', 'fixings', positiveInteger, 12) : 0;
  if (asian) payoff = { ...payoff, fixings, average: opt(opts, 'average', 'average', oneOf(['arithmetic', 'geometric'] as const), 'arithmetic') };
  if (barrierPayoff) {
    const barrier = parseOption('--barrier', opts.barrier, positive);
    const barrierType = parseOption('--barrier-type', opts.barrierType, oneOf(BARRIER_TYPES));
    const up = barrierType.startsWith('up');
    if (up ? !(spot < barrier) : !(spot > barrier)) {
      throw new UsageError(`--barrier: an ${up ? 'up' : 'down'} barrier must be ${up ? 'above' : 'below'} the spot ${spot} (got ${barrier})`);
    }
    payoff = {
      ...payoff, barrier, barrierType,
      rebate: opt(opts, 'rebate', 'rebate', nonNegative, 0),
      option: opt(opts, 'option', 'option', oneOf(['call', 'put'] as const), 'call'),
      monitoring: opt(opts, 'monitoring', 'monitoring', oneOf(['discrete', 'continuous'] as const), 'discrete'),
    };
  }
  const greekList = opt(opts, 'greeks', 'greeks', listOf(GREEK_NAMES), [...GREEK_NAMES]);
  const methodList = opt(opts, 'method', 'method', listOf(CLI_METHODS), ['auto']);
  const methods = methodList.includes('all') ? ALL_METHODS : [...new Set(methodList)] as MethodName[];
  if (methodList.includes('mixed') && !greekList.includes('gamma')) {
    throw new UsageError(`--method mixed: the mixed estimators are for gamma only, and --greeks is ${greekList.join(',')}`);
  }
  const qmc = opt(opts, 'qmc', 'qmc', oneOf(['sobol'] as const), undefined as 'sobol' | undefined);
  const stepsFlag = opts.steps === undefined ? undefined : parseOption('--steps', opts.steps, positiveInteger);
  if (heston && asian && stepsFlag !== undefined && stepsFlag % fixings !== 0) {
    throw new UsageError(`--steps: with --model heston and an Asian payoff it must be a multiple of --fixings (${fixings}), got ${stepsFlag}`);
  }
  const steps = heston ? stepsFlag ?? (asian ? Math.ceil(100 / fixings) * fixings : 100) : barrierPayoff ? stepsFlag ?? 50 : asian ? fixings : 1;
  const paths = opt(opts, 'paths', 'paths', sampleCount, 100_000);
  const replicates = qmc === undefined ? 1 : opt(opts, 'replicates', 'replicates', sampleCount, 16);
  if (qmc !== undefined && paths % replicates !== 0) {
    const lower = Math.floor(paths / replicates) * replicates;
    throw new UsageError(`--paths: with --qmc sobol it must be a multiple of --replicates (${replicates}), such as ${lower > 0 ? `${lower} or ` : ''}${lower + replicates}; got ${paths}`);
  }
  if (qmc !== undefined && steps * (heston ? 2 : 1) > SOBOL_MAX_DIMS) {
    throw new UsageError(`--qmc sobol: needs time steps × dimensions ≤ ${SOBOL_MAX_DIMS}, got ${steps}${heston ? ' × 2' : ''}`);
  }
  const options: GreeksOptions = {
    greeks: greekList,
    methods,
    paths,
    seed: opt(opts, 'seed', 'seed', seed, 0),
    ...(stepsFlag !== undefined ? { steps: stepsFlag } : {}),
    ...(qmc !== undefined ? { qmc, replicates } : {}),
  };
  const market = { spot, vol, rate, maturity, dividend };
  try {
    validateGreeksRequest(model, payoff, market, options);   // what the flags cannot see alone (e.g. continuous + Heston)
  } catch (e) {
    if (e instanceof PathwiseError) throw new UsageError(e.message.replace(/^greeks: /, ''));
    throw e;
  }
  return { model, payoff, market, options, json: opts.json === true, steps };
}

/**
 * The library's estimate (src/finance/greeks/budget.ts, the one definition), with the process's own memory
 * added; counts written as 1e12.
 */
export function greeksCost(req: GreeksRequest): Cost {
  const c = libraryGreeksCost(req.model, req.payoff, req.options);
  return { work: c.work, memory: BASE_MEMORY + c.bytes, detail: c.detail.replace(/e\+/g, 'e') };
}

/** The terminal table: one row per Greek and method, fitted to `width` columns (default: no limit). */
export function greeksTable(r: GreeksResult, color: boolean, width?: number): string {
  const rows: (string | number | null)[][] = [['price', 'mc', r.price.mean, r.price.stderr, r.closedForm.price ?? null, errInSe(r.price.mean, r.price.stderr, r.closedForm.price), '']];
  for (const g of Object.keys(r.greeks) as GreekName[]) {
    for (const [m, e] of Object.entries(r.greeks[g]!)) {
      const note = e.chosen !== undefined ? `→ ${e.chosen}: ${e.reason ?? ''}` : e.biased === true ? (e.reason ?? 'biased') : '';
      const na = !Number.isFinite(e.mean);
      rows.push([g, e.biased === true && !na ? `${m} (biased)` : m, na ? null : e.mean, na ? null : e.stderr, r.closedForm[g] ?? null,
        na ? null : errInSe(e.mean, e.stderr, r.closedForm[g]), note]);
    }
  }
  const s = r.setup;
  return formatTable({
    caption: `${s.paths.toLocaleString('en')} paths, ${s.steps} step${s.steps === 1 ? '' : 's'}${s.qmc ? `, scrambled Sobol + Brownian bridge, ${s.replicates} replicates` : ''}`,
    columns: ['greek', 'method', 'estimate', 'stderr', 'closed form', { name: 'z vs exact', digits: 2 }, { name: 'note', align: 'left' }],
    rows,
  }, { color, ...(width !== undefined ? { width } : {}) });
}

function errInSe(mean: number, se: number, truth: number | undefined): number | null {
  return truth === undefined || !(se > 0) ? null : (mean - truth) / se;
}

export function registerGreeks(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('greeks')
    .description('Monte Carlo price and Greeks with standard errors, by pathwise, likelihood-ratio, mixed, finite-difference and auto estimators')
    .option('--model <model>', 'bs | heston', 'bs')
    .option('--payoff <payoff>', PAYOFF_NAMES.join(' | '), 'call')
    .option('--spot <S>', 'spot price').option('--strike <K>', 'strike').option('--rate <r>', 'risk-free rate (continuous)')
    .option('--vol <sigma>', 'volatility (Heston: √v0)').option('--maturity <T>', 'maturity in years')
    .option('--dividend <q>', 'dividend yield (continuous)')
    .option('--barrier <H>', 'barrier level').option('--barrier-type <type>', BARRIER_TYPES.join(' | '))
    .option('--rebate <R>', 'rebate').option('--option <kind>', 'barrier option: call | put')
    .option('--monitoring <kind>', 'barrier monitoring: discrete (at the steps, default) | continuous (Black–Scholes)')
    .option('--fixings <m>', 'Asian fixings (default 12)').option('--average <kind>', 'arithmetic | geometric')
    .option('--v0 <v0>', 'Heston initial variance').option('--kappa <k>', 'Heston mean reversion')
    .option('--theta <theta>', 'Heston long-run variance').option('--xi <xi>', 'Heston vol of variance')
    .option('--rho <rho>', 'Heston correlation')
    .option('--steps <n>', 'time steps (Heston, default 100) or barrier monitoring dates (default 50)')
    .option('--greeks <list>', `comma-separated: ${GREEK_NAMES.join(',')}`)
    .option('--method <list>', 'comma-separated: pathwise,lr,mixed,fd,conditional,vibrato,auto, or all')
    .option('--paths <N>', 'number of paths (default 100000; with --qmc a multiple of --replicates)').option('--seed <s>', 'seed (default 0)')
    .option('--qmc <kind>', 'sobol: scrambled Sobol points with the Brownian bridge').option('--replicates <n>', 'QMC replicates (default 16)')
    .option('--json', 'print one JSON object');
  addParallelFlags(cmd)
    .addHelpText('after', '\nExamples:\n  $ pathwise greeks --payoff digital-call --spot 100 --strike 100 --rate 0.05 --vol 0.2 --maturity 1 --method all\n  $ pathwise greeks --model heston --spot 100 --strike 100 --rate 0.03 --maturity 1 --v0 0.04 --kappa 2 --theta 0.04 --xi 0.3 --rho -0.7 --greeks delta --json')
    .action((_opts: RawOptions, command: Command) => runGreeks(ctx, command));
}

export async function runGreeks(ctx: CliContext, command: Command): Promise<void> {
  const req = parseGreeksArgs(command);
  const parallel = parallelFlags(command.opts());
  const budget = budgetOf(command);
  checkBudget(greeksCost(req), budget);
  if (ctx.checkOnly) return;
  const bar = progress(ctx.io, req.options.paths ?? 100_000, 'greeks', { json: req.json, quiet: false });
  let last = 0;
  const result = await (greeksAsync(req.model, req.payoff, req.market, {
    ...req.options, ...parallel, handleSigint: true, maxWork: budget.maxWork, maxMemory: budget.maxMemory,
    onProgress: (done) => { bar.tick(done - last); last = done; },
  })).finally(() => bar.stop());
  if (req.json) printJson(ctx.io, { ...greeksJsonHeader(req), price: result.price, greeks: result.greeks, closedForm: result.closedForm, discontinuities: result.discontinuities, setup: result.setup, ...(result.warnings ? { warnings: result.warnings } : {}), ...(result.execution ? { execution: result.execution } : {}) });
  else ctx.io.stdout.write(`${greeksTable(result, useColor(ctx.io), outputWidth(ctx.io))}\n${proseText(ctx.io, (result.warnings ?? []).map((w) => `warning: ${w}`))}`);
}
