/**
 * Uniform variates on the open interval (0, 1) from the plain Philox stream (tag 0, see key.ts).
 *
 * Philox block j yields samples 2j (words 0, 1) and 2j+1 (words 2, 3). A sample takes 53 random bits,
 * the top 21 bits of its first word and all 32 of its second, k ∈ [0, 2^53), and is u = k·2^-53, except
 * that k = 0 maps to 2^-54: so u is never 0 (logs and inverse CDFs stay finite) and never 1, every value
 * is a double exactly, and 1 − u is exact for u ≥ 1/2. Sample i depends on (key, i) only, so any chunking
 * of a range reproduces the same bits, even when a chunk starts at an odd index, mid-block.
 *
 * Two kernels give identical bits: a WebAssembly one (philox-wasm.ts, used when available: it has the
 * 64-bit multiply that Philox needs and runs about 5× faster) and the JavaScript one below (fallback).
 */
import { assertKey, type Key } from './key.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';
import { forEachBlockRun, philoxWasm } from './philox-wasm.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';

const TWO32 = 4294967296;

const TWO_M53 = 2 ** -53;
const TWO_M54 = 2 ** -54;

/**
 * The 53-bit uniform of two words (hi gives its top 21 bits, lo 32); words may be int32 bit patterns.
 *
 * @example
 * ```ts
 * wordsToUniform(0x80000000, 0);   // 0.5
 * wordsToUniform(0, 0);            // 2^-54: never 0
 * ```
 */
export function wordsToUniform(hi: number, lo: number): number {
  const k = (hi >>> 11) * TWO32 + (lo >>> 0);
  return k === 0 ? TWO_M54 : k * TWO_M53;
}

/**
 * Kernel: writes samples offset..offset+n-1 of the plain stream with round keys `rk` into out[at..],
 * using `w` (4 words) as scratch. No allocation; the Philox rounds are inlined (see philox.ts for
 * the high-word product) because this loop is the generator's hot path.
 */
export function fillUniformRk(
  rk: Int32Array, w: Int32Array, offset: number, n: number, out: Float64Array, at: number,
): void {
  if (n === 0) return;
  // Philox multipliers, whole and in 16-bit halves (as in philox.ts). Function-local on purpose: V8
  // folds local constants into the loop but reloads module-level and imported bindings on every use
  // (measured: 2× and 20× slower).
  const PHILOX_M0 = 0xd2511f53;
  const PHILOX_M1 = 0xcd9e8d57;
  const PHILOX_M0H = 0xd251;
  const PHILOX_M0L = 0x1f53;
  const PHILOX_M1H = 0xcd9e;
  const PHILOX_M1L = 0x8d57;
  let j = Math.floor(offset / 2);
  let o = at;
  const end = at + n;
  if (offset % 2 === 1) {            // a chunk starting mid-block uses the block's second sample only
    philoxBlock(j % TWO32, Math.floor(j / TWO32), 0, 0, rk, w, 0);
    out[o++] = wordsToUniform(w[2]!, w[3]!);
    j++;
  }
  let b0 = (j % TWO32) | 0;
  let b1 = Math.floor(j / TWO32) | 0;
  while (o < end) {
    let c0 = b0;
    let c1 = b1;
    let c2 = 0;
    let c3 = 0;
    for (let r = 0; r < 20; r += 2) {
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
    let k = (c0 >>> 11) * TWO32 + (c1 >>> 0);
    out[o++] = k === 0 ? TWO_M54 : k * TWO_M53;
    if (o < end) {
      k = (c2 >>> 11) * TWO32 + (c3 >>> 0);
      out[o++] = k === 0 ? TWO_M54 : k * TWO_M53;
    }
    b0 = (b0 + 1) | 0;
    if (b0 === 0) b1 = (b1 + 1) | 0;
  }
}

/**
 * Kernel: samples offset..offset+n-1 of the plain stream of key words (k0, k1) into out[at..], by the
 * WebAssembly kernel when available (whole blocks into its scratch memory, then one copy), else in JS.
 */
export function fillUniform(k0: number, k1: number, offset: number, n: number, out: Float64Array, at: number): void {
  const wasm = philoxWasm();
  if (wasm === null) {
    fillUniformRk(philoxRoundKeys(k0, k1), new Int32Array(4), offset, n, out, at);
    return;
  }
  const scratch = wasm.scratch;
  forEachBlockRun(offset, n, at, wasm.maxBlocks, (c0, c1, blocks, first, take, o) => {
    wasm.fill(c0, c1, blocks, k0 | 0, k1 | 0, 0, 0);
    out.set(scratch.subarray(first, first + take), o);
  });
}

/**
 * `n` uniform variates on (0, 1), samples `offset`..`offset+n-1` of the key's plain stream.
 * Each carries 53 random bits; the result does not depend on how a range is split into calls.
 *
 * @param k - the key
 * @param n - number of samples (a non-negative integer)
 * @param options - `offset` of the first sample (default 0); `out` to write into an existing array
 * @returns a Float64Array of n values in (0, 1)
 *
 * @example
 * ```ts
 * const u = uniform(key(0), 4);
 * const tail = uniform(key(0), 2, { offset: 2 });   // equals u.subarray(2)
 * uniform(key(0), -1);                             // throws PathwiseRangeError
 * ```
 */
export function uniform(k: Key, n: number, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'uniform');
  checkCount('uniform', 'n', n);
  const offset = checkOffset('uniform', n, options.offset);
  const out = outArray('uniform', n, options.out);
  fillUniform(k.k0, k.k1, offset, n, out, 0);
  return out;
}
