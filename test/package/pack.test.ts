/**
 * The npm packages as a user receives them. `npm pack` on the two workspaces (whose `prepack` builds their
 * dist/ with scripts/build.ts) makes the tarballs, installed from the tarballs and the npm cache into fresh
 * projects made the way `npm init -y` makes one ("type": "commonjs"):
 *
 * - `library`: `npm install pathwise` alone. Each kind of user project below is a folder inside it (Node,
 *   TypeScript and esbuild find the installed package by walking up, as in a monorepo), so one install serves
 *   all of them. Each runs the README's first example and must print a gradient within 5·stderr of the closed
 *   form 2φ + e^φ — and, the seed being the same, the very same bits in every module format. The install
 *   must stay lean: no command-line dependency, node_modules ≤ 10 MB.
 * - `cli`: `npm install pathwise-cli` (with the library tarball, as npm would fetch it): the `pathwise`
 *   command runs, and `pathwise compare` loads a user's TypeScript problem that imports the same library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleSource, printedEstimate, ROOT, run, treeBytes, TRUE_GRAD, tsc, tsconfig, writeProject } from './projects.js';

const LIBRARY_BYTES_LIMIT = 10e6;
/** What only the command line needs: none of it may come with the library. */
const CLI_ONLY = ['commander', 'vega', 'vega-lite', 'bullmq', 'ioredis', 'tsx', 'cli-progress', 'zod', 'esbuild', '@stdlib'];

const version = (JSON.parse(readFileSync(join(ROOT, 'packages/pathwise/package.json'), 'utf8')) as { version: string }).version;
let work = '';
let library = '';
let cli = '';
const printed = new Map<string, string>();

function expectClosedForm(name: string, stdout: string): void {
  const est = printedEstimate(stdout);
  expect(est.n).toBe(100_000);
  expect(Math.abs(est.mean - TRUE_GRAD), `${name}: ${est.mean} ± ${est.stderr} vs ${TRUE_GRAD}`).toBeLessThanOrEqual(5 * est.stderr);
  printed.set(name, stdout.trim().split('\n').pop()!);
}

/** A fresh `npm init -y` project with the given tarballs installed (from the npm cache where it can). */
function project(name: string, tarballs: readonly string[]): string {
  const dir = join(work, name);
  writeProject(dir, { 'package.json': { name: `user-${name}`, version: '1.0.0', main: 'index.js', license: 'ISC', type: 'commonjs' } });
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs.map((t) => join(work, t))], dir);
  return dir;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pathwise-package-'));
  run('npm', ['pack', '-w', 'packages/pathwise', '-w', 'packages/pathwise-cli', '--pack-destination', work, '--silent'], ROOT);
  const lib = `pathwise-${version}.tgz`;
  const command = `pathwise-cli-${version}.tgz`;
  for (const t of [lib, command]) if (!existsSync(join(work, t))) throw new Error(`npm pack left no ${t} in ${work}`);
  library = project('library', [lib]);
  cli = project('cli', [lib, command]);
}, 600_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the library package (npm install pathwise)', () => {
  it('installs lean: nothing the command line needs, node_modules ≤ 10 MB', () => {
    for (const name of CLI_ONLY) expect(existsSync(join(library, 'node_modules', name)), name).toBe(false);
    const bytes = treeBytes(join(library, 'node_modules'));
    const own = treeBytes(join(library, 'node_modules/pathwise'));
    console.log(`library-only install: node_modules ${(bytes / 1e6).toFixed(2)} MB (pathwise itself ${(own / 1e6).toFixed(2)} MB)`);
    expect(bytes).toBeLessThanOrEqual(LIBRARY_BYTES_LIMIT);
  });

  it('ships the licences, the bundled @stdlib code and the digits, and no command-line file', () => {
    const pkg = join(library, 'node_modules/pathwise');
    expect(readFileSync(join(pkg, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the pathwise authors\n/);
    expect(readFileSync(join(pkg, 'THIRD_PARTY_NOTICES'), 'utf8')).toMatch(/@stdlib\/math-base-special-erfc@[\d.]+ \(Apache-2\.0\)/);
    expect(existsSync(join(pkg, 'dist/vendor/stdlib.cjs'))).toBe(true);
    expect(existsSync(join(pkg, 'data/digits/digits.csv.gz'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/cli'))).toBe(false);
    expect(existsSync(join(pkg, 'dist/report/render-svg.js'))).toBe(false);
    expect(existsSync(join(pkg, 'dist/report/compare-table.js'))).toBe(true);   // pw.formatCompareRows
  });

  it('runs the README example from CommonJS (an `npm init -y` project, require)', () => {
    writeProject(library, { 'index.js': exampleSource('cjs') });
    expectClosedForm('cjs', run(process.execPath, ['index.js'], library));
  });

  it('runs the README example from ESM ("type": "module", import)', () => {
    const dir = join(library, 'esm');
    writeProject(dir, { 'package.json': { type: 'module' }, 'index.js': exampleSource('esm') });
    expectClosedForm('esm', run(process.execPath, ['index.js'], dir));
  });

  for (const type of ['module', 'commonjs'] as const) {
    it(`type-checks, compiles and runs the README example as TypeScript (module nodenext, "type": "${type}")`, () => {
      const dir = join(library, `ts-${type}`);
      writeProject(dir, {
        'package.json': { type },
        'tsconfig.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, true),
        'index.ts': exampleSource('ts'),
      });
      tsc(dir);
      expectClosedForm(`ts-${type}`, run(process.execPath, ['out/index.js'], dir));
    });
  }

  it('type-checks the example under moduleResolution bundler and bundles it for the browser', async () => {
    const dir = join(library, 'bundler');
    writeProject(dir, {
      'package.json': { type: 'module' },
      'tsconfig.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, false),
      'index.ts': exampleSource('ts'),
    });
    tsc(dir);
    // platform 'browser' cannot resolve node: built-ins, so this also proves the library needs none.
    await build({
      entryPoints: [join(dir, 'index.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
      outfile: join(dir, 'bundle.js'), logLevel: 'silent',
    });
    const bundle = readFileSync(join(dir, 'bundle.js'), 'utf8');
    expect(bundle).not.toMatch(/\brequire\(|\bnode:/);
    expectClosedForm('bundle', run(process.execPath, ['bundle.js'], dir));
  });

  it('prints the same bits in every kind of project', () => {
    expect([...printed.keys()].sort()).toEqual(['bundle', 'cjs', 'esm', 'ts-commonjs', 'ts-module']);
    expect(new Set(printed.values()).size).toBe(1);
  });

  it('says which package to install when a cluster needs one it does not install (ioredis, bullmq)', () => {
    const script = [
      "const { clusterExecutor } = await import('pathwise/parallel');",
      "const job = { blocks: 1, compute: () => { throw new Error('unused'); }, spec: { module: 'file:///nowhere.js', export: 'x', args: {} } };",
      "await clusterExecutor({ redis: 'redis://127.0.0.1:1' }).run(job, () => undefined).catch((e) => console.log(`${e.name}: ${e.message}`));",
    ].join('\n');
    const out = run(process.execPath, ['--input-type=module', '-e', script], library);
    expect(out).toMatch(/^ParallelError: .*the package ioredis must be installed \(npm install ioredis; pathwise-cli installs it\)/);
  });
});

describe('the command-line package (npm install pathwise-cli)', () => {
  it('installs the command beside one copy of the library', () => {
    expect(existsSync(join(cli, 'node_modules/pathwise-cli/node_modules/pathwise'))).toBe(false);
    console.log(`command-line install: node_modules ${(treeBytes(join(cli, 'node_modules')) / 1e6).toFixed(2)} MB`);
    expect(run(join(cli, 'node_modules/.bin/pathwise'), ['--version'], cli).trim()).toBe(version);
  });

  it('`pathwise greeks` prints Greeks against the closed form', () => {
    const out = run(join(cli, 'node_modules/.bin/pathwise'), [
      'greeks', '--model', 'bs', '--payoff', 'call', '--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2',
      '--maturity', '1', '--greeks', 'delta', '--method', 'pathwise', '--paths', '20000', '--json',
    ], cli);
    const r = JSON.parse(out) as { greeks: { delta: { pathwise: { mean: number; stderr: number } } }; closedForm: { delta: number } };
    const d = r.greeks.delta.pathwise;
    expect(Math.abs(d.mean - r.closedForm.delta), `${d.mean} ± ${d.stderr} vs ${r.closedForm.delta}`).toBeLessThanOrEqual(5 * d.stderr);
  });

  it('`pathwise compare` loads a TypeScript problem from a CommonJS project', () => {
    writeProject(cli, {
      'problem.ts': [
        "import * as pw from 'pathwise';",
        'const objective = pw.expectation<{ phi: number }>((p, s) => pw.square(s.sample(\'z\', pw.Normal(p.phi, pw.exp(p.phi.div(2))))));',
        'export default { objective, params: { phi: 0.5 } };',
        '',
      ].join('\n'),
    });
    const out = run(join(cli, 'node_modules/.bin/pathwise'), ['compare', 'problem.ts', '--json', '--samples', '20000', '--estimators', 'pathwise'], cli);
    const row = (JSON.parse(out) as { rows: { estimator: string; components: { name: string; mean: number; stderr: number }[] }[] }).rows[0]!;
    expect(row.estimator).toBe('pathwise');
    const phi = row.components[0]!;
    expect(Math.abs(phi.mean - TRUE_GRAD), `${phi.mean} ± ${phi.stderr}`).toBeLessThanOrEqual(5 * phi.stderr);
  });
});

describe('the repository', () => {
  it('keeps one version: the library, the command line, the workspace root and VERSION', async () => {
    const { VERSION } = await import('../../src/version.js');
    for (const f of ['package.json', 'packages/pathwise/package.json', 'packages/pathwise-cli/package.json']) {
      expect((JSON.parse(readFileSync(join(ROOT, f), 'utf8')) as { version: string }).version, f).toBe(VERSION);
    }
    const cliManifest = JSON.parse(readFileSync(join(ROOT, 'packages/pathwise-cli/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(cliManifest.dependencies.pathwise).toBe(VERSION);   // it imports the library's internals: exactly this version
  });
});
