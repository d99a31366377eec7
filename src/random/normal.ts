/**
 * Standard normal variates: the inverse normal CDF (AS 241, normal-quantile.ts) of the plain stream's
 * 53-bit uniforms, so `normal(k, n)[i] === normalQuantile(uniform(k, n)[i])` bit for bit, and sample i is
 * a pure function of (key, i). The same transform serves Sobol points (sobol.ts).
 *
 * Inversion rather than Box–Muller or the ziggurat: one uniform per normal (so pairs never couple two
 * sample indices), a monotone map (QMC and common random numbers keep their structure), no rejection
 * (every sample costs the same). The tails reach |z| ≈ 8.2, the limit that 53-bit uniforms resolve.
 */
import { assertKey, type Key } from './key.js';
import { normalQuantile, normalQuantileCentral, normalQuantileTail } from './normal-quantile.js';
import { applyTranscendental } from '../ad/kernels/transcendental.js';
import { forEachBlockRun, philoxWasm, type PhiloxWasm } from './philox-wasm.js';
import { fillUniform } from './uniform.js';
import { checkCount, checkOffset, outArray, type StreamOptions } from './validate.js';

/** Samples per pass: uniforms are generated and transformed while still in cache. */
const CHUNK = 2048;

// Scratch for the tail pass (module-level, reused: kernels do not allocate per call)
const tailIndex = new Int32Array(CHUNK);
const tailU = new Float64Array(CHUNK);

/**
 * Kernel: normals offset..offset+n-1 of the plain stream of key words (k0, k1) into out[at..].
 *
 * Bit for bit `normalQuantile(u)`, but in two passes per chunk: the central rational function of AS 241
 * for every sample without a branch (about 85% need nothing more), recording the tail samples, then
 * `normalQuantile` for the recorded ones. A branch taken 15% of the time at random costs more than the
 * wasted central evaluations (measured: 21 → 15 ns per value for the transform). With WebAssembly the
 * first pass runs inside the Philox kernel (philox-wasm.ts) and only the tails are finished here.
 */
export function fillNormal(k0: number, k1: number, offset: number, n: number, out: Float64Array, at: number): void {
  const wasm = philoxWasm();
  if (wasm !== null) {
    fillNormalWasm(wasm, k0, k1, offset, n, out, at);
    return;
  }
  for (let c = 0; c < n; c += CHUNK) {
    const len = Math.min(CHUNK, n - c);
    const start = at + c;
    fillUniform(k0, k1, offset + c, len, out, start);
    let m = 0;
    for (let i = 0; i < len; i++) {
      const u = out[start + i]!;
      const q = u - 0.5;
      out[start + i] = normalQuantileCentral(q);   // the expression normalQuantile uses, so bits agree
      tailIndex[m] = start + i;
      tailU[m] = u;
      m += (q < -0.425 ? 1 : 0) + (q > 0.425 ? 1 : 0);
    }
    const z = tailQuantiles(tailU, m);
    for (let t = 0; t < m; t++) out[tailIndex[t]!] = z[t]!;
  }
}

// Scratch for the tails' logarithms, grown on demand.
let tailS = new Float64Array(CHUNK);
let tailLog = new Float64Array(CHUNK);

/**
 * normalQuantile(u[t]) for the m tail uniforms u[0…m), into a scratch array (valid until the next call):
 * the logarithms of min(u, 1 − u) in one elementwise log (its WebAssembly kernel is several times faster
 * per element than a scalar call, and gives the same bits as the scalar log normalQuantile uses), then
 * the tails' rational functions.
 */
function tailQuantiles(u: Float64Array, m: number): Float64Array {
  if (tailS.length < m) {
    tailS = new Float64Array(m);
    tailLog = new Float64Array(m);
  }
  for (let t = 0; t < m; t++) {
    const p = u[t]!;
    tailS[t] = p < 0.5 ? p : 1 - p;
  }
  applyTranscendental('log', m === tailS.length ? tailS : tailS.subarray(0, m), m === tailLog.length ? tailLog : tailLog.subarray(0, m));
  for (let t = 0; t < m; t++) {
    const p = u[t]!;
    // s = 0 (u = 0 or 1) and NaN take normalQuantile's own paths.
    tailLog[t] = tailS[t]! > 0 ? normalQuantileTail(tailLog[t]!, p < 0.5) : normalQuantile(p);
  }
  return tailLog;
}

/**
 * The same with the WebAssembly kernel doing Philox and the central branch; tails finished here. The
 * counter words c2 and c3 are 0 for the plain stream; brownian.ts sets them to (step, tag | lane).
 */
export function fillNormalWasm(
  wasm: PhiloxWasm, k0: number, k1: number, offset: number, n: number, out: Float64Array, at: number, c2 = 0, c3 = 0,
): void {
  const { scratch, tailU, tailIndex } = wasm;
  forEachBlockRun(offset, n, at, wasm.maxNormalBlocks, (c0, c1, blocks, first, take, o) => {
    const m = wasm.normal(c0, c1, blocks, k0 | 0, k1 | 0, c2 | 0, c3 | 0);
    out.set(scratch.subarray(first, first + take), o);
    finishTails(tailIndex, tailU, m, first, take, out, o);
  });
}

/** The tail samples the kernel listed, by the full inverse CDF (a plain function: V8 optimizes it alone). */
function finishTails(tailIndex: Int32Array, tailU: Float64Array, m: number, first: number, take: number, out: Float64Array, o: number): void {
  const z = tailQuantiles(tailU, m);
  for (let t = 0; t < m; t++) {
    const s = tailIndex[t]! - first;
    if (s >= 0 && s < take) out[o + s] = z[t]!;
  }
}

/**
 * `n` standard normal variates, samples `offset`..`offset+n-1` of the key's plain stream.
 *
 * @param k - the key
 * @param n - number of samples (a non-negative integer)
 * @param options - `offset` of the first sample (default 0); `out` to write into an existing array
 * @returns a Float64Array of n standard normal values
 *
 * @example
 * ```ts
 * const z = normal(key(1), 1000);
 * const same = normal(key(1), 10, { offset: 990 });  // equals z.subarray(990)
 * ```
 */
export function normal(k: Key, n: number, options: StreamOptions = {}): Float64Array {
  assertKey(k, 'normal');
  checkCount('normal', 'n', n);
  const offset = checkOffset('normal', n, options.offset);
  const out = outArray('normal', n, options.out);
  fillNormal(k.k0, k.k1, offset, n, out, 0);
  return out;
}
