/**
 * Every public export carries a TSDoc `@example` (which examples.test.ts then runs): functions, classes and
 * constants of every entry point, namespaces (finance, sde, ml, sde.models) included. The few exceptions are
 * listed with their reason; a new export without an example fails here.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from './doc-examples.js';

const ENTRIES = ['index.ts', 'advanced.ts', 'testing/index.ts', 'ml/node.ts', 'parallel/index.ts'];

/** Exports of pathwise/parallel that are the cluster's plumbing (used by `pathwise worker` and its tests). */
const WITHOUT_EXAMPLE = new Set([
  'parallel/index: DEFAULT_CLUSTER_TIMEOUT_MS', 'parallel/index: DEFAULT_KEEP_SECONDS', 'parallel/index: DEFAULT_LOCK_MS',
  'parallel/index: MIN_PARALLEL_WORK_MS', 'parallel/index: InterruptedError', 'parallel/index: ParallelError',
  'parallel/index: runWorker', 'parallel/index: runHash', 'parallel/index: portableSpec',
]);

let cached: { name: string; hasExample: boolean }[] | undefined;

/** Every exported function, class and constant, by entry point (one TypeScript program, built once). */
function publicValues(): { name: string; hasExample: boolean }[] {
  if (cached !== undefined) return cached;
  const files = ENTRIES.map((e) => join(ROOT, 'src', e));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true,
  });
  const checker = program.getTypeChecker();
  const out: { name: string; hasExample: boolean }[] = [];
  const hasExample = (node: ts.Node): boolean => ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
  const visit = (module: ts.Symbol, prefix: string): void => {
    for (const exported of checker.getExportsOfModule(module)) {
      const s = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = s.declarations ?? [];
      if (decls.some((d) => ts.isSourceFile(d) || ts.isModuleDeclaration(d))) { visit(s, `${prefix}${exported.name}.`); continue; }
      if ((s.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) === 0) continue;   // types
      out.push({
        name: `${prefix}${exported.name}`,
        hasExample: decls.some((d) => hasExample(d) || (ts.isVariableDeclaration(d) && hasExample(d.parent.parent))),
      });
    }
  };
  for (const [i, f] of files.entries()) visit(checker.getSymbolAtLocation(program.getSourceFile(f)!)!, `${ENTRIES[i]!.replace(/\.ts$/, '')}: `);
  cached = out;
  return out;
}

describe('the API reference', () => {
  it('has a TSDoc example for every public function, class and constant', () => {
    const values = publicValues();
    expect(values.length).toBeGreaterThan(300);
    const missing = values.filter((v) => !v.hasExample && !WITHOUT_EXAMPLE.has(v.name)).map((v) => v.name);
    expect(missing).toEqual([]);
    const stale = [...WITHOUT_EXAMPLE].filter((n) => !values.some((v) => v.name === n && !v.hasExample));
    expect(stale, 'exceptions that now have an example (or are gone): remove them from the list').toEqual([]);
  });

  it('keeps the internals out of the top-level export (they are in pathwise/advanced)', () => {
    const names = new Set(publicValues().filter((v) => v.name.startsWith('index: ')).map((v) => v.name.slice('index: '.length)));
    for (const internal of [
      'philoxBlock', 'philoxRoundKeys', 'philox4x32', 'setPhiloxWasmEnabled', 'setMatmulWasmEnabled', 'primitives',
      'wordsToUniform', 'gammaVariate', 'logGammaVariate', 'betaFromLogGammas', 'BETA_MAX', 'poissonVariate', 'binomialVariate',
      'finance.europeanPathwiseKernel', 'finance.europeanPathwiseDeltaVega', 'finance.BGK_BETA',
      'sde.schemes', 'sde.schemeFor', 'sde.eulerMaruyama', 'sde.milstein', 'sde.sra1',
    ]) expect(names.has(internal), internal).toBe(false);
    const advanced = new Set(publicValues().filter((v) => v.name.startsWith('advanced: ')).map((v) => v.name.slice('advanced: '.length)));
    for (const a of ['philoxBlock', 'setPhiloxWasmEnabled', 'europeanPathwiseKernel', 'BGK_BETA', 'sdeSchemes']) expect(advanced.has(a), a).toBe(true);
  });
});
