/**
 * Loads a user's module (TypeScript or JavaScript) for `pathwise compare`: TypeScript through tsx's
 * loader, JavaScript by a plain dynamic import. Loading runs the module's code. A missing file, a syntax
 * error, a missing import or a missing default export is an input error (exit 2); an exception thrown by
 * the module's own code while it loads is a run-time failure (exit 1). Each is one line.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, UsageError } from './common.js';

/** One line describing a thrown value, whatever was thrown (an Error, a string, an object). */
export function thrownText(e: unknown): string {
  if (e instanceof Error) {
    const first = e.message.split('\n').find((l) => l.trim() !== '') ?? '';
    return first === '' ? e.name : `${e.name === 'Error' ? '' : `${e.name}: `}${first.trim()}`;
  }
  if (typeof e === 'string') return e.split('\n')[0]!;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** esbuild's "Transform failed with 1 error:\n<file>:<line>:<col>: ERROR: <text>" as one line. */
function syntaxErrorText(e: Error): string | null {
  if (e.name !== 'TransformError' && !(e instanceof SyntaxError)) return null;
  const lines = e.message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const detail = lines.find((l) => /ERROR:/.test(l)) ?? lines.find((l) => !/^Transform failed/.test(l)) ?? lines[0] ?? e.name;
  return detail.replace(/:\s*ERROR:\s*/, ': ');
}

export async function loadDefaultExport(file: string): Promise<unknown> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`file not found: ${file}`, 'input');
  if (!statSync(path).isFile()) throw new UsageError(`not a file: ${file}`, 'input');
  const url = pathToFileURL(path).href;
  let mod: { default?: unknown };
  try {
    if (/\.[cm]?ts$/.test(path)) {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(url, import.meta.url)) as { default?: unknown };
    } else {
      mod = (await import(url)) as { default?: unknown };
    }
  } catch (e) {
    const syntax = e instanceof Error ? syntaxErrorText(e) : null;
    if (syntax !== null) throw new UsageError(`cannot load ${file}: syntax error: ${syntax}`, 'input', { cause: e });
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'MODULE_NOT_FOUND') {
      throw new UsageError(`cannot load ${file}: ${thrownText(e)}`, 'input', { cause: e });
    }
    throw new CliError(`${file} threw while loading: ${thrownText(e)}`, 'runtime', { cause: e });
  }
  // tsx may wrap a CommonJS-style module's default once more.
  let value = mod.default;
  if (value !== null && typeof value === 'object' && 'default' in value && !('objective' in value)) value = (value as { default: unknown }).default;
  if (value === undefined) throw new UsageError(`${file} has no default export; export default { objective, params }`, 'input');
  return value;
}
