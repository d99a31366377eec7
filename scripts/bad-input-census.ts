/**
 * The bad-input census: every case of issue #14 and more, over the API and the command line, each run in a
 * child process with a time limit and classified as
 *   clear    a PathwiseError (or a CLI exit 1/2 with one line "pathwise: …" and no stack) — what we want;
 *   ok       a valid extreme input that returned finite numbers (or a CLI exit 0 with finite output);
 *   crash    any other exception, or a stack trace on the CLI's stderr;
 *   hang     over the time limit (the child is killed; the census goes on with the next case);
 *   wrong    a result holding NaN/±Infinity, or an invalid input accepted without an error.
 * Run: `npx tsx scripts/bad-input-census.ts [--json]` (a minute or two; not part of the test suite).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Kind = 'clear' | 'ok' | 'crash' | 'hang' | 'wrong';

/** A case: `valid` says whether the input is legitimate (a finite answer is then right, not "accepted"). */
interface Case {
  readonly name: string;
  readonly valid?: boolean;
  /** API: a thunk returning a result to scan for non-finite numbers. CLI: argv. */
  readonly run?: () => unknown | Promise<unknown>;
  readonly cli?: readonly string[];
}

const LIMIT_MS = 20_000;

async function cases(): Promise<Case[]> {
  const pw = await import('../src/index.js');
  const { key } = await import('../src/random/key.js');
  const { sensitivity, models } = await import('../src/sde/index.js');
  const out: Case[] = [];
  const api = (name: string, run: () => unknown, valid = false) => out.push({ name, run, valid });
  const k = key(1);

  // Distributions: invalid parameters
  const bad = [Number.NaN, -1, 0, Number.POSITIVE_INFINITY];
  const dists: [string, (v: number) => unknown][] = [
    ['Normal scale', (v) => pw.Normal(0, v)], ['LogNormal scale', (v) => pw.LogNormal(0, v)], ['Exponential rate', (v) => pw.Exponential(v)],
    ['Gamma shape', (v) => pw.Gamma(v, 1)], ['Beta a', (v) => pw.Beta(v, 1)], ['StudentT df', (v) => pw.StudentT(v, 0, 1)],
    ['Poisson rate', (v) => pw.Poisson(v === 0 ? -2 : v)], ['Laplace scale', (v) => pw.Laplace(0, v)], ['Weibull scale', (v) => pw.Weibull(v, 1)],
  ];
  for (const [n, make] of dists) for (const v of bad) api(`${n} = ${v}`, () => make(v));
  api('Bernoulli p = 1.5', () => pw.Bernoulli(1.5));
  api('Bernoulli p = "x"', () => pw.Bernoulli('x' as unknown as number));
  api('Uniform low > high', () => pw.Uniform(2, 1));
  api('Categorical probs [-1, 2]', () => pw.Categorical(pw.tensor([-1, 2])));
  api('Dirichlet []', () => pw.Dirichlet(pw.tensor([])));
  api('Binomial n = 2.5', () => pw.Binomial(2.5, 0.5));
  // Distributions: valid extreme shapes must stay finite
  const draw = (d: { sample(k: unknown, n: number): { data: Float64Array } }) => d.sample(k, 20_000).data;
  api('Beta(1e-4, 1e-4) samples', () => draw(pw.Beta(1e-4, 1e-4) as never), true);
  api('Dirichlet([1e-4 ×3]) samples', () => draw(pw.Dirichlet(pw.tensor([1e-4, 1e-4, 1e-4])) as never), true);
  api('StudentT(1e-3) samples', () => draw(pw.StudentT(1e-3, 0, 1) as never), true);
  api('Gamma(1e-6) samples and logProb', () => { const d = pw.Gamma(1e-6, 1); return d.logProb(d.sample(k, 1000)).data; }, true);
  api('Gamma(1e6) samples', () => draw(pw.Gamma(1e6, 1) as never), true);
  api('Normal(0,1).sample(k, 1e12)', () => pw.Normal(0, 1).sample(k, 1e12));
  api('Normal(0,1).sample(k, -1)', () => pw.Normal(0, 1).sample(k, -1));
  api('Normal(0,1).sample(k, 2.5)', () => pw.Normal(0, 1).sample(k, 2.5));
  // Tensors and ops
  api('zeros([1e12])', () => pw.zeros([1e12]));
  api('zeros([-1])', () => pw.zeros([-1]));
  api('tensor ragged', () => pw.tensor([[1, 2], [3]] as never));
  api('tensor of strings', () => pw.tensor(['a'] as never));
  api('add shapes [2] + [3]', () => pw.add(pw.tensor([1, 2]), pw.tensor([1, 2, 3])));
  api('matmul [2,3]·[2,3]', () => pw.matmul(pw.zeros([2, 3]), pw.zeros([2, 3])));
  api('reshape [6] → [4]', () => pw.reshape(pw.zeros([6]), [4]));
  api('sum axis 5 of [2]', () => pw.sum(pw.zeros([2]), 5));
  // expectation
  const o = pw.expectation<{ mu: number }>((p, s) => pw.square(s.sample('z', pw.Normal(p.mu, 1))));
  const g = (opts: Record<string, unknown>, params: Record<string, unknown> = { mu: 0.1 }) => () => o.grad(params as { mu: number }, { samples: 2000, ...opts });
  for (const [n, v] of [['samples', 0], ['samples', 1], ['samples', -5], ['samples', 1.5], ['samples', Number.NaN], ['batchSize', 0], ['blockSize', 0], ['keepSamples', -1],
    ['estimator', 'magic'], ['baseline', 'x'], ['mode', 'sideways'], ['fdStep', 0], ['fdStep', -1], ['nonFinite', 'skip'], ['maxMemory', -1], ['seed', 'x']] as const) {
    api(`grad ${n} = ${String(v)}`, g({ [n]: v }));
  }
  api('grad fdStep = 1e-300 (vanishes)', g({ estimator: 'fd', fdStep: 1e-300 }));
  api('grad param NaN', g({}, { mu: Number.NaN }));
  api('grad param missing', g({}, {}));
  api('grad param string', g({}, { mu: 'a' }));
  api('grad samples and paths differ', g({ samples: 10, paths: 20 }));
  api('grad blockSize 1e12 under maxMemory', g({ samples: 1e12, blockSize: 1e12, maxMemory: 2e9 }));
  api('value samples 1e12, keepSamples 1e12 under maxMemory', () => o.grad({ mu: 0.1 }, { samples: 1e12, keepSamples: 1e12, maxMemory: 2e9 }));
  api('compare samples 0', () => o.compare({ mu: 0.1 }, { samples: 0 }));
  const logCost = pw.expectation<{ mu: number }>((p, s) => pw.log(s.sample('z', pw.Normal(p.mu, 1))));
  api('E[log z], z ~ N(0.1, 1): grad', () => logCost.grad({ mu: 0.1 }, { samples: 2000 }));
  api('E[log z]: value', () => logCost.value({ mu: 0.1 }, { samples: 2000 }));
  api('E[log z]: nonFinite drop (valid, flagged biased)', () => logCost.grad({ mu: 0.1 }, { samples: 2000, nonFinite: 'drop' }).grad, true);
  api('E[z] Beta(1e-4, 1e-4) pathwise', () => pw.expectation<{ a: number }>((p, s) => s.sample('z', pw.Beta(p.a, p.a))).grad({ a: 1e-4 }, { samples: 20_000 }).grad, true);
  api('score at Gamma shape 1e-6', () => pw.expectation<{ a: number }>((p, s) => s.sample('z', pw.Gamma(p.a, 1))).grad({ a: 1e-6 }, { samples: 2000, estimator: 'score' }).grad, true);
  api('program returns wrong shape', () => pw.expectation<{ mu: number }>((_p, s) => pw.zeros([s.n, 2])).grad({ mu: 0 }, { samples: 100 }));
  api('program samples a site twice', () => pw.expectation<{ mu: number }>((p, s) => { s.sample('z', pw.Normal(p.mu, 1)); return s.sample('z', pw.Normal(p.mu, 1)); }).grad({ mu: 0 }, { samples: 100 }));
  api('program passes a non-distribution', () => pw.expectation<{ mu: number }>((_p, s) => s.sample('z', {} as unknown as Parameters<typeof s.sample>[1])).grad({ mu: 0 }, { samples: 100 }));
  api('pathwise on a Bernoulli site', () => pw.expectation<{ p: number }>((q, s) => s.sample('x', pw.Bernoulli(q.p))).grad({ p: 0.3 }, { samples: 100, estimator: 'pathwise' }));
  api('fd on a Bernoulli without flips (valid, flagged)', () => pw.expectation<{ p: number }>((q, s) => s.sample('x', pw.Bernoulli(q.p))).grad({ p: 0.3 }, { samples: 1000, estimator: 'fd' }).grad, true);
  // greeks
  const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
  const G = (m: Record<string, unknown>, opts: Record<string, unknown> = {}, payoff: Record<string, unknown> = { kind: 'call', strike: 100 }) =>
    () => { const r = pw.greeks({ kind: 'bs' }, payoff as never, { ...market, ...m } as never, { paths: 2000, greeks: ['delta'], ...opts } as never); return { price: r.price, greeks: r.greeks }; };
  for (const [n, v] of [['vol', 1000], ['rate', 1000], ['maturity', 1e6], ['spot', 1e300], ['spot', 0], ['spot', -1], ['vol', 0], ['vol', Number.NaN], ['maturity', 0], ['dividend', Number.POSITIVE_INFINITY]] as const) {
    out.push({ name: `greeks ${n} = ${v}`, run: G({ [n]: v }) });
  }
  for (const [n, v] of [['paths', 0], ['paths', 1], ['paths', 1e12], ['steps', 1e12], ['replicates', 1e9], ['seed', -1], ['greeks', ['zeta']], ['methods', ['magic']], ['batchSize', 0]] as const) {
    out.push({ name: `greeks ${n} = ${JSON.stringify(v)}`, run: G({}, { [n]: v }) });
  }
  out.push({ name: 'greeks fixings 1e8 (asian)', run: G({}, { steps: 1e8 }, { kind: 'asian-call', strike: 100, fixings: 1e8 }) });
  // greeks: the work and memory budget (maxWork / maxMemory), checked before the pilot
  const asian8 = { kind: 'asian-call', strike: 100, fixings: 1e8 };
  out.push({ name: 'greeks asian fixings 1e8, 100000 paths', run: G({}, { paths: 100_000, greeks: undefined }, asian8) });
  out.push({ name: 'greeks asian fixings 1e8, 2 paths (the pilot alone: hours)', run: G({}, { paths: 2 }, asian8) });
  out.push({ name: 'greeks heston steps 1e12', run: () => pw.greeks({ kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 }, { kind: 'call', strike: 100 }, market, { steps: 1e12 }) });
  out.push({ name: 'greeks qmc 2^20-path batches × 1000 steps (memory)', run: G({}, { qmc: 'sobol', replicates: 2, paths: 2 ** 20, steps: 1000, batchSize: 2 ** 20, blockSize: 2 ** 20 }, { kind: 'barrier', strike: 100, barrier: 120, barrierType: 'up-out' }) });
  out.push({ name: 'greeks paths 1e8 under maxWork 1e6', run: G({}, { paths: 1e8, maxWork: 1e6 }) });
  out.push({ name: 'greeks maxMemory 1 kB', run: G({}, { maxMemory: 1000 }) });
  for (const v of [-1, 0, Number.NaN, '1e9']) out.push({ name: `greeks maxWork = ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`, run: G({}, { maxWork: v }) });
  for (const v of [-1, Number.NaN, 'big']) out.push({ name: `greeks maxMemory = ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`, run: G({}, { maxMemory: v }) });
  out.push({ name: 'greeks paths 2000 under maxWork 20000 (valid, just under)', run: G({}, { maxWork: 20_000 }), valid: true });
  out.push({ name: 'greeks unknown payoff', run: G({}, {}, { kind: 'straddle', strike: 100 }) });
  out.push({ name: 'greeks barrier without a barrier level', run: G({}, {}, { kind: 'barrier', strike: 100 }) });
  out.push({ name: 'greeks strike -1', run: G({}, {}, { kind: 'call', strike: -1 }) });
  out.push({ name: 'greeks ordinary call (valid)', run: G({}), valid: true });
  // sde
  const sg = models.gbm(500, 16, 1);
  const S = (opts: Record<string, unknown>) => () => sensitivity({ ...sg, ...opts } as never).grad;
  for (const [n, v] of [['steps', 0], ['steps', 1.5], ['paths', 1], ['paths', 0], ['t1', -1], ['noise', 'pink'], ['method', 'rk99'], ['mode', 'sideways'], ['x0', [Number.NaN]], ['x0', []],
    ['checkpoints', 1], ['checkpointEvery', 0], ['fdStep', 0], ['wrt', ['nope']], ['batchSize', 0], ['maxMemory', 0]] as const) {
    out.push({ name: `sde.sensitivity ${n} = ${JSON.stringify(v)}`, run: S({ [n]: v }) });
  }
  out.push({ name: 'sde.sensitivity steps 1e9 under maxMemory', run: S({ steps: 1e9, maxMemory: 2e9 }) });
  out.push({ name: 'sde.sensitivity key and seed', run: S({ seed: 3 }) });
  out.push({ name: 'sde.sensitivity loss not a function', run: S({ loss: 3 }) });
  out.push({ name: 'sde.sensitivity GBM (valid)', run: S({}), valid: true });
  // command line
  const cli = (name: string, args: string[], valid = false) => out.push({ name: `cli: ${name}`, cli: args, valid });
  const BS = ['greeks', '--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1'];
  cli('greeks --vol 1000', ['greeks', '--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '1000', '--maturity', '1', '--paths', '2000']);
  cli('greeks --rate 1000', ['greeks', '--spot', '100', '--strike', '100', '--rate', '1000', '--vol', '0.2', '--maturity', '1', '--paths', '2000']);
  cli('greeks --maturity 1e6', ['greeks', '--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1e6', '--paths', '2000']);
  cli('greeks --spot 1e300', ['greeks', '--spot', '1e300', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1', '--paths', '2000']);
  cli('greeks --spot 0x64', ['greeks', '--spot', '0x64', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1']);
  cli('greeks --paths 1e12', [...BS, '--paths', '1e12']);
  cli('greeks --paths 3 --qmc sobol', [...BS, '--paths', '3', '--qmc', 'sobol']);
  cli('greeks --replicates without --qmc', [...BS, '--replicates', '8']);
  cli('greeks --barrier on a call', [...BS, '--barrier', '120']);
  cli('greeks --steps on a European call', [...BS, '--steps', '10']);
  cli('greeks Heston flag with --model bs', [...BS, '--kappa', '2']);
  cli('greeks --method mixed with no row', [...BS, '--method', 'mixed', '--greeks', 'delta']);
  cli('greeks missing required options', ['greeks']);
  cli('greeks --payoff asian-call --fixings 1e8', [...BS, '--payoff', 'asian-call', '--fixings', '1e8']);
  cli('greeks --model heston --steps 1e8', ['greeks', '--model', 'heston', '--spot', '100', '--strike', '100', '--rate', '0.05', '--v0', '0.04', '--kappa', '2', '--theta', '0.04', '--xi', '0.3', '--rho', '-0.7', '--maturity', '1', '--steps', '1e8']);
  cli('greeks --max-work 1e4 (a small run over it)', [...BS, '--paths', '2000', '--max-work', '1e4']);
  cli('greeks --max-work 1e13 --paths 2000 (valid: a raised budget)', [...BS, '--paths', '2000', '--max-work', '1e13', '--json'], true);
  cli('greeks --replicates 1e9', [...BS, '--qmc', 'sobol', '--replicates', '1e9']);
  cli('greeks ordinary (valid)', [...BS, '--paths', '2000', '--json'], true);
  cli('compare --samples 1e12', ['compare', 'examples/gaussian-quadratic.ts', '--samples', '1e12']);
  cli('compare --samples 0', ['compare', 'examples/gaussian-quadratic.ts', '--samples', '0']);
  cli('compare missing file', ['compare', 'no/such/file.ts']);
  cli('compare a folder', ['compare', 'test/cli']);
  cli('compare program throws', ['compare', 'test/cli/fixtures/throws-error.ts']);
  cli('compare program throws a string', ['compare', 'test/cli/fixtures/throws-string.ts']);
  cli('compare throws on import', ['compare', 'test/cli/fixtures/throws-on-import.ts']);
  cli('compare syntax error', ['compare', 'test/cli/fixtures/syntax-error.ts.txt']);
  cli('compare wrong return shape', ['compare', 'test/cli/fixtures/wrong-shape.ts']);
  cli('compare missing parameter', ['compare', 'test/cli/fixtures/missing-param.ts']);
  cli('compare duplicate site', ['compare', 'test/cli/fixtures/duplicate-site.ts']);
  cli('compare no default export', ['compare', 'test/cli/fixtures/no-default.ts']);
  cli('compare NaN cost', ['compare', 'test/cli/fixtures/log-negative.ts', '--samples', '2000']);
  cli('compare NaN cost --json', ['compare', 'test/cli/fixtures/log-negative.ts', '--samples', '2000', '--json']);
  cli('compare --report /proc/forbidden', ['compare', 'examples/gaussian-quadratic.ts', '--samples', '2000', '--report', '/proc/forbidden']);
  cli('compare --report ""', ['compare', 'examples/gaussian-quadratic.ts', '--samples', '2000', '--report', '']);
  cli('compare --report under a file', ['compare', 'examples/gaussian-quadratic.ts', '--samples', '2000', '--report', 'README.md/sub']);
  cli('compare ordinary (valid)', ['compare', 'examples/gaussian-quadratic.ts', '--samples', '2000', '--json'], true);
  cli('sde --paths 1e12', ['sde', '--paths', '1e12']);
  cli('sde --steps 1e9', ['sde', '--steps', '1e9']);
  cli('sde --paths 1', ['sde', '--paths', '1']);
  cli('sde --model heat', ['sde', '--model', 'heat']);
  cli('sde --mode magic', ['sde', '--mode', 'forward,magic']);
  cli('demo --samples 1e12', ['demo', '--samples', '1e12']);
  cli('demo --samples 1', ['demo', '--samples', '1']);
  cli('train vae --epochs 1e12', ['train', 'vae', '--epochs', '1e12']);
  cli('train vae --samples 1e12', ['train', 'vae', '--samples', '1e12']);
  cli('train vae --samples 1', ['train', 'vae', '--samples', '1']);
  cli('train dvae --dataset spiral', ['train', 'dvae', '--dataset', 'spiral']);
  cli('--max-memory 0', ['--max-memory', '0', 'sde']);
  cli('--max-memory 2XB', ['--max-memory', '2XB', 'sde']);
  cli('unknown command', ['frobnicate']);
  cli('unknown option', ['sde', '--frobnicate']);
  cli('bench nonsense', ['bench', 'nonsense']);
  return out;
}

/** True when `x` holds a NaN or ±Infinity number anywhere (tensors and typed arrays included). */
function nonFinite(x: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (typeof x === 'number') return !Number.isFinite(x);
  if (ArrayBuffer.isView(x)) return Array.prototype.some.call(x, (v: unknown) => typeof v === 'number' && !Number.isFinite(v));
  if (Array.isArray(x)) return x.some((v) => nonFinite(v, depth + 1));
  if (x !== null && typeof x === 'object') {
    const d = (x as { data?: unknown }).data;
    if (ArrayBuffer.isView(d)) return nonFinite(d, depth + 1);
    return Object.values(x).some((v) => nonFinite(v, depth + 1));
  }
  return false;
}

async function runOne(c: Case): Promise<{ kind: Kind; note: string }> {
  if (c.cli !== undefined) {
    const { main } = await import('../src/cli/main.js');
    let stdout = '', stderr = '';
    const io = { stdout: { isTTY: false, write: (s: string) => ((stdout += s), true) }, stderr: { isTTY: false, write: (s: string) => ((stderr += s), true) }, env: { NO_COLOR: '1' } };
    let code: number;
    try {
      code = await main(c.cli, { io: io as never });
    } catch (e) {
      return { kind: 'crash', note: `threw out of main: ${String(e)}` };
    }
    const lines = stderr.split('\n').filter((l) => l !== '');
    if (code === 0) return nonFinite(safeJson(stdout)) || /\bNaN\b/.test(stdout) ? { kind: 'wrong', note: 'exit 0 with NaN in the output' } : { kind: c.valid ? 'ok' : 'wrong', note: c.valid ? 'exit 0' : 'exit 0: accepted' };
    if (/^\s+at /m.test(stderr)) return { kind: 'crash', note: `exit ${code} with a stack trace` };
    if (lines.length === 1 && lines[0]!.startsWith('pathwise: ')) return { kind: c.valid ? 'crash' : 'clear', note: `exit ${code}: ${lines[0]!.slice(0, 140)}` };
    return { kind: 'crash', note: `exit ${code}, stderr of ${lines.length} lines` };
  }
  try {
    const r = await c.run!();
    if (nonFinite(r)) return { kind: 'wrong', note: 'returned NaN or ±Infinity' };
    return { kind: c.valid ? 'ok' : 'wrong', note: c.valid ? 'finite result' : 'accepted without an error' };
  } catch (e) {
    const pw = await import('../src/errors.js');
    if (e instanceof pw.PathwiseError) return { kind: c.valid ? 'crash' : 'clear', note: `${e.name}: ${e.message.slice(0, 140)}` };
    return { kind: 'crash', note: e instanceof Error ? `${e.name}: ${e.message.slice(0, 140)}` : `threw ${String(e)}` };
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  // Child: run the cases from `start` on, one JSON line as each starts and as each ends.
  const list = await cases();
  for (let i = Number(process.argv[childAt + 1]); i < list.length; i++) {
    process.stdout.write(`${JSON.stringify({ i, started: true })}\n`);
    const r = await runOne(list[i]!);
    process.stdout.write(`${JSON.stringify({ i, ...r })}\n`);
  }
  process.exit(0);
} else {
  const list = await cases();
  const results: { name: string; kind: Kind; note: string }[] = new Array(list.length);
  let start = 0;
  while (start < list.length) {
    start = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let current = start, timer: NodeJS.Timeout | undefined, buffer = '', settled = false;
      const finish = (next: number) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(next);
      };
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          let m: { i: number; started?: boolean; kind?: Kind; note?: string };
          try {
            m = JSON.parse(line) as typeof m;
          } catch {
            continue;   // output of the code under test
          }
          if (m.started) {
            current = m.i;
            clearTimeout(timer);
            timer = setTimeout(() => {
              results[current] = { name: list[current]!.name, kind: 'hang', note: `over ${LIMIT_MS / 1000} s` };
              finish(current + 1);
            }, LIMIT_MS);
          } else {
            results[m.i] = { name: list[m.i]!.name, kind: m.kind!, note: m.note! };
          }
        }
      });
      child.on('close', () => {
        if (settled) return;
        if (results[current] === undefined) results[current] = { name: list[current]!.name, kind: 'crash', note: 'the process died' };
        finish(results.length === list.length && current === list.length - 1 ? list.length : current + 1);
      });
    });
  }
  const tally: Record<Kind, number> = { clear: 0, ok: 0, crash: 0, hang: 0, wrong: 0 };
  for (const r of results) tally[r.kind]++;
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ tried: results.length, ...tally, cases: results }, null, 1)}\n`);
  } else {
    for (const r of results) process.stdout.write(`${r.kind.padEnd(6)} ${r.name} — ${r.note}\n`);
    process.stdout.write(`\ntried ${results.length}: clear error ${tally.clear}, valid and finite ${tally.ok}, crash ${tally.crash}, hang ${tally.hang}, silently wrong ${tally.wrong}\n`);
  }
}
