/**
 * The portable form of an `expectation` run: where the objective is defined (a module URL and an export
 * name), its parameters and its options as plain JSON. A worker thread or a cluster worker imports the module,
 * finds the objective and rebuilds the same run (src/estimators/portable.ts); no code travels.
 */
import { PathwiseTypeError, show } from '../errors.js';
import { packTree } from '../portable-json.js';
import type { GradOptions, Params } from './types.js';

/** Where an objective is defined: `{ module: import.meta.url, export: 'objective' }`. */
export interface PortableLocation {
  readonly module: string;
  readonly export: string;
}

/** The built-in module whose `expectationBlocks` rebuilds a run in a worker. */
/** Computed when used: a browser bundle has no module URL, and never needs this one. */
export const portableModule = (): string => new URL('./portable.js', import.meta.url).href;

export function checkLocation(where: PortableLocation): void {
  if (typeof where !== 'object' || where === null || typeof where.module !== 'string' || !where.module.startsWith('file:') || typeof where.export !== 'string' || where.export === '') {
    throw new PathwiseTypeError(`expectation: the location must be { module: import.meta.url (a file: URL), export: 'name' }, got ${show(where)}`);
  }
}

/**
 * The JSON arguments of a portable gradient run (callbacks and signals dropped: they stay with the caller), packed
 * so that every number (maxMemory: Infinity, a −0 parameter) and the parameters' key order survive a cluster.
 */
export function portableArgs(where: PortableLocation, params: Params, options: GradOptions, ema: number | null): unknown {
  const { onProgress: _p, ...rest } = options as GradOptions & { signal?: unknown; executor?: unknown; workers?: unknown; cluster?: unknown; timeout?: unknown; handleSigint?: unknown };
  const { signal: _s, executor: _e, workers: _w, cluster: _c, timeout: _t, handleSigint: _h, ...run } = rest;
  return packTree({ module: where.module, export: where.export, params, options: run, ema });
}
