/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC'11 (2011), as published in the Random123 library and used by cuRAND, JAX and
 * NumPy. A block of four 32-bit outputs is a pure function of a 128-bit counter and a 64-bit key, so any
 * sample can be generated on its own, in any order, on any thread: the basis of pathwise's reproducibility.
 *
 * JavaScript has no 32×32→64-bit multiply. The low word is `Math.imul`; the high word is assembled from
 * four 16×16-bit partial products, all in int32 arithmetic (a version in doubles with `Math.floor` is
 * also exact but three times slower in V8, because converting doubles above 2^31 back to int32 leaves
 * the fast path). A wrong high word still looks random, which is why the tests check Random123's
 * known-answer vectors. Words travel as int32 (signed) inside kernels; `>>> 0` makes them unsigned.
 */

/** Philox multipliers (Random123, philox.h), whole and as 16-bit halves for the high-word product. */
export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_M0H = 0xd251;
export const PHILOX_M0L = 0x1f53;
export const PHILOX_M1H = 0xcd9e;
export const PHILOX_M1L = 0x8d57;
/** Weyl increments of the key between rounds. */
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * Expands a key into the ten round keys (k0, k1 per round), so that hot loops do the Weyl additions once
 * per call instead of once per block. Stored as int32 bit patterns.
 *
 * @example
 * ```ts
 * const rk = philoxRoundKeys(0, 0);   // Int32Array(20): rk[2] === (0x9e3779b9 | 0)
 * ```
 */
export function philoxRoundKeys(k0: number, k1: number, out: Int32Array = new Int32Array(20)): Int32Array {
  for (let r = 0; r < 10; r++) {
    out[2 * r] = k0 + r * W0;   // typed-array stores wrap modulo 2^32: exactly Random123's key bump
    out[2 * r + 1] = k1 + r * W1;
  }
  return out;
}

/**
 * One Philox4x32-10 block from counter words (c0, c1, c2, c3) and round keys `rk`, written into
 * `out[at..at+3]` as int32 bit patterns. Scalar arguments, no allocation.
 *
 * @example
 * ```ts
 * const w = new Int32Array(4);
 * philoxBlock(0, 0, 0, 0, philoxRoundKeys(0, 0), w, 0);
 * (w[0] >>> 0).toString(16);   // '6627e8d5'
 * ```
 */
export function philoxBlock(
  c0: number, c1: number, c2: number, c3: number, rk: Int32Array, out: Int32Array, at: number,
): void {
  c0 |= 0; c1 |= 0; c2 |= 0; c3 |= 0;
  for (let r = 0; r < 20; r += 2) {
    // high word of M0·c0 from 16-bit halves: hh·2^32 + (hl + lh)·2^16 + ll, carries via `mid`
    let bh = c0 >>> 16;
    let bl = c0 & 0xffff;
    let ll = Math.imul(PHILOX_M0L, bl);
    let lh = Math.imul(PHILOX_M0L, bh);
    let hl = Math.imul(PHILOX_M0H, bl);
    let mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
    const h0 = (Math.imul(PHILOX_M0H, bh) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
    const l0 = Math.imul(PHILOX_M0, c0);
    bh = c2 >>> 16;
    bl = c2 & 0xffff;
    ll = Math.imul(PHILOX_M1L, bl);
    lh = Math.imul(PHILOX_M1L, bh);
    hl = Math.imul(PHILOX_M1H, bl);
    mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
    const h1 = (Math.imul(PHILOX_M1H, bh) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
    const l1 = Math.imul(PHILOX_M1, c2);
    c0 = h1 ^ c1 ^ rk[r]!;
    c2 = h0 ^ c3 ^ rk[r + 1]!;
    c1 = l1;
    c3 = l0;
  }
  out[at] = c0;
  out[at + 1] = c1;
  out[at + 2] = c2;
  out[at + 3] = c3;
}

/**
 * Philox4x32-10 on one block: four 32-bit output words from a four-word counter and a two-word key.
 * Matches the Random123 known-answer vectors bit for bit.
 *
 * @param counter - four uint32 words (counter[0] is the least significant)
 * @param key - two uint32 words
 * @returns four uint32 words
 *
 * @example
 * ```ts
 * const out = philox4x32(new Uint32Array(4), new Uint32Array(2));
 * out[0].toString(16); // '6627e8d5'
 * ```
 */
export function philox4x32(counter: Uint32Array, key: Uint32Array): Uint32Array {
  const rk = philoxRoundKeys(key[0]!, key[1]!);
  const out = new Int32Array(4);
  philoxBlock(counter[0]!, counter[1]!, counter[2]!, counter[3]!, rk, out, 0);
  return new Uint32Array(out.buffer);
}
