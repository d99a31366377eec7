/**
 * Loads a user's module (TypeScript or JavaScript) for `pathwise compare`: TypeScript through tsx's
 * loader, JavaScript by a plain dynamic import. Missing files and missing default exports are usage
 * errors with one readable line.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './common.js';

export async function loadDefaultExport(file: string): Promise<unknown> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`file not found: ${file}`);
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
    throw new UsageError(`cannot load ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  // tsx may wrap a CommonJS-style module's default once more.
  let value = mod.default;
  if (value !== null && typeof value === 'object' && 'default' in value && !('objective' in value)) value = (value as { default: unknown }).default;
  if (value === undefined) throw new UsageError(`${file} has no default export; export default { objective, params }`);
  return value;
}
