/**
 * Bad input at the command line: every case gives its documented exit code and one line "pathwise: …"
 * naming what was wrong (no stack trace), before any computation, and leaves no file behind. The command
 * runs in this process through main(argv, { io }); only EPIPE and signals need a child process
 * (see pipe.test.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeReportFs, type ReportFs } from '../../src/report/index.js';
import { expectOneLine, pathwise } from './in-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'pathwise-bad-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const file = join(scratch, 'a-file.txt');
writeFileSync(file, 'not a folder');
const foreign = join(scratch, 'notes');
mkdirSync(foreign);
writeFileSync(join(foreign, 'todo.md'), 'keep me');
const syntaxError = join(scratch, 'syntax-error.ts');
copyFileSync('test/cli/fixtures/syntax-error.ts.txt', syntaxError);

const BS = ['greeks', '--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1'];
const HESTON = ['greeks', '--model', 'heston', '--spot', '100', '--strike', '100', '--rate', '0.03', '--maturity', '1', '--v0', '0.04', '--kappa', '2', '--theta', '0.04', '--xi', '0.3', '--rho', '-0.7'];
const QUAD = 'test/cli/fixtures/quadratic.ts';

type Case = readonly [args: readonly string[], code: number, message: RegExp | string];

async function check(cases: readonly Case[]): Promise<void> {
  const failures: string[] = [];
  for (const [args, code, message] of cases) {
    const r = await pathwise(args);
    const problem = expectOneLine(r, code, message);
    if (problem !== null) failures.push(`${args.join(' ')}: ${problem}`);
    else if (r.stdout !== '') failures.push(`${args.join(' ')}: stdout not empty: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  }
  expect(failures).toEqual([]);
}

describe('numbers: decimal or exponent notation only', () => {
  it('rejects hex, binary, blanks, trailing junk, infinities and non-integers', async () => {
    const notation = 'expected a number in decimal or exponent notation (e.g. 100, 0.05, 1e6)';
    await check([
      [[...BS.slice(0, 2), '0x64', ...BS.slice(3)], 2, `--spot: ${notation} (got "0x64")`],
      [[...BS.slice(0, 2), '0b11', ...BS.slice(3)], 2, `--spot: ${notation} (got "0b11")`],
      [[...BS.slice(0, 2), '', ...BS.slice(3)], 2, '--spot: expected a number (got "")'],
      [[...BS.slice(0, 2), '100abc', ...BS.slice(3)], 2, `--spot: ${notation} (got "100abc")`],
      [[...BS.slice(0, 2), ' 100', ...BS.slice(3)], 2, `--spot: ${notation} (got " 100")`],
      [[...BS.slice(0, 2), 'Infinity', ...BS.slice(3)], 2, `--spot: ${notation} (got "Infinity")`],
      [[...BS.slice(0, 2), '1e999', ...BS.slice(3)], 2, '--spot: expected a finite number (got "1e999")'],
      [[...BS, '--paths', '1.5'], 2, /^--paths: must be an integer ≥ 2/],
      [[...BS, '--seed', '-1'], 2, '--seed: must be an integer ≥ 0 (got "-1")'],
      [['sde', '--steps', '0x10'], 2, `--steps: ${notation} (got "0x10")`],
      [['demo', '--samples', '1e5x'], 2, `--samples: ${notation} (got "1e5x")`],
    ]);
  });
  it('accepts exponent notation and signs', async () => {
    const r = await pathwise(['greeks', '--spot', '1e2', '--strike', '+100', '--rate', '-5e-2', '--vol', '.2', '--maturity', '1.', '--paths', '2E3', '--greeks', 'delta', '--method', 'pathwise'], { checkOnly: true });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('required options: all missing ones at once', () => {
  it('names every missing option in one line', async () => {
    await check([
      [['greeks'], 2, '--spot, --strike, --rate, --maturity, --vol are required'],
      [['greeks', '--spot', '100', '--rate', '0.05'], 2, '--strike, --maturity, --vol are required'],
      [['greeks', '--model', 'heston', '--spot', '100'], 2, '--strike, --rate, --maturity, --kappa, --theta, --xi, --rho, --v0 (or --vol = √v0) are required'],
      [[...BS, '--payoff', 'barrier'], 2, '--barrier, --barrier-type are required'],
      [[...BS.slice(0, 9)], 2, '--maturity is required'],
      [['compare'], 2, "missing required argument 'file' (see pathwise compare --help)"],
      [['train'], 2, "missing required argument 'model' (see pathwise train --help)"],
    ]);
  });
});

describe('options that do not apply are errors naming the option and why', () => {
  it('greeks', async () => {
    await check([
      [[...BS, '--barrier', '90'], 2, '--barrier does not apply: barrier options need --payoff barrier (got --payoff call)'],
      [[...BS, '--rebate', '1', '--monitoring', 'continuous'], 2, '--rebate, --monitoring do not apply: barrier options need --payoff barrier (got --payoff call)'],
      [[...BS, '--replicates', '8'], 2, '--replicates does not apply: replicates are the independent scramblings of --qmc sobol, which is not on'],
      [[...BS, '--steps', '10'], 2, /^--steps does not apply: under --model bs a call is simulated exactly in one step/],
      [[...BS, '--payoff', 'asian-call', '--steps', '10'], 2, /^--steps does not apply: under --model bs a asian-call is simulated exactly at its --fixings/],
      [[...BS, '--fixings', '10'], 2, '--fixings does not apply: Asian options need --payoff asian-call or asian-put (got --payoff call)'],
      [[...BS, '--kappa', '2', '--xi', '0.3'], 2, '--kappa, --xi do not apply: Heston parameters need --model heston (got --model bs)'],
      [[...BS, '--v0', '0.04'], 2, '--v0 does not apply: Heston parameters need --model heston (got --model bs)'],
      [[...BS, '--method', 'mixed', '--greeks', 'delta,vega'], 2, '--method mixed: the mixed estimators are for gamma only, and --greeks is delta,vega'],
      [[...HESTON, '--vol', '0.2'], 2, '--v0, --vol: give one of them: with --model heston, --vol is √v0'],
      [[...HESTON, '--payoff', 'asian-call', '--fixings', '12', '--steps', '50'], 2, '--steps: with --model heston and an Asian payoff it must be a multiple of --fixings (12), got 50'],
      [[...BS, '--paths', '3', '--qmc', 'sobol'], 2, '--paths: with --qmc sobol it must be a multiple of --replicates (16), such as 16; got 3'],
      [[...BS, '--paths', '1000', '--qmc', 'sobol'], 2, '--paths: with --qmc sobol it must be a multiple of --replicates (16), such as 992 or 1008; got 1000'],
      [[...BS, '--payoff', 'barrier', '--barrier', '90', '--barrier-type', 'down-out', '--steps', '5000', '--qmc', 'sobol', '--paths', '32'], 2, '--qmc sobol: needs time steps × dimensions ≤ 4096, got 5000'],
      [[...HESTON, '--payoff', 'barrier', '--barrier', '90', '--barrier-type', 'down-out', '--monitoring', 'continuous'], 2, /continuous barrier monitoring .* Black–Scholes only/],
    ]);
  });
  it('train and compare', async () => {
    await check([
      [['train', 'dvae', '--dataset', 'spiral'], 2, '--dataset does not apply: the data set is chosen for train diffusion only (got train dvae)'],
      [['train', 'diffusion', '--samples', '100'], 2, '--samples does not apply: --likelihood and --samples belong to train vae (got train diffusion)'],
      [['train', 'dvae', '--likelihood', 'continuous-bernoulli'], 2, /^--likelihood does not apply/],
      [['train', 'gan'], 2, 'model: expected one of vae, dvae, diffusion (got "gan")'],
      [['compare', QUAD, '--estimators', 'pathwise,mvd', '--baseline', 'ema'], 2, '--baseline does not apply: baselines are for the score estimator (and auto), and --estimators is pathwise,mvd'],
    ]);
  });
});

describe('too-small counts (no NaN, no crash)', () => {
  it('needs two samples for a standard error', async () => {
    const two = /must be an integer ≥ 2 \(a standard error needs two samples\) \(got "1"\)$/;
    await check([
      [['demo', '--samples', '1'], 2, two],
      [['sde', '--paths', '1'], 2, two],
      [['train', 'vae', '--samples', '1'], 2, two],
      [['compare', QUAD, '--samples', '1'], 2, two],
      [[...BS, '--paths', '1'], 2, two],
      [[...BS, '--qmc', 'sobol', '--replicates', '1'], 2, two],
    ]);
  });
});

describe('sizes: the budget is checked from the request before any work', () => {
  it('refuses requests over --max-memory or --max-work with one line naming the estimate', async () => {
    const work = /^the request needs about \S+ sample-steps of work \(.*\), over --max-work 1e10; ask for less or raise --max-work$/;
    const memory = /^the request needs about \S+ \S?B of memory \(.*\), over --max-memory 2 GB; ask for less or raise --max-memory$/;
    await check([
      [[...BS, '--paths', '1e12'], 2, 'the request needs about 6e12 sample-steps of work (1e12 paths × 1 step, 5 estimates), over --max-work 1e10; ask for less or raise --max-work'],
      [['compare', QUAD, '--samples', '1e12'], 2, work],
      [['compare', 'no/such/file.ts', '--samples', '1e12'], 2, work],
      [['sde', '--paths', '1e12'], 2, memory],
      [['sde', '--steps', '1e9'], 2, memory],
      [['demo', '--samples', '1e12'], 2, memory],
      [['demo', '--samples', '1e8'], 2, work],
      [['train', 'vae', '--epochs', '1e12'], 2, work],
      [['train', 'diffusion', '--epochs', '1e12'], 2, work],
      [['train', 'vae', '--samples', '1e9'], 2, memory],
      [[...BS, '--qmc', 'sobol', '--replicates', '1e9', '--paths', '1e9'], 2, work],
      [[...BS, '--payoff', 'asian-call', '--fixings', '1e8'], 2, 'the request needs about 6e13 sample-steps of work (100000 paths × 1e8 steps, 5 estimates), over --max-work 1e10; ask for less or raise --max-work'],
      [[...HESTON, '--steps', '1e8', '--paths', '100'], 2, work],
      [['--max-memory', '100MB', ...BS], 2, /^the request needs about .* of memory .*, over --max-memory 100 MB;/],
      [[...BS, '--max-work', '1e3'], 2, /over --max-work 1000; ask for less or raise --max-work$/],
      [[...BS, '--max-memory', '2XB'], 2, '--max-memory: expected a positive size such as 2GB, 512MB, 1.5GiB or 2e9 (bytes) (got "2XB")'],
      [[...BS, '--max-work', '-5'], 2, /^--max-work: expected a positive number/],
    ]);
  });
  it('a raised budget lets the request through to its other checks', async () => {
    const r = await pathwise([...BS, '--paths', '1e12', '--max-work', '1e13', '--greeks', 'delta'], { checkOnly: true });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const m = await pathwise(['--max-memory', '1.5GiB', 'sde', '--steps', '1000'], { checkOnly: true });
    expect(m.code).toBe(0);
  });
});

describe('output folders are checked before any computation; nothing is left behind', () => {
  it('refuses folders that cannot hold a report', async () => {
    const before = readdirSync(scratch).sort();
    await check([
      [['demo', '--out', ''], 2, '--out: the report folder must be a non-empty path, got ""'],
      [['demo', '--out', '.'], 2, '--out: the report folder must not be the current folder or one of its parents, got "."'],
      [['demo', '--out', file], 2, `--out: the report folder must be a folder, got the file ${JSON.stringify(file)}`],
      [['demo', '--out', join(file, 'sub')], 2, `--out: ${JSON.stringify(join(file, 'sub'))} lies under a file, not a folder`],
      [['demo', '--out', '/proc/forbidden'], 2, /^--out: cannot create a folder in \/proc: /],
      [['demo', '--out', foreign], 2, `--out: ${JSON.stringify(foreign)} holds files that are not a pathwise report (todo.md); give a new or a report folder`],
      [['compare', QUAD, '--report', '/proc/forbidden'], 2, /^--report: cannot create a folder in \/proc: /],
      [['compare', QUAD, '--report', file], 2, /^--report: the report folder must be a folder/],
      [['train', 'diffusion', '--report', join(file, 'x', 'y')], 2, /^--report: .* lies under a file, not a folder$/],
    ]);
    expect(readdirSync(scratch).sort()).toEqual(before);
    expect(readdirSync(foreign)).toEqual(['todo.md']);
  });
});

describe('compare FILE: errors in the user\'s module', () => {
  it('input errors exit 2, errors thrown by the program exit 1, each one line', async () => {
    await check([
      [['compare', 'no/such/file.ts'], 2, 'file not found: no/such/file.ts'],
      [['compare', 'test/cli'], 2, 'not a file: test/cli'],
      [['compare', syntaxError], 2, `cannot load ${syntaxError}: syntax error: ${syntaxError}:2:31: Unexpected "*"`],
      [['compare', 'test/cli/fixtures/no-default.ts'], 2, 'test/cli/fixtures/no-default.ts has no default export; export default { objective, params }'],
      [['compare', 'test/cli/fixtures/not-an-objective.ts'], 2, /the default export must be \{ objective, params \}/],
      [['compare', 'test/cli/fixtures/wrong-shape.ts'], 2, 'test/cli/fixtures/wrong-shape.ts: the program is not valid: expectation program: must return one cost per sample, shape [2] (s.n); got shape [2, 2]'],
      [['compare', 'test/cli/fixtures/missing-param.ts'], 2, 'test/cli/fixtures/missing-param.ts: the program is not valid: Normal: scale: expected a Tensor or a number, got undefined'],
      [['compare', 'test/cli/fixtures/duplicate-site.ts'], 2, /^test\/cli\/fixtures\/duplicate-site.ts: the program is not valid: sample\('z'\): the site is sampled twice/],
      [['compare', 'test/cli/fixtures/throws-on-import.ts'], 1, 'test/cli/fixtures/throws-on-import.ts threw while loading: cannot start: no configuration'],
      [['compare', 'test/cli/fixtures/throws-error.ts'], 1, 'test/cli/fixtures/throws-error.ts: the program threw: the model diverged'],
      [['compare', 'test/cli/fixtures/throws-string.ts'], 1, 'test/cli/fixtures/throws-string.ts: the program threw: plain string thrown'],
    ]);
  });
  it('an estimator that does not apply is a row, not an error', async () => {
    const r = await pathwise(['compare', 'test/cli/fixtures/bernoulli.ts', '--samples', '2000', '--estimators', 'pathwise,score', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = (JSON.parse(r.stdout) as { rows: { estimator: string; error?: string }[] }).rows;
    expect(rows.map((x) => [x.estimator, x.error === undefined])).toEqual([['pathwise', false], ['score', true]]);
    expect(rows[0]!.error).toMatch(/Bernoulli has no reparameterized sampler/);
  });
  it('NaN in the cost: every row an ERROR, exit 1 with one line naming the op (also when the two-sample preflight passed)', async () => {
    for (const seed of ['1', '6']) {   // seed 1: the preflight's two samples include a negative one; seed 6: they do not
      const r = await pathwise(['compare', 'test/cli/fixtures/log-negative.ts', '--samples', '2000', '--seed', seed, '--estimators', 'pathwise,score']);
      expectOneLine(r, 1, /^test\/cli\/fixtures\/log-negative.ts: pathwise, score failed: grad: NaN or ±Infinity in the cost \(\d+ of 2000 samples\).*op 'log' produced NaN/);
      expect(r.stdout.match(/^(pathwise|score) /gm)).toHaveLength(2);
      expect(r.stdout.match(/ERROR: grad: NaN/g)).toHaveLength(2);
    }
    const j = await pathwise(['compare', 'test/cli/fixtures/log-negative.ts', '--samples', '2000', '--json']);
    expect(j.code).toBe(1);
    expect((JSON.parse(j.stdout) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'runtime', message: expect.stringMatching(/pathwise, score, mvd, fd failed: grad: NaN/) as unknown });
  });
});

describe('commander errors are one line too', () => {
  it('unknown commands and options, missing values', async () => {
    await check([
      [[], 2, 'a command is required: demo, compare, greeks, train, sde, bench, worker (see pathwise --help)'],
      [['bogus'], 2, "unknown command 'bogus' (see pathwise --help)"],
      [['demo', '--bogus'], 2, "unknown option '--bogus' (see pathwise demo --help)"],
      [['greeks', '--spot'], 2, "option '--spot <S>' argument missing (see pathwise greeks --help)"],
      [['sde', 'extra'], 2, "too many arguments for 'sde'. Expected 0 arguments but got 1. (see pathwise sde --help)"],
    ]);
  });
});

describe('--json: errors are one object on stdout', () => {
  it('carries the code and the message', async () => {
    const cases: [string[], string, number][] = [
      [[...BS, '--spot', '0x64', '--json'], 'usage', 2],
      [[...BS, '--paths', '1e12', '--json'], 'budget', 2],
      [['demo', '--out', file, '--json'], 'output', 2],
      [['compare', 'no/such/file.ts', '--json'], 'input', 2],
      [['compare', 'test/cli/fixtures/throws-error.ts', '--json'], 'runtime', 1],
      [['demo', '--bogus', '--json'], 'usage', 2],
    ];
    for (const [args, code, exit] of cases) {
      const r = await pathwise(args);
      expect(r.code, args.join(' ')).toBe(exit);
      const out = JSON.parse(r.stdout) as { error: { code: string; message: string } };
      expect(Object.keys(out)).toEqual(['error']);
      expect(out.error.code, args.join(' ')).toBe(code);
      expect(`pathwise: ${out.error.message}\n`).toBe(r.stderr);
    }
  });
});

describe('--verbose adds the stack trace', () => {
  it('prints the one line, then the stack with its cause', async () => {
    const r = await pathwise(['--verbose', 'compare', 'test/cli/fixtures/throws-error.ts']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('pathwise: test/cli/fixtures/throws-error.ts: the program threw: the model diverged');
    expect(r.stderr).toMatch(/^\s+at .*throws-error\.ts/m);
    expect(r.stderr).toMatch(/Caused by: Error: the model diverged/);
  });
});

describe('a report write that fails after the computation', () => {
  it('is one line, exit 1; the previous report survives and no temporary file is left', async () => {
    const parent = mkdtempSync(join(scratch, 'reports-'));
    const dir = join(parent, 'compare-report');
    const first = await pathwise(['compare', QUAD, '--samples', '500', '--estimators', 'pathwise', '--report', dir, '--quiet']);
    expect(first).toEqual({ code: 0, stdout: '', stderr: '' });
    const before = readFileSync(join(dir, 'report.json'), 'utf8');
    const real = await nodeReportFs();
    let writes = 0;
    const diskFull: ReportFs = {
      ...real,
      async writeFile(path, data) {
        if (++writes === 2) {
          await real.writeFile(path, data.slice(0, 100));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        return real.writeFile(path, data);
      },
    };
    const r = await pathwise(['compare', QUAD, '--samples', '600', '--estimators', 'pathwise', '--report', dir, '--json'], { fs: diskFull });
    expect(expectOneLine(r, 1, `writeReport: cannot write ${dir}: no space left on device (ENOSPC); any previous report there is unchanged`)).toBeNull();
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'runtime', message: `writeReport: cannot write ${dir}: no space left on device (ENOSPC); any previous report there is unchanged` } });
    expect(readdirSync(parent)).toEqual(['compare-report']);
    expect(readdirSync(dir).sort()).toEqual(['index.html', 'report.json']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(before);
  });
});
