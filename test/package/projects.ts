/**
 * Fresh user projects for the package test: the README's first example, rewritten only as each kind of
 * project needs (require instead of import for CommonJS, no type arguments in plain JavaScript), plus the
 * package.json and tsconfig.json such a project has.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The README example's parameter and its closed-form gradient 2φ + e^φ. */
export const PHI = 0.5;
export const TRUE_GRAD = 2 * PHI + Math.exp(PHI);

/** The first ```ts block under "## A first example" in README.md, verbatim. */
export function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /^## A first example\n[\s\S]*?^```ts\n([\s\S]*?)^```/m.exec(readme);
  if (m === null) throw new Error('README.md: no ```ts block under "## A first example"');
  const code = m[1]!;
  if (!code.includes("import * as pw from 'pathwise';") || !code.includes('const r = objective.grad(')) {
    throw new Error('README.md: the first example no longer imports pw from pathwise or no longer defines r = objective.grad(…); update test/package');
  }
  return code;
}

/** The example as a file of the given kind; it prints r.grad.phi as one JSON line. */
export function exampleSource(kind: 'esm' | 'cjs' | 'ts'): string {
  let code = readmeExample();
  if (kind !== 'ts') code = code.replace(/\.expectation<[^>]*>\(/g, '.expectation(');
  if (kind === 'cjs') code = code.replace("import * as pw from 'pathwise';", "const pw = require('pathwise');");
  if (kind === 'ts') {
    // If pathwise's declarations did not resolve, r would be `any` and this expected error would not occur.
    code += '// @ts-expect-error an estimate is an object, not a string\nconst notAString: string = r.grad.phi;\nvoid notAString;\n';
  }
  return `${code}console.log(JSON.stringify(r.grad.phi));\n`;
}

/** Writes files (path → content; objects are written as JSON) under dir. */
export function writeProject(dir: string, files: Record<string, string | object>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/**
 * Compiler options of a user's TypeScript project. With emit, lib checks are on, so pathwise's declarations
 * (.d.ts under "type": "module", .d.cts under "commonjs") are themselves type-checked.
 */
export function tsconfig(moduleOptions: { module: string; moduleResolution: string }, emit: boolean): object {
  return {
    compilerOptions: {
      target: 'es2022', ...moduleOptions, strict: true, skipLibCheck: !emit, types: [],
      ...(emit ? { outDir: 'out' } : { noEmit: true }),
    },
    include: ['*.ts'],
  };
}

/** Runs a command; on failure throws with its output, so the test report says what went wrong. */
export function run(command: string, args: readonly string[], cwd: string, options: SpawnSyncOptions = {}): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, ...options });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${r.status ?? r.signal}:\n${String(r.stdout)}\n${String(r.stderr)}`);
  }
  return String(r.stdout);
}

/** The repository's tsc, type-checking (and, if the project emits, compiling) a project. */
export function tsc(project: string): void {
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], project);
}

/** Bytes of the files under dir (symbolic links counted as links, not followed): what an install adds. */
export function treeBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    total += e.isDirectory() ? treeBytes(path) : lstatSync(path).size;
  }
  return total;
}

/** The last line of a program's output, parsed as the gradient estimate it prints. */
export function printedEstimate(stdout: string): { mean: number; stderr: number; n: number } {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as { mean: number; stderr: number; n: number };
}
