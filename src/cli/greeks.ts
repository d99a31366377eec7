/**
 * `pathwise greeks`: Monte Carlo price and Greeks of one option by several estimators, each with its
 * standard error, against the closed form where one exists; biased estimators are marked with the reason.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { greeks } from '../finance/greeks/greeks.js';
import {
  BARRIER_TYPES, GREEK_NAMES, PAYOFF_NAMES,
  type GreekName, type GreeksOptions, type GreeksResult, type MarketSpec, type MethodName, type ModelSpec, type PayoffSpec,
} from '../finance/types.js';
import { PathwiseError } from '../errors.js';
import { validateGreeksRequest } from '../finance/greeks/validate.js';
import { formatTable } from '../report/table.js';
import {
  listOf, nonNegative, number, oneOf, parseOption, positive, positiveInteger, printJson, progress, seed, useColor, UsageError,
} from './common.js';

const CLI_METHODS = ['pathwise', 'lr', 'mixed', 'fd', 'conditional', 'vibrato', 'auto', 'all'] as const;
const ALL_METHODS: MethodName[] = ['pathwise', 'lr', 'mixed', 'fd', 'auto'];

interface RawOptions { readonly [flag: string]: string | boolean | undefined }

function req(opts: RawOptions, flag: string, key: string): string {
  const v = opts[key];
  if (typeof v !== 'string') throw new UsageError(`--${flag} is required`);
  return v;
}

function opt<T>(opts: RawOptions, flag: string, key: string, schema: z.ZodType<T>, fallback: T): T {
  const v = opts[key];
  return v === undefined ? fallback : parseOption(`--${flag}`, v, schema);
}

const unit = number.refine((v) => v >= -1 && v <= 1, 'must be in [-1, 1]');

/** Turns the flags into the library's request; every problem is a UsageError naming the flag. */
export function parseGreeksArgs(opts: RawOptions): { model: ModelSpec; payoff: PayoffSpec; market: MarketSpec; options: GreeksOptions; json: boolean } {
  const modelKind = opt(opts, 'model', 'model', oneOf(['bs', 'heston'] as const), 'bs');
  const kind = opt(opts, 'payoff', 'payoff', oneOf(PAYOFF_NAMES), 'call');
  const spot = parseOption('--spot', req(opts, 'spot', 'spot'), positive);
  const strike = parseOption('--strike', req(opts, 'strike', 'strike'), positive);
  const rate = parseOption('--rate', req(opts, 'rate', 'rate'), number);
  const maturity = parseOption('--maturity', req(opts, 'maturity', 'maturity'), positive);
  const dividend = opt(opts, 'dividend', 'dividend', number, 0);
  let model: ModelSpec;
  let vol: number;
  if (modelKind === 'heston') {
    const v0 = opts.v0 !== undefined ? parseOption('--v0', opts.v0, positive) : undefined;
    const volFlag = opts.vol !== undefined ? parseOption('--vol', opts.vol, positive) : undefined;
    if (v0 === undefined && volFlag === undefined) throw new UsageError('--v0 (or --vol = √v0) is required with --model heston');
    vol = v0 !== undefined ? Math.sqrt(v0) : volFlag!;
    model = {
      kind: 'heston',
      kappa: parseOption('--kappa', req(opts, 'kappa', 'kappa'), positive),
      theta: parseOption('--theta', req(opts, 'theta', 'theta'), positive),
      xi: parseOption('--xi', req(opts, 'xi', 'xi'), positive),
      rho: parseOption('--rho', req(opts, 'rho', 'rho'), unit),
    };
  } else {
    vol = parseOption('--vol', req(opts, 'vol', 'vol'), positive);
    model = { kind: 'bs' };
  }
  let payoff: PayoffSpec = { kind, strike };
  if (kind.startsWith('asian')) {
    payoff = {
      ...payoff,
      fixings: opt(opts, 'fixings', 'fixings', positiveInteger, 12),
      average: opt(opts, 'average', 'average', oneOf(['arithmetic', 'geometric'] as const), 'arithmetic'),
    };
  }
  if (kind === 'barrier') {
    const barrier = parseOption('--barrier', req(opts, 'barrier', 'barrier'), positive);
    const barrierType = parseOption('--barrier-type', req(opts, 'barrier-type', 'barrierType'), oneOf(BARRIER_TYPES));
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
  const methodList = opt(opts, 'method', 'method', listOf(CLI_METHODS), ['auto']);
  const methods = methodList.includes('all') ? ALL_METHODS : [...new Set(methodList)] as MethodName[];
  const qmc = opt(opts, 'qmc', 'qmc', oneOf(['sobol'] as const), undefined as 'sobol' | undefined);
  const steps = opts.steps === undefined ? undefined : parseOption('--steps', opts.steps, positiveInteger);
  const options: GreeksOptions = {
    greeks: opt(opts, 'greeks', 'greeks', listOf(GREEK_NAMES), [...GREEK_NAMES]),
    methods,
    paths: opt(opts, 'paths', 'paths', positiveInteger.refine((v) => v >= 2, 'must be at least 2'), 100_000),
    seed: opt(opts, 'seed', 'seed', seed, 0),
    ...(steps !== undefined ? { steps } : {}),
    ...(qmc !== undefined ? { qmc } : {}),
    ...(opts.replicates !== undefined ? { replicates: parseOption('--replicates', opts.replicates, positiveInteger.refine((v) => v >= 2, 'must be at least 2')) } : {}),
  };
  const market = { spot, vol, rate, maturity, dividend };
  try {
    validateGreeksRequest(model, payoff, market, options);   // what the flags cannot see alone (e.g. continuous + Heston)
  } catch (e) {
    if (e instanceof PathwiseError) throw new UsageError(e.message.replace(/^greeks: /, ''));
    throw e;
  }
  return { model, payoff, market, options, json: opts.json === true };
}

/** The terminal table: one row per Greek and method. */
export function greeksTable(r: GreeksResult, color: boolean): string {
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
    columns: ['greek', 'method', 'estimate', 'stderr', 'closed form', { name: 'err/se', digits: 2 }, { name: 'note', align: 'left' }],
    rows,
  }, { color });
}

function errInSe(mean: number, se: number, truth: number | undefined): number | null {
  return truth === undefined || !(se > 0) ? null : (mean - truth) / se;
}

export function registerGreeks(program: Command): void {
  program
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
    .option('--paths <N>', 'number of paths (default 100000)').option('--seed <s>', 'seed (default 0)')
    .option('--qmc <kind>', 'sobol: scrambled Sobol points with the Brownian bridge').option('--replicates <n>', 'QMC replicates (default 16)')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nExamples:\n  $ pathwise greeks --payoff digital-call --spot 100 --strike 100 --rate 0.05 --vol 0.2 --maturity 1 --method all\n  $ pathwise greeks --model heston --spot 100 --strike 100 --rate 0.03 --maturity 1 --v0 0.04 --kappa 2 --theta 0.04 --xi 0.3 --rho -0.7 --greeks delta --json')
    .action((opts: RawOptions) => runGreeks(opts));
}

export function runGreeks(opts: RawOptions): void {
  const req = parseGreeksArgs(opts);
  const bar = progress(req.options.paths ?? 100_000, 'greeks', { json: req.json, quiet: false });
  let last = 0;
  const result = greeks(req.model, req.payoff, req.market, {
    ...req.options,
    onProgress: (done) => { bar.tick(done - last); last = done; },
  });
  bar.stop();
  if (req.json) printJson({ price: result.price, greeks: result.greeks, closedForm: result.closedForm, discontinuities: result.discontinuities, setup: result.setup, ...(result.warnings ? { warnings: result.warnings } : {}) });
  else process.stdout.write(`${greeksTable(result, useColor())}\n${(result.warnings ?? []).map((w) => `warning: ${w}\n`).join('')}`);
}
