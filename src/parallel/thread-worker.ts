/**
 * The body of a worker thread (loaded by piscina). A task names a run (its id, module URL, export and JSON
 * arguments) and a range of consecutive blocks; the thread rebuilds the run once per run id through the
 * module's BlockRunnerFactory, computes the blocks in order and returns their BlockResults (structured-cloned
 * back).
 */
import type { BlockResult, BlockRunner, BlockRunnerFactory } from '../montecarlo/block.js';
import { blockFailed, importPeer } from './errors.js';

/** Blocks `index … index + count − 1` of one run, as sent to a worker thread. */
export interface ThreadTask {
  readonly runId: string;
  /** File URL to import (already resolved and, in a cluster worker, checked against --modules). */
  readonly moduleURL: string;
  readonly export: string;
  readonly args: unknown;
  /** Number of blocks the submitter expects the rebuilt run to have. */
  readonly blocks: number;
  readonly index: number;
  readonly count: number;
}

// Few runs are live at once (one per driver call); keep the last ones so a thread does not rebuild a run per block.
const MAX_RUNS = 4;
const runners = new Map<string, Promise<BlockRunner>>();

/**
 * Imports a run's module. TypeScript goes through tsx's tsImport: registering tsx with `--import` in a worker
 * thread's execArgv does not reach dynamic imports on Node 20, tsImport does.
 */
async function importModule(url: string): Promise<Record<string, unknown>> {
  if (!/\.[cm]?ts$/.test(url)) return (await import(url)) as Record<string, unknown>;
  const { tsImport } = await importPeer('tsx', `a TypeScript module in a worker thread (${url})`, () => import('tsx/esm/api'));
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}

// tsImport evaluates a module afresh on every call: keep one instance per URL (many runs use one module).
const modules = new Map<string, Promise<Record<string, unknown>>>();
function moduleAt(url: string): Promise<Record<string, unknown>> {
  let m = modules.get(url);
  if (m === undefined) {
    m = importModule(url);
    modules.set(url, m);
    m.catch(() => modules.delete(url));
  }
  return m;
}

async function rebuild(t: ThreadTask): Promise<BlockRunner> {
  const mod = await moduleAt(t.moduleURL);
  const factory = mod[t.export];
  if (typeof factory !== 'function') {
    throw new TypeError(`run spec: ${t.moduleURL} has no function export ${JSON.stringify(t.export)} (got ${typeof factory})`);
  }
  const runner = await (factory as BlockRunnerFactory)(t.args);
  if (runner === null || typeof runner !== 'object' || typeof runner.compute !== 'function') {
    throw new TypeError(`run spec: ${t.export}(args) must return { blocks, compute }`);
  }
  if (runner.blocks !== t.blocks) {
    throw new RangeError(`run spec: ${t.export}(args) rebuilds a run of ${runner.blocks} blocks, the submitter has ${t.blocks}`);
  }
  return runner;
}

function runnerFor(t: ThreadTask): Promise<BlockRunner> {
  let r = runners.get(t.runId);
  if (r === undefined) {
    r = rebuild(t);
    runners.set(t.runId, r);
    // A failed rebuild is not cached: the next task retries (and fails with the same message if it is the program).
    r.catch(() => runners.delete(t.runId));
    if (runners.size > MAX_RUNS) runners.delete(runners.keys().next().value!);
  }
  return r;
}

/** What a task returns: its blocks' results in order, and the milliseconds their computing took. */
export interface ThreadTaskResult {
  readonly results: BlockResult[];
  readonly ms: number;
}

export default async function computeBlocks(t: ThreadTask): Promise<ThreadTaskResult> {
  const runner = await runnerFor(t);
  const started = performance.now();
  const results: BlockResult[] = [];
  for (let index = t.index; index < t.index + t.count; index++) {
    let result: BlockResult;
    try {
      result = runner.compute(index);
    } catch (e) {
      throw blockFailed(index, e);
    }
    if (result?.index !== index) {
      throw new RangeError(`run spec: compute(${index}) returned a result for block ${String(result?.index)}`);
    }
    results.push(result);
  }
  return { results, ms: performance.now() - started };
}
