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
