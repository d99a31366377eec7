/**
 * Every `@example` in the public source files runs, and its documented results are checked (doc-examples.ts),
 * so the API reference cannot show code that no longer works. A new public file's examples join automatically.
 */
import { afterAll, describe, expect, it } from 'vitest';
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

/**
 * Examples that cannot run here, and why. Keyed by file and a piece of the example's code, so that the list
 * survives edits elsewhere in the file; an entry that matches no example fails the test (it must not go stale).
 */
const NOT_RUN: readonly { file: string; code: string; why: string }[] = [
  { file: 'ml/data/idx-node.ts', code: "loadIdx('t10k-labels", why: 'reads the MNIST files, which are not shipped' },
  { file: 'ml/data/idx-node.ts', code: 'loadMnist(', why: 'reads the MNIST files, which are not shipped' },
  { file: 'parallel/cluster.ts', code: 'clusterExecutor({', why: 'needs a Redis server (test/parallel starts one)' },
  { file: 'parallel/interrupt.ts', code: 'withInterrupt(', why: 'waits for Ctrl-C (test/parallel sends SIGINT to a child)' },
  { file: 'parallel/local.ts', code: 'myBlock(index)', why: 'a block runner returns internal BlockResults (test/parallel checks the executors)' },
  { file: 'parallel/thread-pool.ts', code: 'threadPoolExecutor({ workers: 2 })', why: 'needs a block-runner module on disk (test/parallel has one)' },
];

/**
 * The names an example in `file` may use: the entry points, its folder's namespace, the exports of the files
 * beside it (an internal helper's example may use its neighbours), then its own file's exports.
 */
async function scopeOf(file: string): Promise<Record<string, unknown>> {
  const scope: Record<string, unknown> = { pw, ...pw, ...advanced, ...testing, ...mlNode, ...parallel };
  const folder = file.split('/')[0];
  if (folder === 'finance') Object.assign(scope, pw.finance);
  if (folder === 'sde') Object.assign(scope, pw.sde, { models: pw.sde.models });
  if (folder === 'ml') Object.assign(scope, pw.ml, mlNode);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const sibling of files.filter((f) => f !== file && f.startsWith(dir) && !f.slice(dir.length).includes('/'))) {
    Object.assign(scope, await import(pathToFileURL(join(ROOT, 'src', sibling)).href) as Record<string, unknown>);
  }
  Object.assign(scope, await import(pathToFileURL(join(ROOT, 'src', file)).href) as Record<string, unknown>);
  delete scope.default;
  return scope;
}

const files = publicSourceFiles(ENTRIES);
const examples = files.flatMap(examplesOf);

describe('TSDoc @example blocks', () => {
  afterAll(() => parallel.closeThreadPools());   // the greeksAsync / sensitivityAsync examples start worker threads

  it('are found in the public source files', () => {
    expect(files).toContain('ad/transforms.ts');
    expect(examples.length).toBeGreaterThan(200);
  });

  it('most examples state results that are checked, not just run', () => {
    const checks = examples.reduce((n, ex) => n + instrument(ex).checks, 0);
    expect(checks).toBeGreaterThan(150);
  });

  it('skip only examples that exist, each with its reason', () => {
    for (const n of NOT_RUN) expect(examples.some((e) => e.file === n.file && e.code.includes(n.code)), `${n.file}: ${n.code}`).toBe(true);
  });

  for (const ex of examples) {
    const skip = NOT_RUN.find((n) => n.file === ex.file && ex.code.includes(n.code));
    if (skip !== undefined) {
      // Not run (it needs what a test machine lacks), but still compiled: a syntax error fails.
      it(`${ex.file}:${ex.line} compiles (not run: ${skip.why})`, () => {
        expect(instrument(ex).js.length).toBeGreaterThan(0);
      });
      continue;
    }
    it(`${ex.file}:${ex.line}`, async () => {
      const { js } = instrument(ex);
      const scope = await scopeOf(ex.file);
      const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const run = new AsyncFunction('__check', '__throws', '__same', ...names, js);
      await run(check, throws, same, ...names.map((n) => scope[n]));
    });
  }
});
