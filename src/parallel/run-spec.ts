/**
 * Portable run specifications: where a worker finds a run's module, which modules a cluster worker may
 * import, and the hash that names a run.
 *
 * Modules inside pathwise itself travel as `pathwise:<path without extension>` (e.g.
 * `pathwise:montecarlo/builtin`), so a worker resolves them in its own installation, from source (.ts) or
 * from dist (.js) alike, and the run hash does not depend on where pathwise is installed. Any other module is
 * a file URL that must name the same file on every machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunSpecJSON } from '../montecarlo/block.js';
import { show } from '../errors.js';
import { VERSION } from '../version.js';
import { ParallelError } from './errors.js';

/** The folder holding pathwise's own modules (src/ from source, dist/ when built), as a file URL. */
export const CODE_ROOT = new URL('../', import.meta.url).href;
/** Extension of pathwise's own modules in this installation. */
export const CODE_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const PREFIX = 'pathwise:';

/** True when a module URL is TypeScript (a worker thread then needs tsx's loader). */
export function isTypeScript(url: string): boolean {
  return /\.[cm]?ts$/.test(url);
}

/** The portable form of a spec: pathwise's own modules as `pathwise:…`, others unchanged. */
export function portableSpec(spec: RunSpecJSON): RunSpecJSON {
  if (!spec.module.startsWith(CODE_ROOT)) return spec;
  const rel = spec.module.slice(CODE_ROOT.length).replace(/\.[cm]?[jt]s$/, '');
  return { ...spec, module: PREFIX + rel };
}

/** The file URL a spec's module resolves to in this installation (pathwise modules with this install's extension). */
export function moduleFileURL(module: string): string {
  if (module.startsWith(PREFIX)) {
    const rel = module.slice(PREFIX.length);
    if (rel.length === 0 || rel.split('/').some((p) => p === '..' || p === '')) {
      throw new ParallelError(`run spec: built-in module must be a path inside pathwise, got ${show(module)}`);
    }
    return new URL(rel + CODE_EXT, CODE_ROOT).href;
  }
  if (!module.startsWith('file:')) throw new ParallelError(`run spec: module must be a file URL, got ${show(module)}`);
  // A pathwise module named with the other extension (a .js URL while running from source) is found too.
  if (module.startsWith(CODE_ROOT)) return moduleFileURL(portableSpec({ module, export: '', args: null }).module);
  return module;
}

/** JSON with object keys sorted, so equal specifications give equal text (and equal hashes). */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
}

/**
 * The run's name: sha256 (hex) of its portable specification and the pathwise version. Same run, same
 * name, on any machine; a new pathwise version never shares names with an old one.
 */
export function runHash(spec: RunSpecJSON, blocks: number): string {
  const p = portableSpec(spec);
  return createHash('sha256').update(canonicalJSON({ pathwise: VERSION, blocks, module: p.module, export: p.export, args: p.args })).digest('hex');
}

/**
 * Checks that a cluster worker may import a spec's module: pathwise's own modules always, any other only
 * when its real path (symbolic links and `..` resolved) lies under one of `dirs`. Returns the file URL to
 * import. No code ever comes from the job: it names a file the worker already has.
 */
export function allowedModuleURL(module: string, dirs: readonly string[]): string {
  const url = moduleFileURL(module);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new ParallelError(`worker: module not found on this machine: ${path}`);
  if (module.startsWith(PREFIX)) return url;
  const real = realpathSync(path);
  for (const dir of dirs) {
    const rel = relative(realpathSync(dir), real);
    if (rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return pathToFileURL(real).href;
  }
  throw new ParallelError(`worker: module ${path} is not under the worker's --modules directories (${dirs.length === 0 ? 'none given' : dirs.join(', ')})`);
}

/** Checks and resolves a worker's --modules directories (real paths). */
export function moduleDirs(dirs: readonly string[]): string[] {
  return dirs.map((d) => {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new ParallelError(`worker: --modules ${d} is not a directory`);
    return realpathSync(d);
  });
}
