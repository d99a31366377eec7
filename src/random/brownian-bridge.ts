/**
 * Brownian-bridge construction of Brownian paths from normal points, for quasi-Monte Carlo
 * (Moskowitz and Caflisch, "Smoothness and dimension reduction in quasi-Monte Carlo methods",
 * Math. Comput. Modelling 23 (1996); Glasserman, "Monte Carlo Methods in Financial Engineering" §3.1
 * and §5.5). The first coordinate of a point fixes W(T), the next ones the midpoints by bisection,
 * coarse levels first: the low Sobol dimensions, the best distributed ones, carry most of the path's
 * variance, which is what makes QMC effective on path-dependent integrands.
 *
 * With W(t_l) and W(t_r) known and t_l < t_m < t_r:
 *   W(t_m) = ((t_r − t_m) W(t_l) + (t_m − t_l) W(t_r)) / (t_r − t_l) + √((t_m − t_l)(t_r − t_m)/(t_r − t_l)) Z.
 * For several Brownian dimensions, coordinate k·dims + d of a point drives level k of dimension d.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { type Key } from './key.js';
import { SOBOL_MAX_DIMS } from './sobol-directions.js';
import { sobolNormal, type SobolScramble } from './sobol.js';
import { gridTimes, type TimeGrid } from './time-grid.js';
import { checkCount, outArray } from './validate.js';

/** A precomputed bisection order on a time grid (steps m: one terminal value and m − 1 midpoints). */
export interface BridgePlan {
  readonly steps: number;
  /** Grid index set at construction step k (k = 0 is the terminal index m). */
  readonly index: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly leftWeight: Float64Array;
  readonly rightWeight: Float64Array;
  readonly sd: Float64Array;
}

/**
 * The bridge plan for a grid: breadth-first bisection of [t_0, t_m].
 *
 * @example
 * ```ts
 * const plan = brownianBridgePlan({ steps: 8, dt: 0.125 });
 * plan.index; // Int32Array [8, 4, 2, 6, 1, 3, 5, 7]
 * ```
 */
export function brownianBridgePlan(grid: TimeGrid): BridgePlan {
  const t = gridTimes('brownianBridgePlan', grid);
  const m = t.length - 1;
  const index = new Int32Array(m);
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const leftWeight = new Float64Array(m);
  const rightWeight = new Float64Array(m);
  const sd = new Float64Array(m);
  index[0] = m;
  sd[0] = Math.sqrt(t[m]! - t[0]!);
  const queue = new Int32Array(4 * m + 2);            // pairs (l, r): the first, then two per bisection
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  queue[tail++] = m;
  let k = 1;
  while (head < tail) {
    const l = queue[head++]!;
    const r = queue[head++]!;
    if (r - l < 2) continue;
    const mid = (l + r) >> 1;
    const span = t[r]! - t[l]!;
    index[k] = mid;
    left[k] = l;
    right[k] = r;
    leftWeight[k] = (t[r]! - t[mid]!) / span;
    rightWeight[k] = (t[mid]! - t[l]!) / span;
    sd[k] = Math.sqrt(((t[mid]! - t[l]!) * (t[r]! - t[mid]!)) / span);
    k++;
    queue[tail++] = l;
    queue[tail++] = mid;
    queue[tail++] = mid;
    queue[tail++] = r;
  }
  return { steps: m, index, left, right, leftWeight, rightWeight, sd };
}

/**
 * Brownian increments from normal points by the bridge: `normals` holds `paths` points of
 * steps·dims coordinates each (e.g. from `sobolNormal`); the result is row-major [path][step][dim].
 *
 * @example
 * ```ts
 * const plan = brownianBridgePlan({ steps: 16, dt: 1 / 16 });
 * const z = sobolNormal(1024, 16, { key: key(3) });
 * const dW = brownianBridgeIncrements(plan, z, 1024);
 * ```
 */
export function brownianBridgeIncrements(
  plan: BridgePlan, normals: Float64Array, paths: number, dims = 1, out?: Float64Array,
): Float64Array {
  checkCount('brownianBridgeIncrements', 'paths', paths);
  checkCount('brownianBridgeIncrements', 'dims', dims);
  if (dims < 1) throw new PathwiseRangeError(`brownianBridgeIncrements: dims must be at least 1, got ${show(dims)}`);
  if (!(normals instanceof Float64Array)) {
    throw new PathwiseTypeError(`brownianBridgeIncrements: normals must be a Float64Array, got ${show(normals)}`);
  }
  const m = plan.steps;
  const width = m * dims;
  if (normals.length < paths * width) {
    throw new PathwiseRangeError(`brownianBridgeIncrements: normals must hold paths·steps·dims = ${paths * width} values, got length ${normals.length}`);
  }
  const res = outArray('brownianBridgeIncrements', paths * width, out);   // may be `normals` itself
  const W = new Float64Array(m + 1);
  const { index, left, right, leftWeight, rightWeight, sd } = plan;
  for (let p = 0; p < paths; p++) {
    const base = p * width;
    for (let d = 0; d < dims; d++) {
      W[0] = 0;
      W[m] = sd[0]! * normals[base + d]!;
      for (let k = 1; k < m; k++) {
        W[index[k]!] = leftWeight[k]! * W[left[k]!]! + rightWeight[k]! * W[right[k]!]! + sd[k]! * normals[base + k * dims + d]!;
      }
      for (let s = 0; s < m; s++) res[base + s * dims + d] = W[s + 1]! - W[s]!;
    }
  }
  return res;
}

/** Options of `sobolBrownianIncrements`. */
export interface SobolBrownianOptions {
  readonly paths: number;
  readonly dims?: number;
  /** Randomizes the Sobol points (strongly advised: plain point 0 maps to −∞). */
  readonly key?: Key;
  readonly scramble?: SobolScramble;
  /** First Sobol point index (default 0). */
  readonly skip?: number;
}

/**
 * Quasi-random Brownian increments: randomized Sobol normals in steps·dims dimensions through the bridge.
 *
 * @example
 * ```ts
 * const dW = sobolBrownianIncrements({ steps: 64, dt: 1 / 64 }, { paths: 4096, key: key(5) });
 * ```
 */
export function sobolBrownianIncrements(grid: TimeGrid, options: SobolBrownianOptions): Float64Array {
  const plan = brownianBridgePlan(grid);
  const dims = options.dims ?? 1;
  checkCount('sobolBrownianIncrements', 'dims', dims);
  if (dims < 1 || plan.steps * dims > SOBOL_MAX_DIMS) {
    throw new PathwiseRangeError(`sobolBrownianIncrements: steps·dims must be in [1, ${SOBOL_MAX_DIMS}], got ${show(plan.steps * dims)}`);
  }
  const z = sobolNormal(options.paths, plan.steps * dims, {
    ...(options.key !== undefined ? { key: options.key } : {}),
    ...(options.scramble !== undefined ? { scramble: options.scramble } : {}),
    ...(options.skip !== undefined ? { skip: options.skip } : {}),
  });
  // in place is safe: dimension d of a path reads, then overwrites, only the slots ≡ d (mod dims)
  return brownianBridgeIncrements(plan, z, options.paths, dims, z);
}
