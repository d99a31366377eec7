/**
 * Builds dist/ — what the npm package ships — from src/:
 *
 *   dist/**\/*.js     ESM, one file per source file (so the CLI, the browser and bundlers see the same module
 *                    graph as src/, and `new URL('…', import.meta.url)` keeps pointing at the package's data/);
 *   dist/**\/*.cjs    CommonJS for the files the library entries reach (".", "./testing", "./ml-node"), same
 *                    layout, `import.meta.url` rewritten to the file's own URL;
 *   dist/**\/*.d.ts   declarations from tsc, and .d.cts copies whose relative imports name the .cjs files, so
 *                    TypeScript sees CommonJS types under `require` and ESM types under `import`;
 *   dist/vendor/      the @stdlib functions src/ uses, bundled once (ESM and CJS) so that installing pathwise
 *                    does not install @stdlib (226 packages); their licences go to THIRD_PARTY_NOTICES.
 *
 * Everything is written to dist.partial/ and renamed to dist/ at the end: a failed build leaves the previous
 * dist/ untouched, and nothing ever reads a half-written one.
 *
 * Which files get a CommonJS twin follows the package's own exports map: every `require` condition
 * ./dist/X.cjs names src/X.ts as an entry. A package without `require` conditions is built as ESM only.
 *
 * Run: npm run build   (also run by `prepare`, i.e. by `npm install` / `npm ci` / `npm pack` in this checkout).
 * The package built is the one in the current directory (as npm runs scripts), or the directory given.
 */
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { thirdPartyNotices } from './build-notices.js';

const ROOT = resolve(process.argv[2] ?? process.cwd());
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist');
const STAGE = join(ROOT, 'dist.partial');
const VENDOR = join(STAGE, 'vendor');
const TARGET = 'es2022';
const require = createRequire(import.meta.url);

type Conditions = string | { [condition: string]: Conditions };

/** The sources of the package entries that load through require(): src/X.ts for each ./dist/X.cjs. */
function requireEntries(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports?: Record<string, Conditions> };
  const targets: string[] = [];
  const walk = (c: Conditions, underRequire: boolean): void => {
    if (typeof c === 'string') {
      if (underRequire && c.endsWith('.cjs')) targets.push(c);
      return;
    }
    for (const [condition, value] of Object.entries(c)) walk(value, underRequire || condition === 'require');
  };
  for (const value of Object.values(pkg.exports ?? {})) walk(value, false);
  return targets.map((t) => {
    const m = /^\.\/dist\/(.+)\.cjs$/.exec(t);
    const source = m === null ? '' : join(SRC, `${m[1]!}.ts`);
    if (!existsSync(source)) throw new Error(`package.json exports ${t}, which has no source file src/…ts`);
    return source;
  });
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(SRC, f))
    .sort();
}

/** The output file of a source file, e.g. src/ad/ops/special.ts → dist.partial/ad/ops/special.cjs. */
function outputOf(source: string, ext: '.js' | '.cjs'): string {
  return join(STAGE, relative(SRC, source)).replace(/\.ts$/, ext);
}

function posixRelative(fromDir: string, to: string): string {
  const r = relative(fromDir, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

/** A valid identifier for an @stdlib package, e.g. @stdlib/math-base-special-erf → math_base_special_erf. */
function vendorName(pkg: string): string {
  return pkg.replace(/^@stdlib\//, '').replace(/[^A-Za-z0-9]/g, '_');
}

/**
 * esbuild bundles, but here every import stays an import: relative ones keep their path (with .cjs for the
 * CommonJS build), @stdlib ones are pointed at dist/vendor/, everything else (node:, vega, commander, …) is
 * left to the package's dependencies. So each source file becomes exactly one output file.
 */
function onePerFile(ext: '.js' | '.cjs', stdlib: Set<string>): Plugin {
  return {
    name: 'one-output-per-source-file',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const spec = args.path;
        if (spec.startsWith('.')) {
          if (!spec.endsWith('.js')) return { errors: [{ text: `relative import without .js: '${spec}' in ${args.importer}` }] };
          return { path: ext === '.js' ? spec : spec.replace(/\.js$/, '.cjs'), external: true };
        }
        if (spec.startsWith('@stdlib/')) {
          stdlib.add(spec);
          const stub = join(VENDOR, `${vendorName(spec)}${ext}`);
          return { path: posixRelative(dirname(outputOf(args.importer, ext)), stub), external: true };
        }
        return { path: spec, external: true };
      });
      if (ext === '.cjs') {
        // CommonJS has no import.meta: the file's own URL comes from __filename instead.
        b.onLoad({ filter: /\.ts$/ }, (args) => {
          const text = readFileSync(args.path, 'utf8');
          if (!text.includes('import.meta')) return undefined;
          const rewritten = text.replaceAll('import.meta.url', '__pathwiseFileUrl');
          if (rewritten.includes('import.meta')) return { errors: [{ text: `import.meta other than import.meta.url in ${args.path}` }] };
          const prelude = "import { pathToFileURL as __pathwiseToUrl } from 'node:url';\nconst __pathwiseFileUrl = __pathwiseToUrl(__filename).href;\n";
          return { contents: prelude + rewritten, loader: 'ts' };
        });
      }
    },
  };
}

/** The source files the require() entries reach at run time (type-only imports excluded). */
async function commonJsFiles(entries: readonly string[]): Promise<string[]> {
  const r = await build({
    entryPoints: [...entries],
    bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', outdir: join(STAGE, 'unused'),
    external: ['@stdlib/*'], logLevel: 'silent',
  });
  return Object.keys(r.metafile.inputs).map((f) => resolve(ROOT, f)).filter((f) => f.startsWith(SRC + sep)).sort();
}

function runTsc(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', STAGE], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tsc (declarations) failed with exit code ${r.status}`);
}

/** .d.cts beside every .d.ts, its relative specifiers ('./x.js', also in `declare module`) naming .cjs. */
function writeCjsDeclarations(): void {
  for (const f of readdirSync(STAGE, { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.d.ts')) continue;
    const text = readFileSync(join(STAGE, f), 'utf8');
    if (text.includes('@stdlib/')) throw new Error(`${f}: declarations mention @stdlib, which the package does not install`);
    writeFileSync(join(STAGE, f.replace(/\.d\.ts$/, '.d.cts')), text.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.js\1/g, '$1$2.cjs$1'));
  }
}

/** dist/vendor/stdlib.{js,cjs}: every @stdlib function src/ uses; one tiny default-export stub per package. */
async function buildVendor(stdlib: Set<string>): Promise<string[]> {
  mkdirSync(VENDOR, { recursive: true });
  const pkgs = [...stdlib].sort();
  const entry = pkgs.map((p) => `export { default as ${vendorName(p)} } from '${p}';`).join('\n');
  const inputs = new Set<string>();
  for (const [format, ext] of [['esm', '.js'], ['cjs', '.cjs']] as const) {
    const r = await build({
      stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'vendor-stdlib.js' },
      bundle: true, format, platform: 'neutral', target: TARGET, mainFields: ['main'], metafile: true,
      outfile: join(VENDOR, `stdlib${ext}`), legalComments: 'none', logLevel: 'warning',
      banner: { js: '/* Bundled from @stdlib (Apache-2.0, https://github.com/stdlib-js/stdlib); see THIRD_PARTY_NOTICES. */' },
    });
    for (const f of Object.keys(r.metafile.inputs)) inputs.add(f);
  }
  for (const p of pkgs) {
    const name = vendorName(p);
    writeFileSync(join(VENDOR, `${name}.js`), `export { ${name} as default } from './stdlib.js';\n`);
    writeFileSync(join(VENDOR, `${name}.cjs`), `'use strict';\nmodule.exports = require('./stdlib.cjs').${name};\n`);
  }
  const notNpm = [...inputs].filter((f) => f !== 'vendor-stdlib.js' && !f.startsWith('node_modules/@stdlib/'));
  if (notNpm.length > 0) throw new Error(`the @stdlib bundle pulled in files outside @stdlib: ${notNpm.join(', ')}`);
  return [...inputs].filter((f) => f !== 'vendor-stdlib.js');
}

/** THIRD_PARTY_NOTICES beside package.json, rewritten (whole) only when its text changes. */
function writeNotices(notices: string): void {
  const path = join(ROOT, 'THIRD_PARTY_NOTICES');
  if (existsSync(path) && readFileSync(path, 'utf8') === notices) return;
  writeFileSync(`${path}.partial`, notices);
  renameSync(`${path}.partial`, path);
  console.log('build: THIRD_PARTY_NOTICES updated (commit it)');
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'package.json')) || !existsSync(SRC)) throw new Error(`${ROOT} is not a package with a src/ folder`);
  rmSync(STAGE, { recursive: true, force: true });
  mkdirSync(STAGE, { recursive: true });
  runTsc();
  const stdlib = new Set<string>();
  const common = { bundle: true, outdir: STAGE, outbase: SRC, target: TARGET, logLevel: 'warning' as const };
  await build({ ...common, entryPoints: sourceFiles(), format: 'esm', platform: 'neutral', plugins: [onePerFile('.js', stdlib)] });
  const entries = requireEntries();
  if (entries.length > 0) {
    await build({
      ...common, entryPoints: await commonJsFiles(entries), format: 'cjs', platform: 'node', outExtension: { '.js': '.cjs' },
      plugins: [onePerFile('.cjs', stdlib)],
    });
    writeCjsDeclarations();
  }
  if (stdlib.size > 0) writeNotices(thirdPartyNotices(ROOT, await buildVendor(stdlib)));
  // Two renames, so that a test or CLI reading dist/ meanwhile never finds it missing for more than an instant.
  const old = `${OUT}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(STAGE, OUT);
  rmSync(old, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(`build: ${e instanceof Error ? e.message : String(e)}`);
  rmSync(STAGE, { recursive: true, force: true });
  process.exit(1);
});
