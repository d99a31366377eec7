/**
 * Sobol quasi-random points (I. M. Sobol', USSR Comput. Math. Math. Phys. 7 (1967)) with the Joe–Kuo
 * direction numbers (sobol-table.ts), in Gray-code order (Antonov and Saleev, 1979): point i+1 is
 * point i ⊕ V_c with c the number of trailing zeros of i+1, so consecutive points cost one XOR per
 * dimension, and any start (`skip`) costs one XOR per set bit of gray(skip). Same points as SciPy's
 * scipy.stats.qmc.Sobol with scramble=False.
 *
 * Plain points are k/2^32 (the first is 0). Randomized points (a key given) are the cell midpoints
 * (k + ½)/2^32: inside (0, 1), so the inverse normal CDF stays finite, and uniform to within 2^-33.
 * Randomize for honest error bars: independent keys give independent replicates whose spread is a
 * valid standard error, which a single deterministic point set cannot give.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { assertKey, type Key } from './key.js';
import { normalQuantile } from './normal-quantile.js';
import { SOBOL_MAX_DIMS } from './sobol-directions.js';
import { owenScramble, sobolRandomization } from './sobol-scramble.js';
import { SOBOL_BITS, sobolDirectionTable } from './sobol-table.js';
import { checkCount, outArray } from './validate.js';

/** How Sobol points are randomized when a key is given. */
export type SobolScramble = 'shift' | 'lms' | 'owen';

/** Options of `sobol` and `sobolNormal`. */
export interface SobolOptions {
  /** Index of the first point (default 0); skip + n ≤ 2^32. */
  readonly skip?: number;
  /** Randomizes the points when given; without a key the sequence is the plain, deterministic one. */
  readonly key?: Key;
  /** Randomization (default 'lms': linear matrix scrambling plus digital shift). Needs a key. */
  readonly scramble?: SobolScramble;
  /** Where to write the n × dims values; a new array when absent. */
  readonly out?: Float64Array;
}

const TWO32 = 4294967296;
const INV32 = 1 / TWO32;

function checkSobol(fn: string, n: number, dims: number, options: SobolOptions): { skip: number; mode: string } {
  checkCount(fn, 'n', n);
  checkCount(fn, 'dims', dims);
  if (dims < 1 || dims > SOBOL_MAX_DIMS) {
    throw new PathwiseRangeError(`${fn}: dims must be in [1, ${SOBOL_MAX_DIMS}], got ${show(dims)}`);
  }
  const skip = options.skip ?? 0;
  checkCount(fn, 'skip', skip);
  if (skip + n > TWO32) {
    throw new PathwiseRangeError(`${fn}: skip + n must not exceed 2^32, got skip ${show(skip)} and n ${show(n)}`);
  }
  const mode = options.scramble ?? (options.key === undefined ? 'none' : 'lms');
  if (mode !== 'none' && mode !== 'shift' && mode !== 'lms' && mode !== 'owen') {
    throw new PathwiseTypeError(`${fn}: scramble must be 'shift', 'lms' or 'owen', got ${show(mode)}`);
  }
  if (options.key === undefined && mode !== 'none') {
    throw new PathwiseRangeError(`${fn}: scramble ${show(mode)} needs a key`);
  }
  if (options.key !== undefined) assertKey(options.key, fn);
  return { skip, mode };
}

/** Kernel: n points from index `skip`, written row-major into out (n × dims), as uint32 digits → doubles. */
function fillSobol(n: number, dims: number, skip: number, options: SobolOptions, mode: string, out: Float64Array): void {
  const rand = sobolRandomization(sobolDirectionTable(), dims, mode, options.key ?? null);
  const V = rand.directions;
  const shift = rand.shift;
  const seeds = rand.owenSeeds;
  const x = new Uint32Array(dims);
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;   // skip < 2^32: ^ works on its uint32 bit pattern
  for (let j = 0; j < SOBOL_BITS; j++) {
    if ((gray >>> j) & 1) for (let d = 0; d < dims; d++) x[d] = x[d]! ^ V[d * SOBOL_BITS + j]!;
  }
  const half = mode === 'none' ? 0 : 0.5;
  for (let i = 0; i < n; i++) {
    const row = i * dims;
    if (seeds === null) {
      for (let d = 0; d < dims; d++) out[row + d] = (((x[d]! ^ shift[d]!) >>> 0) + half) * INV32;
    } else {
      for (let d = 0; d < dims; d++) out[row + d] = (owenScramble(x[d]!, seeds[2 * d]!, seeds[2 * d + 1]!) + half) * INV32;
    }
    if (i + 1 < n) {
      const m = (skip + i + 1) | 0;                    // next index as int32 bits; m & −m isolates its lowest set bit
      const c = 31 - Math.clz32(m & -m);
      for (let d = 0; d < dims; d++) x[d] = x[d]! ^ V[d * SOBOL_BITS + c]!;
    }
  }
}

/**
 * `n` Sobol points in `dims` dimensions, row-major (point i is out[i·dims .. i·dims+dims−1]), starting at
 * index `skip`. With a `key`, the points are randomized (`scramble`, default linear matrix scrambling plus
 * digital shift); independent keys give independent, individually uniform replicates.
 *
 * @example
 * ```ts
 * sobol(3, 2);                                   // Float64Array [0, 0, 0.5, 0.5, 0.75, 0.25]
 * const rqmc = sobol(1024, 8, { key: key(1) });  // one scrambled replicate
 * sobol(4, 5000);                                // throws PathwiseRangeError: dims must be in [1, 4096]
 * ```
 */
export function sobol(n: number, dims: number, options: SobolOptions = {}): Float64Array {
  const { skip, mode } = checkSobol('sobol', n, dims, options);
  const out = outArray('sobol', n * dims, options.out);
  fillSobol(n, dims, skip, options, mode, out);
  return out;
}

/**
 * Normal quasi-random points: the inverse normal CDF (normal-quantile.ts, the same path as pseudo-random
 * normals) of `sobol(n, dims, options)`. Plain point 0 is at the origin of the cube and maps to −∞:
 * randomize (give a key) or start at `skip: 1`.
 *
 * @example
 * ```ts
 * const z = sobolNormal(1024, 4, { key: key(2) });   // 1024 × 4 normals, mean ≈ 0 with tiny error
 * ```
 */
export function sobolNormal(n: number, dims: number, options: SobolOptions = {}): Float64Array {
  const { skip, mode } = checkSobol('sobolNormal', n, dims, options);
  const out = outArray('sobolNormal', n * dims, options.out);
  fillSobol(n, dims, skip, options, mode, out);
  const len = n * dims;
  for (let i = 0; i < len; i++) out[i] = normalQuantile(out[i]!);
  return out;
}
