/**
 * The npm package as a user receives it. `npm pack` (whose `prepare` builds dist/ with scripts/build.ts) makes
 * the tarball; it is installed once, from the tarball and the npm cache, into a fresh project made the way
 * `npm init -y` makes one ("type": "commonjs"); each kind of user project below is a folder inside it (Node,
 * TypeScript and esbuild find the installed package by walking up, as in a monorepo), so one install serves
 * all of them. Each runs the README's first example and must print a gradient within 5·stderr of the closed
 * form 2φ + e^φ — and, the seed being the same, the very same bits in every module format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleSource, printedEstimate, ROOT, run, TRUE_GRAD, tsc, tsconfig, writeProject } from './projects.js';

let work = '';
let host = '';
const printed = new Map<string, string>();

function expectClosedForm(name: string, stdout: string): void {
  const est = printedEstimate(stdout);
  expect(est.n).toBe(100_000);
  expect(Math.abs(est.mean - TRUE_GRAD), `${name}: ${est.mean} ± ${est.stderr} vs ${TRUE_GRAD}`).toBeLessThanOrEqual(5 * est.stderr);
  printed.set(name, stdout.trim().split('\n').pop()!);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pathwise-package-'));
  run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack left no tarball in ${work}`);
  host = join(work, 'project');
  writeProject(host, {
    'package.json': { name: 'user-project', version: '1.0.0', main: 'index.js', license: 'ISC', type: 'commonjs' },
  });
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], host);
}, 600_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships the licences and the bundled @stdlib code, and installs no @stdlib package', () => {
    const pkg = join(host, 'node_modules/pathwise');
    expect(readFileSync(join(pkg, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the pathwise authors\n/);
    expect(readFileSync(join(pkg, 'THIRD_PARTY_NOTICES'), 'utf8')).toMatch(/@stdlib\/math-base-special-erfc@[\d.]+ \(Apache-2\.0\)/);
    expect(existsSync(join(pkg, 'dist/vendor/stdlib.cjs'))).toBe(true);
    expect(existsSync(join(host, 'node_modules/@stdlib'))).toBe(false);
  });

  it('runs the README example from CommonJS (an `npm init -y` project, require)', () => {
    writeProject(host, { 'index.js': exampleSource('cjs') });
    expectClosedForm('cjs', run(process.execPath, ['index.js'], host));
  });

  it('runs the README example from ESM ("type": "module", import)', () => {
    const dir = join(host, 'esm');
    writeProject(dir, { 'package.json': { type: 'module' }, 'index.js': exampleSource('esm') });
    expectClosedForm('esm', run(process.execPath, ['index.js'], dir));
  });

  for (const type of ['module', 'commonjs'] as const) {
    it(`type-checks, compiles and runs the README example as TypeScript (module nodenext, "type": "${type}")`, () => {
      const dir = join(host, `ts-${type}`);
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
    const dir = join(host, 'bundler');
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

  it('`pathwise compare` loads a TypeScript problem from a CommonJS project', () => {
    writeProject(host, {
      'problem.ts': [
        "import * as pw from 'pathwise';",
        'const objective = pw.expectation<{ phi: number }>((p, s) => pw.square(s.sample(\'z\', pw.Normal(p.phi, pw.exp(p.phi.div(2))))));',
        'export default { objective, params: { phi: 0.5 } };',
        '',
      ].join('\n'),
    });
    const out = run(join(host, 'node_modules/.bin/pathwise'), ['compare', 'problem.ts', '--json', '--samples', '20000', '--estimators', 'pathwise'], host);
    const row = (JSON.parse(out) as { rows: { estimator: string; components: { name: string; mean: number; stderr: number }[] }[] }).rows[0]!;
    expect(row.estimator).toBe('pathwise');
    const phi = row.components[0]!;
    expect(Math.abs(phi.mean - TRUE_GRAD), `${phi.mean} ± ${phi.stderr}`).toBeLessThanOrEqual(5 * phi.stderr);
  });
});
