/**
 * Direction numbers of the Sobol sequence, decoded once from the Joe–Kuo table in sobol-directions.ts.
 *
 * For dimension d with primitive polynomial x^s + a_1 x^{s−1} + … + a_{s−1} x + 1 and initial odd
 * m_1..m_s, the direction numbers v_j = m_j / 2^j, kept as 32-bit integers V_j = m_j · 2^(32−j), follow
 * Bratley and Fox's recurrence (ACM TOMS 14 (1988), Algorithm 659):
 *   V_j = a_1 V_{j−1} ⊕ a_2 V_{j−2} ⊕ … ⊕ a_{s−1} V_{j−s+1} ⊕ V_{j−s} ⊕ (V_{j−s} >> s).
 * All arithmetic is on uint32 values (`>>> 0` after every XOR, never `1 << 31`), so nothing overflows.
 * Dimension 1 is van der Corput: V_j = 2^(32−j).
 */
import { decodeBase64 } from '../base64.js';
import { SOBOL_DIRECTIONS_BASE64, SOBOL_MAX_DIMS } from './sobol-directions.js';

/** Bits per coordinate: points are k/2^32, and at most 2^32 points exist. */
export const SOBOL_BITS = 32;

let table: Uint32Array | null = null;

/**
 * The direction numbers of dimensions 1..SOBOL_MAX_DIMS as one Uint32Array: V[d·32 + j] is V_{j+1}
 * of dimension d+1. Decoded on first use and cached (512 kB for 4,096 dimensions).
 */
export function sobolDirectionTable(): Uint32Array {
  if (table !== null) return table;
  const bytes = decodeBase64(SOBOL_DIRECTIONS_BASE64);
  let bitPos = 0;
  const read = (width: number): number => {
    let v = 0;
    for (let k = 0; k < width; k++, bitPos++) v = v * 2 + ((bytes[bitPos >>> 3]! >>> (7 - (bitPos & 7))) & 1);
    return v;
  };
  const V = new Uint32Array(SOBOL_MAX_DIMS * SOBOL_BITS);
  for (let j = 0; j < SOBOL_BITS; j++) V[j] = 2 ** (31 - j);
  for (let d = 1; d < SOBOL_MAX_DIMS; d++) {
    const s = read(5);
    const a = read(s - 1);
    const base = d * SOBOL_BITS;
    for (let j = 1; j <= s; j++) {
      const m = read(j - 1) * 2 + 1;                 // m_j is odd: the stream holds m_j >> 1
      if (j <= SOBOL_BITS) V[base + j - 1] = m * 2 ** (SOBOL_BITS - j);
    }
    for (let j = s; j < SOBOL_BITS; j++) {            // 0-based j: V[j] from V[j−1..j−s]
      let v = (V[base + j - s]! ^ (V[base + j - s]! >>> s)) >>> 0;
      for (let k = 1; k < s; k++) {
        if ((a >>> (s - 1 - k)) & 1) v = (v ^ V[base + j - k]!) >>> 0;
      }
      V[base + j] = v;
    }
  }
  table = V;
  return V;
}
