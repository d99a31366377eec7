/**
 * `pathwise demo`: real computations with the parts of pathwise that exist so far (the batched
 * automatic-differentiation engine); each section computes its numbers and checks them against a closed form.
 */
import type { Command } from 'commander';
import * as pw from '../index.js';
import type { Tensor } from '../index.js';

interface Row { readonly [column: string]: string | number }
interface Section { readonly title: string; readonly rows: Row[] }

function table(section: Section): string {
  const cols = Object.keys(section.rows[0] ?? {});
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(10)) : v);
  const width = cols.map((c) => Math.max(c.length, ...section.rows.map((r) => fmt(r[c]!).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i]!)).join('  ');
  return [`\n${section.title}`, line(cols), line(width.map((w) => '-'.repeat(w))), ...section.rows.map((r) => line(cols.map((c) => fmt(r[c]!))))].join('\n');
}

/** Gradient of a batched function over a million points in one pass, against its derivative. */
function batchedGradient(): Section {
  const n = 1_000_000;
  const x = pw.linspace(-3, 3, n);
  const t0 = performance.now();
  const g = pw.grad((v: Tensor) => pw.sum(pw.mul(pw.tanh(v), pw.exp(pw.mul(v, -0.5)))))(x);
  const ms = performance.now() - t0;
  let maxErr = 0;
  for (let i = 0; i < n; i += 997) {
    const v = x.data[i]!, th = Math.tanh(v), e = Math.exp(-0.5 * v);
    maxErr = Math.max(maxErr, Math.abs(g.data[i]! - ((1 - th * th) * e - 0.5 * th * e)));
  }
  return { title: `1. d/dx of tanh(x)·e^(−x/2) at ${n.toLocaleString('en')} points, one reverse pass`, rows: [
    { quantity: 'max |AD − analytic| (sampled)', value: maxErr },
    { quantity: 'time (ms)', value: Math.round(ms) },
  ] };
}

/** Hessian–vector products by forward-over-reverse against the analytic Hessian. */
function hessian(): Section {
  const f = (v: Tensor) => {
    const x = pw.sliceAxis(v, 0, 0, 1), y = pw.sliceAxis(v, 0, 1, 2);
    return pw.sum(pw.add(pw.mul(pw.exp(x), pw.sin(y)), pw.mul(pw.square(x), pw.mul(y, pw.square(y)))));
  };
  const at = pw.tensor([0.7, -1.3]);
  const [, c0] = pw.jvp((v: Tensor) => pw.grad(f)(v), at, pw.tensor([1, 0]));
  const [, c1] = pw.jvp((v: Tensor) => pw.grad(f)(v), at, pw.tensor([0, 1]));
  const x = 0.7, y = -1.3;
  const exact = [
    Math.exp(x) * Math.sin(y) + 2 * y ** 3, Math.exp(x) * Math.cos(y) + 6 * x * y * y,
    Math.exp(x) * Math.cos(y) + 6 * x * y * y, -Math.exp(x) * Math.sin(y) + 6 * x * x * y,
  ];
  const ad = [c0.data[0]!, c0.data[1]!, c1.data[0]!, c1.data[1]!];
  const names = ['H_xx', 'H_xy', 'H_yx', 'H_yy'];
  return { title: '2. Hessian of e^x·sin(y) + x²y³ by forward-over-reverse, against the analytic one', rows:
    names.map((n, i) => ({ entry: n, 'forward-over-reverse': ad[i]!, analytic: exact[i]!, 'abs error': Math.abs(ad[i]! - exact[i]!) })) };
}

/** The engine notices when a sampled value flows through a jump, which biases pathwise gradients. */
function discontinuities(): Section {
  const u = pw.markSource(pw.linspace(0.0005, 0.9995, 1000), 'u');
  const [, events] = pw.traceDiscontinuities(() => {
    const smooth = pw.mean(pw.relu(pw.sub(u, 0.3)));               // kinked only: pathwise stays unbiased
    const digital = pw.mean(pw.step(pw.sub(u, 0.3)));              // a jump: pathwise would return 0
    return pw.add(smooth, digital);
  });
  return { title: '3. Discontinuity tracking: which ops consumed the sampled value u', rows:
    events.length === 0 ? [{ op: '(none)', sources: '', count: 0 }] : events.map((e) => ({ op: e.op, sources: e.sources.join(','), count: e.count })) };
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a showcase of real computations and print their tables')
    .option('--json', 'print one JSON object instead of tables')
    .addHelpText('after', '\nExamples:\n  $ pathwise demo\n  $ pathwise demo --json > demo.json')
    .action((opts: { json?: boolean }) => runDemo({ json: opts.json === true }));
}

export function runDemo(options: { json: boolean }): void {
  const sections = [batchedGradient(), hessian(), discontinuities()];
  if (options.json) process.stdout.write(`${JSON.stringify({ sections }, null, 2)}\n`);
  else for (const s of sections) process.stdout.write(`${table(s)}\n`);
}
