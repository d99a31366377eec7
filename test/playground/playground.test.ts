/**
 * The playground end to end: built once with Vite into a temporary folder, served by a tiny static
 * server on a loopback port, opened in Debian's Chromium. Every panel is run through its form, and the
 * numbers the page computed (in its Web Worker) are compared with the library's in this Node process for
 * the same seed and options. Also checked: no console errors, no request leaves the loopback server, Cancel
 * stops a run, bad input shows one readable line, every plot is an SVG with a <title>. Screenshots go to
 * test-artifacts/playground/, with the measured load time, time to first result and the bit-identity
 * counts in timing.json.
 *
 * Bit identity: every number the page shows is the same bits (Object.is) as the library's in Node. This
 * holds although the engines' Math does not agree: Math.exp, log, sin, cos, pow, … are
 * "implementation-approximated" in ECMAScript, and the V8 in Chromium 156 returns different values from
 * the V8 in Node 20 for 2–8 % of inputs (1 ulp; scripts/compare-engine-math.ts). The library never calls
 * them (src/ad/kernels/scalar-math.ts, enforced by eslint), so the probe's verdict, sameMath, is recorded
 * in timing.json for information only, next to the per-panel counts of identical numbers.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import type {} from '../../playground/src/page-globals.js';
import { runGreeks, runLab, runSde, type GreeksJob, type LabJob, type SdeJob } from '../../playground/src/jobs.js';

const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const artifacts = resolve('test-artifacts', 'playground');
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/** Measured wall times differ between runs; everything else must match to the bit. */
function withoutTimings(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutTimings);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'secondsPerSample' || k === 'workNormalizedVariance' ? 'timing' : withoutTimings(v)]));
  }
  return x;
}

/** A result as plain JSON, the way the page holds it after postMessage (NaN → null as in the jobs). */
const plain = (x: unknown): unknown => withoutTimings(JSON.parse(JSON.stringify(x)));

/** Math results on a fixed probe: equal in Node and the page iff the two engines' Math libraries agree here (information only). */
function mathProbe(): number[] {
  const out: number[] = [];
  for (let i = 1; i <= 400; i++) {
    const x = (i - 200.5) / 19.3;
    out.push(Math.exp(x), Math.log(Math.abs(x)), Math.sin(x), Math.cos(x), Math.pow(Math.abs(x), 0.37), Math.log1p(Math.abs(x)), Math.expm1(x / 7), Math.atan(x));
  }
  return out;
}
let sameMath = true;
const identity: Record<string, { numbers: number; identical: number; maxRelative: number }> = {};

/**
 * The page's result against Node's: equal in everything, numbers to the bit (Object.is). Records the
 * counts under `label` (a failure names the first differing number; the counts still cover the walk).
 */
function expectSameNumbers(fromPage: unknown, fromNode: unknown, label: string): void {
  const a = plain(fromPage), b = plain(fromNode);
  const stats = { numbers: 0, identical: 0, maxRelative: 0 };
  let firstDifference = '';
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      stats.numbers++;
      if (Object.is(x, y)) { stats.identical++; return; }
      const rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      stats.maxRelative = Math.max(stats.maxRelative, Number.isNaN(rel) ? Infinity : rel);
      if (firstDifference === '') firstDifference = `${label}${path}: page ${x} and Node ${y} are not the same bits`;
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      expect(x.length, `${label}${path}.length`).toBe(y.length);
      x.forEach((v, i) => walk(v, y[i], `${path}[${i}]`));
      return;
    }
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      expect(Object.keys(x), `${label}${path} keys`).toEqual(Object.keys(y));
      for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    expect(x, `${label}${path}`).toEqual(y);
  };
  walk(a, b, '');
  const prev = identity[label];
  identity[label] = prev === undefined ? stats
    : { numbers: prev.numbers + stats.numbers, identical: prev.identical + stats.identical, maxRelative: Math.max(prev.maxRelative, stats.maxRelative) };
  if (firstDifference !== '') expect.fail(`${firstDifference} (${stats.numbers - stats.identical} of ${stats.numbers} numbers differ)`);
}

let outDir = '';
let server: Server;
let origin = '';
let browser: Browser;
let page: Page;
const problems: string[] = [];
const timing: Record<string, number> = {};

async function pageResult(kind: 'lab' | 'greeks' | 'sde'): Promise<unknown> {
  return page.evaluate((k) => window.__results[k], kind);
}

async function waitDone(kind: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((k) => {
    const s = document.getElementById(k)?.dataset.status;
    return s === 'done' || s === 'error';
  }, kind, { timeout });
  const status = await page.locator(`#${kind}`).getAttribute('data-status');
  expect(status, await page.locator(`#${kind}-status`).textContent() ?? '').toBe('done');
}

/** Clicks a panel's button and waits for the end of the run it starts (the section counts finished runs). */
async function clickAndWait(kind: string, button: string, timeout = 30_000): Promise<string> {
  const before = Number(await page.locator(`#${kind}`).getAttribute('data-runs') ?? 0);
  await page.click(`#${kind}-${button}`);
  await page.waitForFunction(([k, n]) => Number(document.getElementById(k as string)?.dataset.runs ?? 0) > (n as number), [kind, before], { timeout });
  return (await page.locator(`#${kind}`).getAttribute('data-status')) ?? '';
}

async function run(kind: string): Promise<void> {
  const status = await clickAndWait(kind, 'run');
  expect(status, await page.locator(`#${kind}-status`).textContent() ?? '').toBe('done');
}

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} not found: install Chromium (apt-get install -y chromium) to run the playground test`);
  await mkdir(artifacts, { recursive: true });
  outDir = await mkdtemp(join(tmpdir(), 'pathwise-playground-'));
  const t0 = performance.now();
  await build({ configFile: resolve('playground/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  timing.buildMs = performance.now() - t0;
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(outDir, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => { res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }); res.end(body); },
      () => { res.writeHead(404); res.end('not found'); },
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request: ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
  await writeFile(join(artifacts, 'timing.json'), `${JSON.stringify({ ...timing, sameMath, identity }, null, 2)}\n`);
});

describe('playground in Chromium', () => {
  it('loads offline and shows the estimator lab result computed on load: the numbers of the library in Node', async () => {
    await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
    await waitDone('lab');
    const probe = mathProbe();
    sameMath = (await page.evaluate(mathProbe)).every((v, i) => Object.is(v, probe[i]));
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, firstResult: window.__timing.firstResultMs ?? NaN, computeMs: window.__timing.runMs.lab ?? NaN };
    });
    Object.assign(timing, { loadMs: nav.load, domContentLoadedMs: nav.domContentLoaded, firstResultMs: nav.firstResult, firstResultComputeMs: nav.computeMs });

    const fromPage = (await pageResult('lab')) as { job: LabJob };
    const expectedJob: LabJob = {
      distribution: 'normal', cost: 'step', params: { mu: 0.5, sigma: 1 }, c: 0.3, estimators: ['pathwise', 'score', 'mvd', 'fd', 'auto'],
      samples: 20000, seed: 1, blockSize: 500, keepSamples: 2000,
    };
    expect(fromPage.job).toEqual(expectedJob);
    const node = runLab(expectedJob);
    expectSameNumbers(fromPage, node, 'lab');

    // The same numbers straight from the documented API, without the playground's glue.
    const objective = pw.expectation<{ mu: number; sigma: number }>((p, s) => pw.step(s.sample('x', pw.Normal(p.mu, p.sigma)).sub(0.3)));
    const rows = objective.compare({ mu: 0.5, sigma: 1 }, { estimators: expectedJob.estimators, samples: 20000, seed: 1, blockSize: 500, keepSamples: 2000 });
    const pageRows = (fromPage as unknown as ReturnType<typeof runLab>).rows;
    rows.forEach((row, i) => {
      expectSameNumbers(pageRows[i]!.components.map((c) => [c.mean, c.stderr, c.variance]), row.components.map((c) => [c.mean, c.stderr, c.variance]), 'lab');
      expectSameNumbers(pageRows[i]!.trace[0]!.mean, row.diagnostics!.trace.map((t) => t.mean[0]!), 'lab');
      expectSameNumbers(pageRows[i]!.samples[1], [...row.diagnostics!.samples[1]!], 'lab');
      expect(pageRows[i]!.biased).toBe(row.biased);
    });
    expect(pageRows[0]!.biased).toBe(true);   // pathwise through step(x − c)

    // What the table shows carries the same numbers.
    const cells = await page.$$eval('#lab-table td.estimate', (tds) => tds.map((td) => [Number(td.dataset.mean), Number(td.dataset.stderr)]));
    expectSameNumbers(cells, node.rows.flatMap((r) => r.components.map((c) => [c.mean, c.stderr])), 'lab');
    await page.locator('#lab').screenshot({ path: join(artifacts, 'lab-normal-step.png') });
  });

  it('runs the lab on a discrete distribution through the form', async () => {
    await page.selectOption('#lab-distribution', 'bernoulli');
    await page.fill('#lab-param-p', '0.3');
    await page.selectOption('#lab-cost', 'logsq');
    await page.fill('#lab-samples', '8000');
    await page.fill('#lab-block', '250');
    await run('lab');
    const fromPage = (await pageResult('lab')) as { job: LabJob; rows: { estimator: string; error?: string }[] };
    expect(fromPage.job).toMatchObject({ distribution: 'bernoulli', cost: 'logsq', params: { p: 0.3 }, samples: 8000, blockSize: 250 });
    expectSameNumbers(fromPage, runLab(fromPage.job), 'lab');
    expect(fromPage.rows[0]!.error).toMatch(/Bernoulli has no reparameterized sampler/);
    await page.locator('#lab').screenshot({ path: join(artifacts, 'lab-bernoulli.png') });
  });

  it('computes Black–Scholes and Heston Greeks as Node does, next to the closed form', async () => {
    await page.fill('#greeks-paths', '10000');
    await run('greeks');
    const bs = (await pageResult('greeks')) as { job: GreeksJob };
    expect(bs.job).toEqual({
      model: { kind: 'bs' }, payoff: { kind: 'digital-call', strike: 100 },
      market: { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 },
      greeks: ['delta', 'gamma', 'vega'], methods: ['pathwise', 'lr', 'mixed', 'fd', 'auto'], paths: 10000, seed: 1,
    });
    expectSameNumbers(bs, runGreeks(bs.job), 'greeks');
    const direct = pw.greeks(bs.job.model, bs.job.payoff, bs.job.market, { greeks: bs.job.greeks, methods: bs.job.methods, paths: 10000, seed: 1 });
    const rows = (bs as unknown as ReturnType<typeof runGreeks>).rows;
    const lr = rows.find((r) => r.greek === 'delta' && r.method === 'lr')!;
    expectSameNumbers([lr.mean, lr.stderr, lr.closedForm], [direct.greeks.delta!.lr!.mean, direct.greeks.delta!.lr!.stderr, direct.closedForm.delta], 'greeks');
    await page.locator('#greeks').screenshot({ path: join(artifacts, 'greeks-bs-digital.png') });

    // Heston through the sliders (a slider is set like a user would drag it: value + input event).
    await page.selectOption('#greeks-model', 'heston');
    await page.selectOption('#greeks-payoff', 'call');
    await page.locator('#greeks-rho').fill('-0.5');
    await page.uncheck('#greeks-greek-gamma');
    for (const m of ['lr', 'mixed']) await page.uncheck(`#greeks-method-${m}`);
    await page.fill('#greeks-paths', '3000');
    await page.fill('#greeks-steps', '20');
    await run('greeks');
    const heston = (await pageResult('greeks')) as { job: GreeksJob };
    expect(heston.job).toMatchObject({ model: { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.5 }, steps: 20, paths: 3000, methods: ['pathwise', 'fd', 'auto'] });
    expectSameNumbers(heston, runGreeks(heston.job), 'greeks');
    await page.locator('#greeks').screenshot({ path: join(artifacts, 'greeks-heston-call.png') });
  });

  it('draws SDE paths and tangent paths as Node computes them', async () => {
    await page.fill('#sde-paths', '60');
    await page.fill('#sde-steps', '25');
    await run('sde');
    const r = (await pageResult('sde')) as { job: SdeJob };
    expect(r.job).toEqual({ model: 'gbm', params: { mu: 0.05, sigma: 0.4 }, wrt: 'sigma', method: 'milstein', t1: 1, steps: 25, paths: 60, seed: 1 });
    const node = runSde(r.job);
    expectSameNumbers(r, node, 'sde');
    // The paths are sde.solve's and the last tangent is sde.tangentPaths' over the whole interval.
    const solved = pw.sde.solve({
      drift: (_t, x, p) => x.mul(p.mu!), diffusion: (_t, x, p) => x.mul(p.sigma!), x0: 1, params: { mu: 0.05, sigma: 0.4 },
      noise: 'diagonal', method: 'milstein', t1: 1, steps: 25, paths: 60, key: pw.key(1),
    });
    expect(node.paths.map((p) => p[25])).toEqual([...solved.values.data]);   // both in Node: the same bits
    await page.selectOption('#sde-model', 'ou');
    await page.selectOption('#sde-wrt', 'kappa');
    await page.fill('#sde-steps', '20');
    await run('sde');
    const ou = (await pageResult('sde')) as { job: SdeJob };
    expect(ou.job).toMatchObject({ model: 'ou', wrt: 'kappa', steps: 20 });
    expectSameNumbers(ou, runSde(ou.job), 'sde');
    await page.locator('#sde').screenshot({ path: join(artifacts, 'sde-ou-kappa.png') });
  });

  it('cancels a long run, recovers, and reports bad input in one line', async () => {
    await page.fill('#lab-samples', '20000000');
    await page.click('#lab-run');
    await page.waitForFunction(() => document.getElementById('lab')?.dataset.status === 'running');
    await page.waitForTimeout(300);
    await page.click('#lab-cancel');
    await page.waitForFunction(() => document.getElementById('lab')?.dataset.status === 'cancelled', undefined, { timeout: 5000 });
    await page.fill('#lab-samples', '4000');
    await run('lab');   // a fresh worker after the cancelled one

    await page.fill('#greeks-paths', '1');
    expect(await clickAndWait('greeks', 'run')).toBe('error');
    const message = await page.locator('#greeks-status').textContent();
    expect(message).toMatch(/paths.*got 1/);
    expect(await page.locator('#greeks-status').getAttribute('role')).toBe('alert');
  });

  it('labels every control and gives every plot an SVG title; logs nothing and fetches nothing else', async () => {
    const unlabelled = await page.$$eval('input, select, progress', (els) =>
      els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute('aria-label')).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    const plots = await page.$$eval('figure.plot', (figs) => figs.map((f) => ({
      id: f.id, title: f.querySelector('svg > title')?.textContent ?? '', marks: f.querySelectorAll('.role-mark > path, .role-mark > line').length,
    })));
    expect(plots.length).toBeGreaterThanOrEqual(8);
    for (const p of plots) {
      expect(p.title, p.id).not.toBe('');
      expect(p.marks, p.id).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(artifacts, 'page.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
