/**
 * Validation of an SDE problem at the API boundary, shared by `solve` and `sensitivity`: options are
 * checked, the scheme's noise support is checked, and drift and diffusion are probed once at x0 so that
 * a wrong output shape, a diffusion that depends on x under 'additive' noise, or a non-diagonal
 * Jacobian under 'diagonal' noise is refused before any path is simulated, with a message that says why.
 */
import { PathwiseRangeError, PathwiseTypeError, ShapeError, show } from '../errors.js';
import { assertKey, key as makeKey, type Key } from '../random/key.js';
import { DEFAULT_BLOCK_SIZE } from '../montecarlo/layout.js';
import { Tensor } from '../tensor/tensor.js';
import { scalar, toTensor } from '../tensor/create.js';
import { broadcastShapes, shapesEqual } from '../tensor/shape.js';
import { broadcastTo, reshape } from '../ad/ops/index.js';
import { jvp } from '../ad/transforms.js';
import { schemeFor } from './schemes.js';
import type { Scheme, SdeSystem } from './scheme.js';
import type { NoiseType, SdeOptions, SdeParams } from './types.js';

const NOISE: readonly NoiseType[] = ['scalar', 'diagonal', 'additive', 'general'];

/** A validated problem. */
export interface Problem {
  readonly sys: SdeSystem;
  readonly scheme: Scheme;
  readonly x0: Float64Array;
  readonly params: Readonly<Record<string, number>>;
  readonly t0: number;
  readonly steps: number;
  readonly h: number;
  readonly paths: number;
  readonly chunkSize: number;
  readonly blockSize: number;
  readonly substeps: number;
  readonly key: Key;
}

function count(fn: string, name: string, v: unknown, max = 2 ** 31): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    throw new PathwiseRangeError(`${fn}: ${name} must be an integer in [1, ${max}], got ${show(v)}`);
  }
  return v;
}

function finite(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new PathwiseRangeError(`${fn}: ${name} must be a finite number, got ${show(v)}`);
  return v;
}

/** State x of `paths` rows, every row x0. */
export function initialState(x0: Float64Array, paths: number): Tensor {
  const d = x0.length;
  const data = new Float64Array(paths * d);
  for (let p = 0; p < paths; p++) data.set(x0, p * d);
  return new Tensor(data, [paths, d]);
}

/** The parameters as scalar tensors (they broadcast against [paths, d] and [paths, 1]). */
export function scalarParams(params: Readonly<Record<string, number>>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, scalar(v)]));
}

function checkShape(fn: string, what: string, got: Tensor, want: readonly number[]): void {
  let ok = true;
  try {
    ok = shapesEqual(broadcastShapes(got.shape, want, fn), want);
  } catch {
    ok = false;
  }
  if (!ok) throw new ShapeError(`${fn}: ${what} returned shape ${show(got.shape)}, which does not broadcast to ${show(want)}`);
}

function probe(fn: string, sys: SdeSystem, x0: Float64Array, t0: number, params: Record<string, Tensor>): void {
  const { d, m, noise } = sys;
  const n = d + 2;  // a path count that cannot be mistaken for d (see noise-product.ts)
  const x = initialState(x0, n);
  checkShape(fn, 'drift', toTensor(sys.drift(t0, x, params), fn), [n, d]);
  const gShape = noise === 'scalar' || noise === 'diagonal' ? [n, d] : [n, d, m];
  const g = toTensor(sys.diffusion(t0, x, params), fn);
  const perPathScalar = gShape.length === 3 && g.ndim === 2 && g.shape[0] === n && g.shape[1] === 1;
  if (!perPathScalar) checkShape(fn, `diffusion (noise ${show(noise)})`, g, gShape);
  if (noise !== 'additive' && noise !== 'diagonal') return;
  const g0 = (y: Tensor): Tensor => {
    const v = toTensor(sys.diffusion(t0, y, params), fn);
    return broadcastTo(perPathScalar ? reshape(v, [n, 1, 1]) : v, gShape);
  };
  for (let j = 0; j < d; j++) {
    const e = new Float64Array(n * d);
    for (let p = 0; p < n; p++) e[p * d + j] = 1;
    const [, dg] = jvp(g0, x, new Tensor(e, [n, d]));
    for (let i = 0; i < dg.size; i++) {
      const row = noise === 'additive' ? -1 : i % d;  // diagonal: ∂σ_i/∂x_j may be non-zero only for i = j
      if (dg.data[i] !== 0 && row !== j) {
        throw new PathwiseRangeError(noise === 'additive'
          ? `${fn}: noise 'additive' needs a diffusion that does not depend on x, but ∂σ/∂x_${j} ≠ 0 at x0; use noise 'general' (or 'diagonal'/'scalar')`
          : `${fn}: noise 'diagonal' needs σ_i to depend on x_i only, but ∂σ_${i % d}/∂x_${j} ≠ 0 at x0; use noise 'general'`);
      }
    }
  }
}

/** Validates the options of `fn` and returns the problem. */
export function prepare<P extends SdeParams>(fn: string, o: SdeOptions<P>): Problem {
  if (typeof o !== 'object' || o === null) throw new PathwiseTypeError(`${fn}: options must be an object, got ${show(o)}`);
  if (typeof o.drift !== 'function') throw new PathwiseTypeError(`${fn}: drift must be a function (t, x, params) => tensor, got ${show(o.drift)}`);
  if (typeof o.diffusion !== 'function') throw new PathwiseTypeError(`${fn}: diffusion must be a function (t, x, params) => tensor, got ${show(o.diffusion)}`);
  if (!NOISE.includes(o.noise)) throw new PathwiseRangeError(`${fn}: noise must be one of ${NOISE.join(', ')}, got ${show(o.noise)}`);
  const scheme = schemeFor(fn, o.method ?? 'euler', o.noise);
  if (o.key !== undefined && o.seed !== undefined) throw new PathwiseRangeError(`${fn}: give key or seed, not both`);
  if (o.key === undefined && o.seed === undefined) throw new PathwiseRangeError(`${fn}: a key or a seed is required (key: key(7), or seed: 7)`);
  const k = o.key ?? (Number.isSafeInteger(o.seed) && o.seed! >= 0 ? makeKey(o.seed!) : (() => { throw new PathwiseRangeError(`${fn}: seed must be a non-negative integer, got ${show(o.seed)}`); })());
  assertKey(k, fn);
  const x0s = typeof o.x0 === 'number' ? [o.x0] : o.x0;
  if (!Array.isArray(x0s) || x0s.length === 0) throw new PathwiseTypeError(`${fn}: x0 must be a number or a non-empty array of numbers, got ${show(o.x0)}`);
  const x0 = Float64Array.from(x0s, (v, i) => finite(fn, `x0[${i}]`, v));
  const d = x0.length;
  if (typeof o.params !== 'object' || o.params === null) throw new PathwiseTypeError(`${fn}: params must be a record of numbers, got ${show(o.params)}`);
  for (const [k, v] of Object.entries(o.params)) finite(fn, `params.${k}`, v);
  const t0 = finite(fn, 't0', o.t0 ?? 0);
  const t1 = finite(fn, 't1', o.t1);
  if (!(t1 > t0)) throw new PathwiseRangeError(`${fn}: t1 must be greater than t0 = ${show(t0)}, got ${show(t1)}`);
  const steps = count(fn, 'steps', o.steps);
  const substeps = count(fn, 'substeps', o.substeps ?? 1);
  if (steps * substeps >= 2 ** 32) throw new PathwiseRangeError(`${fn}: steps × substeps must be below 2^32, got ${show(steps * substeps)}`);
  const paths = count(fn, 'paths', o.paths, 2 ** 52);
  if (o.batchSize !== undefined && o.chunkSize !== undefined && o.batchSize !== o.chunkSize) throw new PathwiseRangeError(`${fn}: give batchSize or its older name chunkSize, not both`);
  const chunkSize = count(fn, o.chunkSize !== undefined ? 'chunkSize' : 'batchSize', o.batchSize ?? o.chunkSize ?? 4096);
  const blockSize = count(fn, 'blockSize', o.blockSize ?? DEFAULT_BLOCK_SIZE);
  let m = d;
  if (o.noise === 'scalar') m = 1;
  else if (o.noise === 'additive' || o.noise === 'general') m = count(fn, 'brownianDims', o.brownianDims ?? d, 2 ** 24);
  else if (o.brownianDims !== undefined && o.brownianDims !== d) {
    throw new PathwiseRangeError(`${fn}: noise 'diagonal' has brownianDims = d = ${d}, got ${show(o.brownianDims)}`);
  }
  if (o.autonomous !== undefined && typeof o.autonomous !== 'boolean') throw new PathwiseTypeError(`${fn}: autonomous must be true or false, got ${show(o.autonomous)}`);
  const sys: SdeSystem = { drift: o.drift as SdeSystem['drift'], diffusion: o.diffusion as SdeSystem['diffusion'], noise: o.noise, d, m, autonomous: o.autonomous === true };
  probe(fn, sys, x0, t0, scalarParams(o.params));
  return { sys, scheme, x0, params: { ...o.params }, t0, steps, h: (t1 - t0) / steps, paths, chunkSize, blockSize, substeps, key: k };
}
