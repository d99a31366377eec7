/**
 * The portable form of an `expectation` run: where the objective is defined (a module URL and an export
 * name), its parameters and its options as plain JSON. A worker thread or a cluster worker imports the module,
 * finds the objective and rebuilds the same run (src/estimators/portable.ts); no code travels.
 */
import { PathwiseTypeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
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
 * Parameters as JSON: tensors as { $tensor: { shape, data } }, records as { $record: [[key, value], …] }.
 * A record's key order is the order of the gradient's columns, and a cluster stores a run's spec as JSON with
 * sorted keys: as a list of pairs the order survives (as an object, { sigma, mu } came back as { mu, sigma }
 * and the worker's columns were swapped).
 */
export function paramsToJSON(p: Params): unknown {
  if (p instanceof Tensor) return { $tensor: { shape: [...p.shape], data: Array.from(p.data) } };
  if (typeof p === 'number') return p;
  if (Array.isArray(p)) return p.map(paramsToJSON);
  return { $record: Object.entries(p).map(([k, v]) => [k, paramsToJSON(v as Params)]) };
}

export function paramsFromJSON(j: unknown): Params {
  if (typeof j === 'number') return j;
  if (Array.isArray(j)) return j.map(paramsFromJSON);
  if (j !== null && typeof j === 'object') {
    const { $tensor: t, $record: r } = j as { $tensor?: { shape: number[]; data: number[] }; $record?: unknown };
    if (t !== undefined) return new Tensor(Float64Array.from(t.data), t.shape);
    if (Array.isArray(r) && r.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')) {
      return Object.fromEntries((r as [string, unknown][]).map(([k, v]) => [k, paramsFromJSON(v)]));
    }
  }
  throw new PathwiseTypeError(`portable run: parameters must be numbers, tensors, arrays or records, got ${show(j)}`);
}

/** The JSON arguments of a portable gradient run (callbacks and signals dropped: they stay with the caller). */
export function portableArgs(where: PortableLocation, params: Params, options: GradOptions, ema: number | null): unknown {
  const { onProgress: _p, ...rest } = options as GradOptions & { signal?: unknown; executor?: unknown; workers?: unknown; cluster?: unknown; timeout?: unknown; handleSigint?: unknown };
  const { signal: _s, executor: _e, workers: _w, cluster: _c, timeout: _t, handleSigint: _h, ...run } = rest;
  return { module: where.module, export: where.export, params: paramsToJSON(params), options: run, ema };
}
