/**
 * Elementwise transcendental functions on Float64Arrays: exp, expm1, log, log1p, sin, cos, tanh, sigmoid,
 * softplus, erf, erfc and the normal log-CDF, within 1.1 ulp (normLogCdf: 1.27) of the exact value, tested
 * against correctly rounded references. They run in WebAssembly SIMD kernels, two lanes at a time, where
 * V8's scalar Math.* costs 7–25 ns per element; the module (assembled by scripts/gen-transcendental-wasm.py)
 * has a fixed 64 KiB working page, so arrays pass through it in tiles of 4096 doubles (inputs in one half,
 * results in the other) and any length works without growing memory. Where WebAssembly SIMD is missing or refused, the generated JavaScript loops run
 * instead and give the same bits (same operations in the same order; WebAssembly has no fused
 * multiply–add). sin/cos lanes with |x| > 2^20 are redone with an exact reduction on both paths.
 */
import { decodeBase64 } from '../../base64.js';
import {
  TRANSCENDENTAL_WASM_BASE64, TRANSCENDENTAL_WASM_OUT, TRANSCENDENTAL_WASM_STEP, TRANSCENDENTAL_WASM_TILE,
} from './transcendental-wasm-bytes.js';
import {
  TRIG_LIMIT, cosJs, erfJs, erfcJs, expJs, expm1Js, log1pJs, logJs, normLogCdfJs, sigmoidJs, sinJs, softplusJs, tanhJs,
} from './transcendental-js.js';
import { cosLarge, sinLarge } from './trig-reduction.js';

/** The names of the kernels, as exported by the module. */
export type TranscendentalName =
  'exp' | 'expm1' | 'log' | 'log1p' | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'softplus' | 'erf' | 'erfc' | 'normLogCdf';

type WasmKernel = (n: number) => number;
type JsKernel = (x: Float64Array, o: Float64Array, n: number) => number;

interface Instance {
  readonly kernels: Record<TranscendentalName, WasmKernel>;
  readonly scratch: Float64Array;
  readonly results: Float64Array;
}

const JS_KERNELS: Record<TranscendentalName, JsKernel> = {
  exp: expJs, expm1: expm1Js, log: logJs, log1p: log1pJs, sin: sinJs, cos: cosJs,
  tanh: tanhJs, sigmoid: sigmoidJs, softplus: softplusJs, erf: erfJs, erfc: erfcJs, normLogCdf: normLogCdfJs,
};

let instance: Instance | null | undefined;
let enabled = true;

/** The WebAssembly module, instantiated on first use (synchronously: it is small), or null. */
function wasm(): Instance | null {
  if (!enabled) return null;
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly === 'object') {
      const bytes = decodeBase64(TRANSCENDENTAL_WASM_BASE64) as Uint8Array<ArrayBuffer>;
      const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as
        Record<TranscendentalName, WasmKernel> & { mem: WebAssembly.Memory };
      instance = {
        kernels: exports,
        scratch: new Float64Array(exports.mem.buffer, 0, TRANSCENDENTAL_WASM_TILE),
        results: new Float64Array(exports.mem.buffer, TRANSCENDENTAL_WASM_OUT, TRANSCENDENTAL_WASM_TILE),
      };
    }
  } catch {
    instance = null;   // no SIMD (or a Content Security Policy refusing WebAssembly): JavaScript loops
  }
  return instance;
}

/**
 * Turns the WebAssembly path off or on (tests compare both paths; both give identical bits).
 *
 * @example
 * ```ts
 * setTranscendentalWasmEnabled(false);   // generated JavaScript loops from now on
 * setTranscendentalWasmEnabled(true);
 * ```
 */
export function setTranscendentalWasmEnabled(on: boolean): void {
  enabled = on;
}

/** True when the WebAssembly SIMD kernels are in use. */
export function transcendentalWasmActive(): boolean {
  return wasm() !== null;
}

/** Redoes the lanes of x[from…to) that the kernel counted (sin/cos with |x| > 2^20 or not finite). */
function redoLarge(name: TranscendentalName, x: Float64Array, out: Float64Array, from: number, to: number): void {
  const f = name === 'sin' ? sinLarge : cosLarge;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    if (!(Math.abs(v) <= TRIG_LIMIT)) out[i] = f(v);
  }
}

/**
 * out[i] = f(x[i]) for the named function. `out` must not be `x` itself (sin/cos reread x), and must be
 * at least as long as x.
 *
 * @example
 * ```ts
 * const out = new Float64Array(3);
 * applyTranscendental('exp', new Float64Array([0, 1, -1]), out);
 * out;   // [1, 2.718281828459045, 0.36787944117144233]
 * ```
 */
export function applyTranscendental(name: TranscendentalName, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  const w = wasm();
  if (w === null) {
    if (JS_KERNELS[name](x, out, n) > 0) redoLarge(name, x, out, 0, n);
    return;
  }
  const kernel = w.kernels[name];
  const s = w.scratch;
  const r = w.results;
  for (let i = 0; i < n; i += TRANSCENDENTAL_WASM_TILE) {
    const m = Math.min(TRANSCENDENTAL_WASM_TILE, n - i);
    s.set(m === n ? x : x.subarray(i, i + m));
    const padded = Math.ceil(m / TRANSCENDENTAL_WASM_STEP) * TRANSCENDENTAL_WASM_STEP;
    if (padded > m) s.fill(0, m, padded);        // the kernel runs whole vectors: pad with zeros
    const redo = kernel(padded);
    out.set(m === TRANSCENDENTAL_WASM_TILE ? r : r.subarray(0, m), i);
    if (redo > 0) redoLarge(name, x, out, i, i + m);
  }
}
