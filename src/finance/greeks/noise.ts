/**
 * The normals that drive a batch of paths, one column (shape [paths]) per step and Brownian dimension:
 * column i·dims + d drives step i of dimension d.
 *
 * Pseudo-random: column c is the plain Philox stream of foldIn(key(seed), c) at sample offsets
 * [offset, offset + n), so a path's normals do not depend on the batch size. Quasi-random: scrambled Sobol
 * points in steps·dims dimensions through the Brownian bridge (coarse levels on the best Sobol coordinates),
 * one independent scrambling per replicate, points [offset, offset + n) of that replicate's sequence.
 */
import { foldIn, key as makeKey, normal, sobolBrownianIncrements, SOBOL_MAX_DIMS } from '../../random/index.js';
import { PathwiseRangeError } from '../../errors.js';

/** Columns of normals for paths [offset, offset + n) (pseudo-random), into `reuse`'s arrays when they have length n. */
export function pseudoColumns(seed: number, columns: number, offset: number, n: number, reuse?: Float64Array[]): Float64Array[] {
  const root = makeKey(seed);
  const out: Float64Array[] = [];
  for (let c = 0; c < columns; c++) {
    const buf = reuse?.[c]?.length === n ? reuse[c] : undefined;
    out.push(normal(foldIn(root, c), n, buf === undefined ? { offset } : { offset, out: buf }));
  }
  return out;
}

/** Sobol replicate r's key: independent of the pseudo-random columns' keys (distinct fold-in tag). */
function replicateKey(seed: number, replicate: number) {
  return foldIn(foldIn(makeKey(seed), 0x50b0), replicate);
}

/**
 * Columns of Brownian-bridge Sobol normals (unit time steps, so each is N(0, 1)) for points
 * [offset, offset + n) of replicate `replicate`.
 */
export function sobolColumns(seed: number, replicate: number, steps: number, dims: number, offset: number, n: number): Float64Array[] {
  if (steps * dims > SOBOL_MAX_DIMS) {
    throw new PathwiseRangeError(`greeks: QMC needs steps·dimensions ≤ ${SOBOL_MAX_DIMS}, got ${steps * dims}`);
  }
  const rows = sobolBrownianIncrements({ steps, dt: 1 }, { paths: n, dims, key: replicateKey(seed, replicate), skip: offset });
  const width = steps * dims;
  const out: Float64Array[] = [];
  for (let c = 0; c < width; c++) {
    const col = new Float64Array(n);
    for (let j = 0; j < n; j++) col[j] = rows[j * width + c]!;
    out.push(col);
  }
  return out;
}

/**
 * A batch's normals column by column (column i·dims + d drives step i, dimension d), each of length n. The
 * path generation asks for a step's columns when it takes that step, so a source that regenerates them needs
 * no memory in proportion to the number of steps.
 */
export interface NoiseColumns {
  readonly n: number;
  /** Column c. Valid until the next `column` call that is more than {@link NOISE_RING} calls later. */
  column(c: number): Float64Array;
}

/** How many columns a regenerating source hands out before it reuses a buffer (a step takes at most 2). */
export const NOISE_RING = 4;

/**
 * Bytes of normals a pseudo-random batch keeps between the passes of its estimators (value, tangents, bumps):
 * the columns that fit are generated once, the rest again in every pass. A constant, so memory stays flat in
 * the number of steps; 4 MiB holds a Heston batch of 1024 paths × 256 steps.
 */
export const NOISE_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * Pseudo-random columns for paths [offset, offset + n): column c is the Philox stream of foldIn(key(seed), c)
 * (the same numbers as {@link pseudoColumns}), cached up to {@link NOISE_CACHE_BYTES} and regenerated beyond.
 *
 * @example
 * ```ts
 * const z = new PseudoNoise(1, 0, 1000);
 * z.column(3)[0] === pseudoColumns(1, 4, 0, 1000)[3]![0];   // true
 * ```
 */
export class PseudoNoise implements NoiseColumns {
  private readonly root;
  private readonly cache = new Map<number, Float64Array>();
  private readonly cacheable: number;
  private readonly ring: Float64Array[] = [];
  private next = 0;

  private readonly spare: Map<number, Float64Array>;

  /** `previous`: the source of the batch before, whose buffers of the same length this one may reuse. */
  constructor(seed: number, private readonly offset: number, readonly n: number, previous?: PseudoNoise, cacheBytes = NOISE_CACHE_BYTES) {
    this.root = makeKey(seed);
    this.cacheable = Math.floor(cacheBytes / (8 * Math.max(1, n)));
    const reuse = previous?.n === n;
    this.spare = reuse ? previous.cache : new Map();
    if (reuse) this.ring.push(...previous.ring);
  }

  column(c: number): Float64Array {
    const hit = this.cache.get(c);
    if (hit !== undefined) return hit;
    if (c < this.cacheable) {
      const fresh = normal(foldIn(this.root, c), this.n, { offset: this.offset, ...out(this.spare.get(c)) });
      this.cache.set(c, fresh);
      return fresh;
    }
    const slot = this.next++ % NOISE_RING;
    const buf = (this.ring[slot] ??= new Float64Array(this.n));
    return normal(foldIn(this.root, c), this.n, { offset: this.offset, out: buf });
  }
}

function out(buf: Float64Array | undefined): { out?: Float64Array } {
  return buf === undefined ? {} : { out: buf };
}

/**
 * Columns held in memory (QMC's Brownian-bridge points, which are built for all steps at once, and the pilot's).
 * @example new ArrayNoise(sobolColumns(1, 0, 4, 1, 0, 128)).column(0).length;   // 128
 */
export class ArrayNoise implements NoiseColumns {
  readonly n: number;
  constructor(private readonly columns: readonly Float64Array[], n?: number) {
    this.n = n ?? columns[0]!.length;
  }

  column(c: number): Float64Array {
    return this.columns[c]!;
  }
}
