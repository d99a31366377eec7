/**
 * Every `@example` in the public source files runs, and its documented results are checked (doc-examples.ts),
 * so the API reference cannot show code that no longer works. A new public file's examples join automatically.
 */
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { check, examplesOf, instrument, publicSourceFiles, ROOT, same, throws } from './doc-examples.js';
import * as pw from '../../src/index.js';
import * as advanced from '../../src/advanced.js';
import * as testing from '../../src/testing/index.js';
import * as mlNode from '../../src/ml/node.js';
import * as parallel from '../../src/parallel/index.js';

/** The package's entry points, as src files: what `import … from 'pathwise…'` reaches. */
const ENTRIES = ['index.ts', 'advanced.ts', 'testing/index.ts', 'ml/node.ts', 'parallel/index.ts'];

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

/** The names an example in `file` may use: entry points, then its folder's namespace, then its own file's exports. */
async function scopeOf(file: string): Promise<Record<string, unknown>> {
  const scope: Record<string, unknown> = { pw, ...pw, ...advanced, ...testing, ...mlNode, ...parallel };
  const folder = file.split('/')[0];
  if (folder === 'finance') Object.assign(scope, pw.finance);
  if (folder === 'sde') Object.assign(scope, pw.sde, { models: pw.sde.models });
  if (folder === 'ml') Object.assign(scope, pw.ml, mlNode);
  Object.assign(scope, await import(pathToFileURL(join(ROOT, 'src', file)).href) as Record<string, unknown>);
  delete scope.default;
  return scope;
}

const files = publicSourceFiles(ENTRIES);
const examples = files.flatMap(examplesOf);

describe('TSDoc @example blocks', () => {
  it('are found in the public source files', () => {
    expect(files).toContain('ad/transforms.ts');
    expect(examples.length).toBeGreaterThan(200);
  });

  for (const ex of examples) {
    it(`${ex.file}:${ex.line}`, async () => {
      const { js } = instrument(ex);
      const scope = await scopeOf(ex.file);
      const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const run = new AsyncFunction('__check', '__throws', '__same', ...names, js);
      await run(check, throws, same, ...names.map((n) => scope[n]));
    });
  }
});
