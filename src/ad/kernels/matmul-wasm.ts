/**
 * The WebAssembly SIMD path of matmul. V8 runs scalar JavaScript multiply–adds at about 1.8 GMAC/s here
 * even with register tiles; WebAssembly's f64x2 lanes and its 16 vector registers hold a whole tile of C
 * and do two multiply–adds per instruction. The module (about a kilobyte, assembled by
 * scripts/gen-matmul-wasm.py, which documents the memory layout) multiplies panels that the caller
 * packs into its fixed memory; src/ad/kernels/matmul.ts does the packing and the blocking. Where
 * WebAssembly or its SIMD is missing or refused (a strict Content Security Policy), the JavaScript
 * kernel takes over with identical bits (tested).
 */
import { decodeBase64 } from '../../base64.js';
import { MATMUL_WASM_BASE64, MATMUL_WASM_LAYOUT } from './matmul-wasm-bytes.js';

/**
 * The instantiated kernel: `gemm(mc, nc, kc, acc, rsa, csa, ldc)` on the blocks in `mem`; A's strides
 * rsa and csa in bytes, C's row stride ldc in doubles (see the generator for the layout).
 */
export interface MatmulWasm {
  readonly gemm: (mc: number, nc: number, kc: number, acc: number, rsa: number, csa: number, ldc: number) => void;
  /** The module's whole memory as doubles (fixed size, never grown, so this view stays valid). */
  readonly mem: Float64Array;
}

export const matmulLayout = MATMUL_WASM_LAYOUT;

let instance: MatmulWasm | null | undefined;
let enabled = true;

/** The WebAssembly kernel, instantiated on first use (synchronously: the module is tiny), or null. */
export function matmulWasm(): MatmulWasm | null {
  if (!enabled) return null;
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly === 'object') {
      const module = new WebAssembly.Module(decodeBase64(MATMUL_WASM_BASE64) as Uint8Array<ArrayBuffer>);
      const exports = new WebAssembly.Instance(module).exports as { gemm: MatmulWasm['gemm']; mem: WebAssembly.Memory };
      instance = { gemm: exports.gemm, mem: new Float64Array(exports.mem.buffer) };
    }
  } catch {
    instance = null;                                         // no SIMD or no WebAssembly: JavaScript kernel
  }
  return instance;
}

/**
 * Turns the WebAssembly matmul off or on (for tests that compare both paths, benchmarks and debugging);
 * both paths give identical bits, only speed differs.
 *
 * @example
 * ```ts
 * setMatmulWasmEnabled(false);   // JavaScript kernel from now on
 * setMatmulWasmEnabled(true);
 * ```
 */
export function setMatmulWasmEnabled(on: boolean): void {
  enabled = on;
}
