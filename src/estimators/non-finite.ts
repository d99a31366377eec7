/**
 * Non-finite values in an `expectation` run. By default a NaN or ±Infinity in the cost or in a gradient term
 * is an error (`NonFiniteError`) that names the column, how many samples, and — found by re-running the
 * first offending block with the finite-value check of every op switched on — the site or op that made it.
 * With `nonFinite: 'drop'` such samples are left out of the block's summary; the result then estimates the
 * expectation over the finite samples only, which is reported as biased with a warning giving the count.
 */
import { NonFiniteError, PathwiseError } from '../errors.js';
import { debugEnabled, setDebug } from '../ad/debug.js';
import type { BlockResult } from '../montecarlo/block.js';

/** What to do with a sample whose cost or gradient term is NaN or ±Infinity. */
export type NonFinitePolicy = 'error' | 'drop';

export const NON_FINITE_POLICIES: readonly NonFinitePolicy[] = ['error', 'drop'];

/** Note key of a block that held a non-finite value (the value is 1; keys are summed over blocks). */
const BLOCK_NOTE = 'nonfinite-block:';

/** Per-row observations of width `w` with every row holding a NaN/±Inf removed (and its control values). */
export interface Kept {
  readonly rows: Float64Array;
  readonly controls: Float64Array[];
  /** Notes for the block: `dropped` rows (samples), `dropped:c` rows with column c non-finite. */
  readonly notes: Record<string, number>;
  /** Rows kept (true) by index into the original rows. */
  readonly mask: Uint8Array | null;
}

/**
 * Removes the rows (samples) that hold a non-finite value in any column. Returns the input arrays themselves
 * when every row is finite, so a finite run is the same bits either way.
 */
export function dropNonFinite(rows: Float64Array, w: number, controls: Float64Array[] = []): Kept {
  const n = rows.length / w;
  let mask: Uint8Array | null = null;
  const notes: Record<string, number> = {};
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    let bad = false;
    for (let c = 0; c < w; c++) {
      if (!Number.isFinite(rows[i * w + c]!)) {
        notes[`dropped:${c}`] = (notes[`dropped:${c}`] ?? 0) + 1;
        bad = true;
      }
    }
    if (bad) {
      mask ??= new Uint8Array(n).fill(1);
      mask[i] = 0;
      dropped++;
    }
  }
  if (mask === null) return { rows, controls, notes, mask: null };
  notes.dropped = dropped;
  const keep = mask.reduce((a, v) => a + v, 0);
  const out = new Float64Array(keep * w);
  const cvs = controls.map(() => new Float64Array(keep));
  for (let i = 0, j = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    out.set(rows.subarray(i * w, i * w + w), j * w);
    controls.forEach((c, k) => (cvs[k]![j] = c[i]!));
    j++;
  }
  return { rows: out, controls: cvs, notes, mask };
}

/** Marks a block result that held a non-finite value, so that the run can find the first such block. */
export function markNonFinite(r: BlockResult, dropped: boolean): BlockResult {
  const bad = dropped || Object.keys(r.notes ?? {}).some((k) => k.startsWith('nonfinite:'));
  return bad ? { ...r, notes: { ...(r.notes ?? {}), [`${BLOCK_NOTE}${r.index}`]: 1 } } : r;
}

/** The first block that held a non-finite value, from a run's summed notes (−1: none). */
export function firstNonFiniteBlock(notes: Readonly<Record<string, number>>): number {
  let first = -1;
  for (const k of Object.keys(notes)) {
    if (!k.startsWith(BLOCK_NOTE)) continue;
    const b = Number(k.slice(BLOCK_NOTE.length));
    if (first < 0 || b < first) first = b;
  }
  return first;
}

/**
 * Re-runs one block with every op's output checked for NaN/±Inf and returns what the check named (the site
 * whose samples or log density were non-finite, or the op that made the first non-finite value from finite
 * inputs); null when nothing was located (the value came from outside the ops, e.g. a tensor built by hand).
 */
export function locateNonFinite(compute: (b: number) => unknown, block: number): string | null {
  if (block < 0) return null;
  const was = debugEnabled();
  setDebug({ checkFinite: true });
  try {
    compute(block);
    return null;
  } catch (e) {
    if (e instanceof NonFiniteError) return e.message;
    if (e instanceof PathwiseError) return null;
    throw e;
  } finally {
    setDebug({ checkFinite: was });
  }
}

/** `the cost` or `the gradient of <name>` for column c (column 0 the cost). */
export function columnName(c: number, names: readonly string[]): string {
  return c === 0 ? 'the cost' : `the gradient of ${names[c - 1]}`;
}
