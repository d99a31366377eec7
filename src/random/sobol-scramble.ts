/**
 * Randomizations of the Sobol sequence, keyed like everything else: dimension d's random bits come from
 * Philox blocks (d, 0, b, TAG_SOBOL) of the key (key.ts), so a dimension is scrambled the same way
 * whatever the number of points, the skip or the number of dimensions requested.
 *
 * - Digital shift: x ⊕ s_d with a random 32-bit s_d per dimension. Each point becomes uniform.
 * - Linear matrix scrambling (J. Matoušek, "On the L2-discrepancy for anchored boxes", J. Complexity 14
 *   (1998) 527–556): digits are multiplied by a random lower-triangular binary matrix with unit diagonal,
 *   then digitally shifted. Applied once to the direction numbers, so generation costs nothing extra.
 *   For smooth integrands its variance matches Owen's nested scrambling (A. B. Owen, "Variance with
 *   alternative scramblings of digital nets", ACM TOMACS 13 (2003) 363–378). SciPy's default.
 * - Nested uniform scrambling (A. B. Owen, "Randomly permuted (t,m,s)-nets and (t,s)-sequences", 1995):
 *   digit r is flipped by a random bit that depends on the r digits above it. The random bit of each
 *   node of the binary tree is a keyed hash of the node number (a 32-bit integer mixer; Burley,
 *   "Practical hash-based Owen scrambling", JCGT 9(4) 2020, uses the same idea), evaluated per point.
 */
import { TAG_SHIFT, TAG_SOBOL, type Key } from './key.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { SOBOL_BITS } from './sobol-table.js';

/** Per-dimension random words: 32 matrix rows, a shift, and two hash seeds. */
export interface SobolRandomization {
  /** Scrambled direction numbers (LMS) or the plain ones, dims × 32. */
  readonly directions: Uint32Array;
  /** Digital shift per dimension (zero when not shifting). */
  readonly shift: Uint32Array;
  /** Hash seeds per dimension for nested uniform scrambling (2 words each), or null. */
  readonly owenSeeds: Int32Array | null;
}

/** Parity of the set bits of a 32-bit word. */
function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  return (0x6996 >>> (x & 0xf)) & 1;
}

/**
 * Builds the randomization of dimensions 0..dims−1 from plain direction numbers `V` (dims × 32 used).
 * `mode` is 'none', 'shift', 'lms' (matrix + shift) or 'owen' (nested uniform).
 */
export function sobolRandomization(V: Uint32Array, dims: number, mode: string, k: Key | null): SobolRandomization {
  const directions = new Uint32Array(dims * SOBOL_BITS);
  directions.set(V.subarray(0, dims * SOBOL_BITS));
  const shift = new Uint32Array(dims);
  if (k === null || mode === 'none') return { directions, shift, owenSeeds: null };
  const rk = philoxRoundKeys(k.k0, k.k1);
  const w = new Int32Array(4);
  const rows = new Uint32Array(SOBOL_BITS);
  const owenSeeds = mode === 'owen' ? new Int32Array(2 * dims) : null;
  const c3 = TAG_SOBOL * TAG_SHIFT;
  for (let d = 0; d < dims; d++) {
    philoxBlock(d, 0, 8, c3, rk, w, 0);
    if (owenSeeds !== null) {
      owenSeeds[2 * d] = w[1]!;
      owenSeeds[2 * d + 1] = w[2]!;
      continue;                      // nested scrambling randomizes every digit itself: no shift, no matrix
    }
    shift[d] = w[0]!;
    if (mode !== 'lms') continue;
    for (let b = 0; b < 8; b++) {
      philoxBlock(d, 0, b, c3, rk, w, 0);
      for (let t = 0; t < 4; t++) rows[4 * b + t] = w[t]!;
    }
    // row r (digit r, bit 31−r): random bits strictly above bit 31−r, the diagonal bit set
    for (let r = 0; r < SOBOL_BITS; r++) {
      const above = r === 0 ? 0 : (~(2 ** (32 - r) - 1)) >>> 0;
      rows[r] = ((rows[r]! & above) | 2 ** (31 - r)) >>> 0;
    }
    const base = d * SOBOL_BITS;
    for (let j = 0; j < SOBOL_BITS; j++) {
      const v = V[base + j]!;
      let y = 0;
      for (let r = 0; r < SOBOL_BITS; r++) if (parity(rows[r]! & v)) y += 2 ** (31 - r);
      directions[base + j] = y;
    }
  }
  return { directions, shift, owenSeeds };
}

/**
 * Nested uniform scrambling of one 32-bit coordinate: digit r (from the top) is flipped by the top bit of
 * a keyed hash of its tree node, numbered 2^r + (the r digits above it), unique for r < 32. The hash is
 * a lowbias32-style integer mixer (multiply–xorshift rounds, constants by C. Wellons) keyed by two
 * per-dimension Philox words; all int32 arithmetic, inlined, because it runs 32 times per coordinate.
 */
export function owenScramble(x: number, s0: number, s1: number): number {
  let flips = 0;
  for (let r = 0; r < 32; r++) {
    const node = r === 0 ? 1 : (1 << r) | (x >>> (32 - r));
    let h = node ^ s0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    h = ((h ^ (h >>> 16)) + s1) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    h ^= h >>> 16;
    flips |= (h >>> 31) << (31 - r);
  }
  return (x ^ flips) >>> 0;
}
