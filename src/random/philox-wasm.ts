/**
 * The WebAssembly path of the uniform stream. Plain JavaScript has no 32×32→64-bit multiply, so its
 * Philox spends most of its time assembling high words from 16-bit pieces; WebAssembly has i64.mul and
 * runs the same rounds several times faster. The module (a few hundred bytes, assembled by
 * scripts/gen-philox-wasm.py) fills whole Philox blocks of 53-bit uniforms into its own memory, and
 * the caller copies the wanted range out. Where WebAssembly is missing or refused (a strict Content
 * Security Policy), everything falls back to the JavaScript kernel, which gives identical bits (tested).
 */
import { decodeBase64 } from '../base64.js';
import { PHILOX_WASM_BASE64, PHILOX_WASM_TAIL_INDEX, PHILOX_WASM_TAIL_U } from './philox-wasm-bytes.js';

/**
 * The instantiated kernels. fill(c0, c1, nblocks, k0, k1, c2, c3) writes 2·nblocks uniforms of the
 * blocks with counters (c0 + j, c1 with carry, c2, c3) into `scratch`;
 * normal(…) writes the central AS 241 values instead and returns how many samples lie in the tails,
 * listed in `tailIndex` (sample number within the call) and `tailU` (their uniforms).
 */
export interface PhiloxWasm {
  readonly fill: (c0: number, c1: number, nblocks: number, k0: number, k1: number, c2: number, c3: number) => void;
  readonly normal: (c0: number, c1: number, nblocks: number, k0: number, k1: number, c2: number, c3: number) => number;
  readonly scratch: Float64Array;
  readonly tailU: Float64Array;
  readonly tailIndex: Int32Array;
  /** Blocks per `fill` call (the whole memory). */
  readonly maxBlocks: number;
  /** Blocks per `normal` call (values below the tail lists, and at most as many tails as fit). */
  readonly maxNormalBlocks: number;
}

let instance: PhiloxWasm | null | undefined;
let enabled = true;

/** The WebAssembly kernel, instantiated on first use (synchronously: the module is tiny), or null. */
export function philoxWasm(): PhiloxWasm | null {
  if (!enabled) return null;
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly === 'object') {
      const module = new WebAssembly.Module(decodeBase64(PHILOX_WASM_BASE64) as Uint8Array<ArrayBuffer>);
      const exports = new WebAssembly.Instance(module).exports as {
        fill: PhiloxWasm['fill']; normal: PhiloxWasm['normal']; mem: WebAssembly.Memory;
      };
      const buffer = exports.mem.buffer;                       // two 64 KiB pages, never grown
      const scratch = new Float64Array(buffer);
      const tailU = new Float64Array(buffer, PHILOX_WASM_TAIL_U, (PHILOX_WASM_TAIL_INDEX - PHILOX_WASM_TAIL_U) / 8);
      const tailIndex = new Int32Array(buffer, PHILOX_WASM_TAIL_INDEX, tailU.length);
      instance = {
        fill: exports.fill, normal: exports.normal, scratch, tailU, tailIndex,
        maxBlocks: scratch.length >> 1, maxNormalBlocks: tailU.length >> 1,
      };
    }
  } catch {
    instance = null;                                         // fall back to the JavaScript kernel
  }
  return instance;
}

/**
 * Turns the WebAssembly path off or on (for tests that compare both paths, and for debugging); both
 * paths give identical bits, only speed differs.
 *
 * @example
 * ```ts
 * setPhiloxWasmEnabled(false);   // pure JavaScript from now on
 * setPhiloxWasmEnabled(true);
 * ```
 */
export function setPhiloxWasmEnabled(on: boolean): void {
  enabled = on;
}

/**
 * Walks samples offset … offset + n − 1 of a stream in runs of whole Philox blocks (two samples each, at
 * most `maxBlocks` per run, as the kernel's memory holds): `run(c0, c1, blocks, first, take, o)` fills
 * `blocks` blocks from the counter (c0, c1) and copies `take` samples, from block-sample `first` (1 when
 * the run starts mid-block), to out[o …].
 */
export function forEachBlockRun(
  offset: number, n: number, at: number, maxBlocks: number,
  run: (c0: number, c1: number, blocks: number, first: number, take: number, o: number) => void,
): void {
  const TWO32 = 4294967296;
  let i = offset;
  let o = at;
  const end = at + n;
  while (o < end) {
    const j = Math.floor(i / 2);
    const first = i - 2 * j;
    const blocks = Math.min(maxBlocks, Math.ceil((end - o + first) / 2));
    const take = Math.min(end - o, 2 * blocks - first);
    run(j % TWO32 | 0, Math.floor(j / TWO32) | 0, blocks, first, take, o);
    o += take;
    i += take;
  }
}
