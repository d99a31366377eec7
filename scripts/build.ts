/**
 * Builds the two npm packages of this repository from the one src/ tree:
 *
 *   packages/pathwise       the library: every file of src/ except the command line's (src/cli/, and the
 *                           src/report/ files that only the command line reaches);
 *   packages/pathwise-cli   the `pathwise` command: those files, importing the library's files from the
 *                           installed `pathwise` package (`pathwise/internal/…`), so that a program loaded by
 *                           `pathwise compare FILE` and the command share one copy of the library.
 *
 * In each package's dist/:
 *   **\/*.js     ESM, one file per source file (so the CLI, the browser and bundlers see the same module graph
 *               as src/, and `new URL('…', import.meta.url)` keeps pointing at the package's data/);
 *   **\/*.cjs    (library) CommonJS for the files the library's `require` entries reach, same layout,
 *               `import.meta.url` rewritten to the file's own URL;
 *   **\/*.d.ts   (library) declarations from tsc, and .d.cts copies whose relative imports name the .cjs
 *               files, so TypeScript sees CommonJS types under `require` and ESM types under `import`;
 *   vendor/     (library) the @stdlib functions src/ uses, bundled once (ESM and CJS) so that installing
 *               pathwise does not install @stdlib (226 packages); their licences go to THIRD_PARTY_NOTICES.
 * Beside dist/: LICENSE and README.md copied from the repository root, and (library) data/.
 *
 * Every import is checked against the package it ends up in: a library file may not import a command-line
 * file, and a bare import must name a dependency (or optional peer) of its package or a node: built-in.
 *
 * Everything is written to dist.partial/ and renamed to dist/ at the end: a failed build leaves the previous
 * dist/ untouched, and nothing ever reads a half-written one.
 *
 * Which files get a CommonJS twin follows the library's exports map: every `require` condition ./dist/X.cjs
 * names src/X.ts as an entry.
 *
 * Run: npm run build   (also run by `prepare`, i.e. by `npm install` / `npm ci` in this checkout, and by
 * each package's `prepack`, i.e. by `npm pack` / `npm publish`).
 */
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thirdPartyNotices } from './build-notices.js';

const REPO = fileURLToPath(new URL('..', import.meta.url)).replace(/[/\\]$/, '');
const SRC = join(REPO, 'src');
const TARGET = 'es2022';
const require = createRequire(import.meta.url);

type Conditions = string | { [condition: string]: Conditions };
interface Manifest {
  name: string;
  version: string;
  exports?: Record<string, Conditions>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** A package of the repository and the folder its dist/ is staged in. */
interface Package {
  dir: string;
  manifest: Manifest;
  stage: string;
}

function pkg(dir: string): Package {
  const path = join(REPO, dir);
  const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as Manifest;
  return { dir: path, manifest, stage: join(path, 'dist.partial') };
}

const LIB = pkg('packages/pathwise');
const CLI = pkg('packages/pathwise-cli');
const VENDOR = join(LIB.stage, 'vendor');
/** The subpath of the library under which the command line imports its files (ESM only, not API). */
const INTERNAL = `${LIB.manifest.name}/internal/`;

/** The sources of the library's entries (src/X.ts for each ./dist/X.js or .cjs), all or under `require` only. */
function entries(requireOnly: boolean): string[] {
  const targets = new Set<string>();
  const walk = (c: Conditions, underRequire: boolean): void => {
    if (typeof c === 'string') {
      if ((underRequire || !requireOnly) && /^\.\/dist\/[^*]+\.c?js$/.test(c)) targets.add(c);
      return;
    }
    for (const [condition, value] of Object.entries(c)) walk(value, underRequire || condition === 'require');
  };
  for (const value of Object.values(LIB.manifest.exports ?? {})) walk(value, false);
  return [...targets].map((t) => {
    const source = join(SRC, `${/^\.\/dist\/(.+)\.c?js$/.exec(t)![1]!}.ts`);
    if (!existsSync(source)) throw new Error(`packages/pathwise/package.json exports ${t}, which has no source file src/…ts`);
    return source;
  }).filter((s, i, all) => all.indexOf(s) === i).sort();
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(SRC, f))
    .sort();
}

/** The source files some entries reach at run time (static and literal dynamic imports; type-only excluded). */
async function reachedFrom(entryPoints: readonly string[]): Promise<Set<string>> {
  const r = await build({
    entryPoints: [...entryPoints],
    bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', outdir: join(LIB.stage, 'unused'),
    packages: 'external', logLevel: 'silent',
  });
  return new Set(Object.keys(r.metafile.inputs).map((f) => resolve(REPO, f)).filter((f) => f.startsWith(SRC + sep)));
}

/** The output file of a source file in a package's stage, e.g. src/ad/ops/special.ts → …/dist.partial/ad/ops/special.cjs. */
function outputOf(p: Package, source: string, ext: '.js' | '.cjs'): string {
  return join(p.stage, relative(SRC, source)).replace(/\.ts$/, ext);
}

function posixRelative(fromDir: string, to: string): string {
  const r = relative(fromDir, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

/** A valid identifier for an @stdlib package, e.g. @stdlib/math-base-special-erf → math_base_special_erf. */
function vendorName(name: string): string {
  return name.replace(/^@stdlib\//, '').replace(/[^A-Za-z0-9]/g, '_');
}

/** 'vega-lite/build/x' → 'vega-lite', '@scope/a/b' → '@scope/a'. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * esbuild bundles, but here every import stays an import, so each source file becomes exactly one output
 * file: a relative import keeps its path (.cjs for the CommonJS build) inside its package, and becomes
 * `pathwise/internal/…` when a command-line file imports a library file; an @stdlib import (library only) is
 * pointed at dist/vendor/; any other import must be a node: built-in or a dependency of the package.
 */
function onePerFile(p: Package, ext: '.js' | '.cjs', own: ReadonlySet<string>, library: ReadonlySet<string>, stdlib: Set<string>): Plugin {
  const allowed = new Set([...Object.keys(p.manifest.dependencies ?? {}), ...Object.keys(p.manifest.peerDependencies ?? {})]);
  const where = relative(REPO, p.dir);
  return {
    name: 'one-output-per-source-file',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const spec = args.path;
        const from = relative(REPO, args.importer);
        if (spec.startsWith('.')) {
          if (!spec.endsWith('.js')) return { errors: [{ text: `relative import without .js: '${spec}' in ${from}` }] };
          const target = resolve(dirname(args.importer), spec).replace(/\.js$/, '.ts');
          if (own.has(target)) return { path: ext === '.js' ? spec : spec.replace(/\.js$/, '.cjs'), external: true };
          if (p === CLI && library.has(target)) return { path: `${INTERNAL}${relative(SRC, target).split(sep).join('/').replace(/\.ts$/, '.js')}`, external: true };
          return { errors: [{ text: `${from} imports '${spec}', which is not in ${where} (a library file may not import a command-line file)` }] };
        }
        if (spec.startsWith('@stdlib/')) {
          if (p !== LIB) return { errors: [{ text: `${from} imports ${spec}: @stdlib is bundled into the library only` }] };
          stdlib.add(spec);
          const stub = join(VENDOR, `${vendorName(spec)}${ext}`);
          return { path: posixRelative(dirname(outputOf(p, args.importer, ext)), stub), external: true };
        }
        if (spec.startsWith('node:')) return { path: spec, external: true };
        if (isBuiltin(spec)) return { errors: [{ text: `${from} imports the built-in '${spec}' without node:` }] };
        if (!allowed.has(packageName(spec))) return { errors: [{ text: `${from} imports ${spec}, which is not a dependency of ${where}/package.json` }] };
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

/** Declarations of the library's files from tsc (the command line's are dropped: it has no types entry). */
function writeDeclarations(cliFiles: ReadonlySet<string>): void {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', LIB.stage], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tsc (declarations) failed with exit code ${r.status}`);
  for (const f of cliFiles) rmSync(outputOf(LIB, f, '.js').replace(/\.js$/, '.d.ts'));
  for (const f of readdirSync(LIB.stage, { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.d.ts')) continue;
    const text = readFileSync(join(LIB.stage, f), 'utf8');
    if (text.includes('@stdlib/')) throw new Error(`${f}: declarations mention @stdlib, which the package does not install`);
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '');   // TSDoc examples may show imports
    for (const m of code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bdeclare module\s+|^import\s+)(['"])(\.{1,2}\/[^'"\n]*?)\.js\1/gm)) {
      const target = join(LIB.stage, dirname(f), `${m[2]!}.d.ts`);
      if (!existsSync(target)) throw new Error(`${f}: declarations import '${m[2]!}.js', which the library does not ship`);
    }
    // .d.cts beside every .d.ts, its relative specifiers ('./x.js', also in `declare module`) naming .cjs.
    writeFileSync(join(LIB.stage, f.replace(/\.d\.ts$/, '.d.cts')), text.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.js\1/g, '$1$2.cjs$1'));
  }
  removeEmptyFolders(LIB.stage);
}

function removeEmptyFolders(dir: string): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && removeEmptyFolders(join(dir, e.name))) rmSync(join(dir, e.name), { recursive: true });
    else empty = false;
  }
  return empty;
}

/** dist/vendor/stdlib.{js,cjs}: every @stdlib function src/ uses; one tiny default-export stub per package. */
async function buildVendor(stdlib: Set<string>): Promise<string[]> {
  mkdirSync(VENDOR, { recursive: true });
  const pkgs = [...stdlib].sort();
  const entry = pkgs.map((p) => `export { default as ${vendorName(p)} } from '${p}';`).join('\n');
  const inputs = new Set<string>();
  for (const [format, ext] of [['esm', '.js'], ['cjs', '.cjs']] as const) {
    const r = await build({
      stdin: { contents: entry, resolveDir: REPO, sourcefile: 'vendor-stdlib.js' },
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

/** A file written whole (temporary file + rename), and only when its text changes; true if it did. */
function writeIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  writeFileSync(`${path}.partial`, text);
  renameSync(`${path}.partial`, path);
  return true;
}

/** Replaces `to` (a folder) by `from` with two renames, so a reader meanwhile never finds it missing for long. */
function swapIn(from: string, to: string): void {
  const old = `${to}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(to)) renameSync(to, old);
  renameSync(from, to);
  rmSync(old, { recursive: true, force: true });
}

/** True when folder b holds exactly the files of folder a, byte for byte (then a copy would change nothing). */
function sameTree(a: string, b: string): boolean {
  if (!existsSync(b)) return false;
  const list = (d: string): string[] => readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
  const files = list(a);
  if (files.join('\n') !== list(b).join('\n')) return false;
  return files.every((f) => statSync(join(a, f)).isDirectory() || readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

async function main(): Promise<void> {
  for (const p of [LIB, CLI]) {
    if (p.manifest.version !== LIB.manifest.version) throw new Error(`${relative(REPO, p.dir)} is version ${p.manifest.version}, the library ${LIB.manifest.version}`);
    rmSync(p.stage, { recursive: true, force: true });
    mkdirSync(p.stage, { recursive: true });
  }
  const all = sourceFiles();
  const reached = await reachedFrom(entries(false));
  const cliFiles = new Set(all.filter((f) => /^(cli|report)[/\\]/.test(relative(SRC, f)) && !reached.has(f)));
  const libFiles = new Set(all.filter((f) => !cliFiles.has(f)));
  writeDeclarations(cliFiles);
  const stdlib = new Set<string>();
  const common = { bundle: true, outbase: SRC, target: TARGET, logLevel: 'warning' as const };
  await build({ ...common, outdir: LIB.stage, entryPoints: [...libFiles], format: 'esm', platform: 'neutral', plugins: [onePerFile(LIB, '.js', libFiles, libFiles, stdlib)] });
  const cjsFiles = [...(await reachedFrom(entries(true)))].sort();
  await build({
    ...common, outdir: LIB.stage, entryPoints: cjsFiles, format: 'cjs', platform: 'node', outExtension: { '.js': '.cjs' },
    plugins: [onePerFile(LIB, '.cjs', libFiles, libFiles, stdlib)],
  });
  await build({ ...common, outdir: CLI.stage, entryPoints: [...cliFiles], format: 'esm', platform: 'node', plugins: [onePerFile(CLI, '.js', cliFiles, libFiles, stdlib)] });
  if (writeIfChanged(join(LIB.dir, 'THIRD_PARTY_NOTICES'), thirdPartyNotices(REPO, await buildVendor(stdlib)))) {
    console.log('build: packages/pathwise/THIRD_PARTY_NOTICES updated (commit it)');
  }
  for (const p of [LIB, CLI]) {
    for (const f of ['LICENSE', 'README.md']) writeIfChanged(join(p.dir, f), readFileSync(join(REPO, f), 'utf8'));
  }
  if (!sameTree(join(REPO, 'data'), join(LIB.dir, 'data'))) {
    rmSync(join(LIB.dir, 'data.partial'), { recursive: true, force: true });
    cpSync(join(REPO, 'data'), join(LIB.dir, 'data.partial'), { recursive: true });
    swapIn(join(LIB.dir, 'data.partial'), join(LIB.dir, 'data'));
  }
  for (const p of [LIB, CLI]) swapIn(p.stage, join(p.dir, 'dist'));
  console.log(`build: packages/pathwise/dist (${libFiles.size} source files, ${cjsFiles.length} with CommonJS twins), packages/pathwise-cli/dist (${cliFiles.size})`);
}

main().catch((e: unknown) => {
  console.error(`build: ${e instanceof Error ? e.message : String(e)}`);
  for (const p of [LIB, CLI]) rmSync(p.stage, { recursive: true, force: true });
  process.exit(1);
});
