/**
 * Errors of parallel runs. Both are PathwiseErrors, so the CLI prints them as one line; an interrupted
 * run (Ctrl-C, an aborted signal) is its own class because the CLI exits 130 for it, not 1.
 */
import { PathwiseError } from '../errors.js';

/** A parallel run failed: a block threw, a worker refused a job, Redis was unreachable, a timeout. */
export class ParallelError extends PathwiseError {
  override name = 'ParallelError';
}

/** The run was stopped by its AbortSignal (Ctrl-C in the CLI). */
export class InterruptedError extends PathwiseError {
  override name = 'InterruptedError';
  /** The shell's convention for a process stopped by SIGINT (128 + 2). */
  readonly exitCode = 130;
  constructor(message = 'interrupted') {
    super(message);
  }
}

/** The first line of an error's message (what a one-line report shows). */
export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}

const BLOCK_FAILED = /^block \d+ failed: /;

/** What a worker throws when block `index`'s computation throws: names the block inside a task of many. */
export function blockFailed(index: number, e: unknown): Error {
  return new Error(`block ${index} failed: ${firstLine(e)}`);
}

/**
 * The error of a task of blocks `index … index + count − 1` that failed with `reason`: the reason as it is when
 * a worker already named the failing block (see blockFailed), otherwise prefixed with the task's blocks.
 */
export function taskFailed(index: number, count: number, reason: string): ParallelError {
  if (BLOCK_FAILED.test(reason)) return new ParallelError(reason);
  return new ParallelError(`${count === 1 ? `block ${index}` : `blocks ${index}–${index + count - 1}`} failed: ${reason}`);
}

/**
 * Loads an optional peer dependency of pathwise (bullmq and ioredis for a cluster, tsx for TypeScript modules
 * in worker threads): installing the library alone does not install them (pathwise-cli does). When `name` is
 * missing, the error says which package to install instead of Node's "Cannot find package" from deep inside.
 */
export async function importPeer<T>(name: string, forWhat: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !firstLine(e).includes(`'${name}'`)) throw e;
    throw new ParallelError(`${forWhat}: the package ${name} must be installed (npm install ${name}; pathwise-cli installs it), got: ${firstLine(e)}`);
  }
}
