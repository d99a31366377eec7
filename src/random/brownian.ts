/**
 * Brownian increments ΔW from the pseudo-random generator, for paths × steps × dims on a time grid.
 *
 * Each (path, step) is regenerable on its own: the normals of path p, step s, dimensions 2q and 2q+1
 * come from the Philox block (p, s, TAG_BROWNIAN | q) (key.ts), words 0–1 and 2–3, through the inverse
 * normal CDF. The adjoint SDE method relies on this: it runs backwards in time and regenerates ΔW at
 * each step instead of storing the whole path. ΔW(p, s, d) = √(t_{s+1} − t_s) · Z(p, s, d).
 * Layout of the result: row-major [path][step][dim].
 */
import { PathwiseRangeError, show } from '../errors.js';
import { assertKey, TAG_BROWNIAN, TAG_SHIFT, type Key } from './key.js';
import { normalQuantile } from './normal-quantile.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { philoxWasm } from './philox-wasm.js';
import { fillNormalWasm } from './normal.js';
import { gridTimes, type TimeGrid } from './time-grid.js';
import { wordsToUniform } from './uniform.js';
import { checkCount, MAX_INDEX, outArray } from './validate.js';

const TWO32 = 4294967296;

/** Options of `brownianIncrements`. */
export interface BrownianOptions {
  /** Number of paths. */
  readonly paths: number;
  /** Brownian dimensions (default 1). */
  readonly dims?: number;
  /** Index of the first path (default 0): paths pathOffset..pathOffset+paths−1 are produced. */
  readonly pathOffset?: number;
  /** Where to write paths × steps × dims values. */
  readonly out?: Float64Array;
}

/** Kernel: the dims increments of (path, step) with standard deviation `sd`, into out[at..at+dims−1]. */
export function fillBrownianStep(
  rk: Int32Array, w: Int32Array, path: number, step: number, dims: number, sd: number, out: Float64Array, at: number,
): void {
  const p0 = path % TWO32;
  const p1 = Math.floor(path / TWO32);
  for (let q = 0; 2 * q < dims; q++) {
    philoxBlock(p0, p1, step, TAG_BROWNIAN * TAG_SHIFT + q, rk, w, 0);
    out[at + 2 * q] = sd * normalQuantile(wordsToUniform(w[0]!, w[1]!));
    if (2 * q + 1 < dims) out[at + 2 * q + 1] = sd * normalQuantile(wordsToUniform(w[2]!, w[3]!));
  }
}

/**
 * Kernel: the increments of one step for paths first … first + paths − 1 into out[at + p·dims + d],
 * bit-identical to calling fillBrownianStep per path. With WebAssembly, the blocks (p, step,
 * TAG_BROWNIAN | q) of consecutive paths form one Philox stream with counter words c2 = step and
 * c3 = tag | q, so a whole step is one call per pair of dimensions (the SDE solvers' hot path).
 */
export function fillBrownianSteps(
  k0: number, k1: number, rk: Int32Array, w: Int32Array,
  first: number, paths: number, step: number, dims: number, sd: number, out: Float64Array, at: number,
): void {
  const wasm = philoxWasm();
  if (wasm === null) {
    for (let p = 0; p < paths; p++) fillBrownianStep(rk, w, first + p, step, dims, sd, out, at + p * dims);
    return;
  }
  const pair = dims === 2 && sd === 1 ? null : new Float64Array(2 * paths);
  for (let q = 0; 2 * q < dims; q++) {
    const target = pair ?? out;
    fillNormalWasm(wasm, k0, k1, 2 * first, 2 * paths, target, pair === null ? at : 0, step, TAG_BROWNIAN * TAG_SHIFT + q);
    if (pair === null) continue;
    const two = 2 * q + 1 < dims;
    for (let p = 0; p < paths; p++) {
      out[at + p * dims + 2 * q] = sd * pair[2 * p]!;
      if (two) out[at + p * dims + 2 * q + 1] = sd * pair[2 * p + 1]!;
    }
  }
}

function checkDims(fn: string, dims: number): number {
  checkCount(fn, 'dims', dims);
  if (dims < 1 || dims > 2 ** 25) throw new PathwiseRangeError(`${fn}: dims must be in [1, 2^25], got ${show(dims)}`);
  return dims;
}

/**
 * Brownian increments for `paths` paths on a time grid, row-major [path][step][dim].
 *
 * @example
 * ```ts
 * const dW = brownianIncrements(key(0), { steps: 252, dt: 1 / 252 }, { paths: 1000, dims: 2 });
 * // dW[(p * 252 + s) * 2 + d] is ΔW of path p, step s, dimension d
 * ```
 */
export function brownianIncrements(k: Key, grid: TimeGrid, options: BrownianOptions): Float64Array {
  assertKey(k, 'brownianIncrements');
  const times = gridTimes('brownianIncrements', grid);
  const steps = times.length - 1;
  const paths = checkCount('brownianIncrements', 'paths', options.paths);
  const dims = checkDims('brownianIncrements', options.dims ?? 1);
  const first = checkCount('brownianIncrements', 'pathOffset', options.pathOffset ?? 0);
  if (first + paths > MAX_INDEX) throw new PathwiseRangeError(`brownianIncrements: pathOffset + paths must not exceed 2^53, got ${show(first + paths)}`);
  if (steps >= TWO32) throw new PathwiseRangeError(`brownianIncrements: steps must be below 2^32, got ${show(steps)}`);
  const out = outArray('brownianIncrements', paths * steps * dims, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  const sd = new Float64Array(steps);
  for (let s = 0; s < steps; s++) sd[s] = Math.sqrt(times[s + 1]! - times[s]!);
  for (let p = 0; p < paths; p++) {
    for (let s = 0; s < steps; s++) fillBrownianStep(rk, w, first + p, s, dims, sd[s]!, out, (p * steps + s) * dims);
  }
  return out;
}

/**
 * The increments of one time step for a batch of paths, row-major [path][dim]: what the adjoint method
 * regenerates at each step as it runs backwards. Equal to the step-`step` slices of `brownianIncrements`
 * with the same key; `dt` is that step's length.
 *
 * @example
 * ```ts
 * const dW3 = brownianStep(key(0), 3, 1 / 252, { paths: 1000, dims: 2 });  // dW3[p * 2 + d]
 * ```
 */
export function brownianStep(k: Key, step: number, dt: number, options: BrownianOptions): Float64Array {
  assertKey(k, 'brownianStep');
  checkCount('brownianStep', 'step', step);
  if (step >= TWO32) throw new PathwiseRangeError(`brownianStep: step must be below 2^32, got ${show(step)}`);
  if (!(dt > 0 && dt < Infinity)) throw new PathwiseRangeError(`brownianStep: dt must be > 0 and finite, got ${show(dt)}`);
  const paths = checkCount('brownianStep', 'paths', options.paths);
  const dims = checkDims('brownianStep', options.dims ?? 1);
  const first = checkCount('brownianStep', 'pathOffset', options.pathOffset ?? 0);
  if (first + paths > MAX_INDEX) throw new PathwiseRangeError(`brownianStep: pathOffset + paths must not exceed 2^53, got ${show(first + paths)}`);
  const out = outArray('brownianStep', paths * dims, options.out);
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  fillBrownianSteps(k.k0, k.k1, rk, w, first, paths, step, dims, Math.sqrt(dt), out, 0);
  return out;
}

/**
 * The increments of one (path, step), regenerated alone: equal to the matching slice of
 * `brownianIncrements` with the same key and grid. `dt` is that step's length t_{s+1} − t_s.
 *
 * @example
 * ```ts
 * const dw = brownianIncrement(key(0), 17, 3, 1 / 252, 2);   // path 17, step 3, 2 dimensions
 * ```
 */
export function brownianIncrement(k: Key, path: number, step: number, dt: number, dims = 1, out?: Float64Array): Float64Array {
  assertKey(k, 'brownianIncrement');
  checkCount('brownianIncrement', 'path', path);
  if (path >= MAX_INDEX) throw new PathwiseRangeError(`brownianIncrement: path must be below 2^53, got ${show(path)}`);
  checkCount('brownianIncrement', 'step', step);
  if (step >= TWO32) throw new PathwiseRangeError(`brownianIncrement: step must be below 2^32, got ${show(step)}`);
  if (!(dt > 0 && dt < Infinity)) throw new PathwiseRangeError(`brownianIncrement: dt must be > 0 and finite, got ${show(dt)}`);
  checkDims('brownianIncrement', dims);
  const o = outArray('brownianIncrement', dims, out);
  fillBrownianStep(philoxRoundKeys(k.k0, k.k1), new Int32Array(4), path, step, dims, Math.sqrt(dt), o, 0);
  return o;
}
