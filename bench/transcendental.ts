/**
 * Per-kernel micro-benchmark of the transcendental functions (src/ad/kernels/transcendental.ts):
 * ns per element for the old scalar Math.* loop (@stdlib for erf/erfc), the WebAssembly SIMD kernels (tiles copied through the
 * module's memory), the generated JavaScript fallback, and NumPy's (SciPy's for erf/erfc) ufuncs into a
 * preallocated output,
 * on 2^16 elements (in cache, as in a Monte Carlo batch) and 2^20 (memory-bound for simple loops).
 * Run: npx tsx bench/transcendental.ts
 */
import erfScalar from '@stdlib/math-base-special-erf';
import erfcScalar from '@stdlib/math-base-special-erfc';
import erfcxScalar from '@stdlib/math-base-special-erfcx';
import {
  applyTranscendental, setTranscendentalWasmEnabled, type TranscendentalName,
} from '../src/ad/kernels/transcendental.js';
import { TRANSCENDENTAL_WASM_TILE } from '../src/ad/kernels/transcendental-wasm-bytes.js';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

const SIZES = [1 << 16, 1 << 20];
const RUNS = 7;

// Inputs where each function does its usual work (no overflow or special cases).
const DOMAIN: Record<TranscendentalName, [number, number]> = {
  exp: [-20, 20], expm1: [-2, 2], log: [1e-3, 1e3], log1p: [-0.5, 10], sin: [-10, 10], cos: [-10, 10],
  tanh: [-5, 5], sigmoid: [-10, 10], softplus: [-10, 10], erf: [-4, 4], erfc: [-4, 8],
  normLogCdf: [-10, 5],
};
const NUMPY: Record<TranscendentalName, string> = {
  exp: 'np.exp(x, out=o)', expm1: 'np.expm1(x, out=o)', log: 'np.log(x, out=o)', log1p: 'np.log1p(x, out=o)',
  sin: 'np.sin(x, out=o)', cos: 'np.cos(x, out=o)', tanh: 'np.tanh(x, out=o)',
  sigmoid: 'np.divide(1.0, np.add(1.0, np.exp(np.negative(x, out=o), out=o), out=o), out=o)',
  softplus: 'np.logaddexp(0.0, x, out=o)', erf: 'sp.erf(x, out=o)', erfc: 'sp.erfc(x, out=o)',
  normLogCdf: 'sp.log_ndtr(x, out=o)',
};
// The loops the engine used before: V8's scalar Math.* (sigmoid and softplus in their stable forms).
const MATH: Record<TranscendentalName, (x: Float64Array, o: Float64Array) => void> = {
  exp: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i]!); },
  expm1: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.expm1(x[i]!); },
  log: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i]!); },
  log1p: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.log1p(x[i]!); },
  sin: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.sin(x[i]!); },
  cos: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.cos(x[i]!); },
  tanh: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i]!); },
  sigmoid: (x, o) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v >= 0) o[i] = 1 / (1 + Math.exp(-v));
      else { const e = Math.exp(v); o[i] = e / (1 + e); }
    }
  },
  softplus: (x, o) => {
    for (let i = 0; i < x.length; i++) { const v = x[i]!; o[i] = (v > 0 ? v : 0) + Math.log1p(Math.exp(-Math.abs(v))); }
  },
  erf: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = erfScalar(x[i]!); },     // @stdlib, as before
  erfc: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = erfcScalar(x[i]!); },
  normLogCdf: (x, o) => { for (let i = 0; i < x.length; i++) o[i] = normLogCdfBefore(x[i]!); },
};
/** The engine's scalar log Φ before this change (@stdlib's erfc and erfcx). */
function normLogCdfBefore(x: number): number {
  if (x < -1) return Math.log(0.5 * erfcxScalar(-x * Math.SQRT1_2)) - 0.5 * x * x;
  if (x > 0) return Math.log1p(-0.5 * erfcScalar(x * Math.SQRT1_2));
  return Math.log(0.5 * erfcScalar(-x * Math.SQRT1_2));
}
const NAMES = Object.keys(DOMAIN) as TranscendentalName[];

function inputs(name: TranscendentalName, n: number): Float64Array {
  const [lo, hi] = DOMAIN[name];
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = lo + ((hi - lo) * ((i * 0.6180339887498949) % 1));
  return x;
}

const np = runPython(`${PY_TIMER}
import numpy as np
import scipy.special as sp
res = {}
doms = ${JSON.stringify(DOMAIN)}
for n in ${JSON.stringify(SIZES)}:
    for name, (lo, hi) in doms.items():
        x = lo + (hi - lo) * ((np.arange(n) * 0.6180339887498949) % 1)
        o = np.empty(n)
        stmts = ${JSON.stringify(NUMPY)}
        fn = eval('lambda: ' + stmts[name], {'np': np, 'sp': sp, 'x': x, 'o': o})
        res[f'{name}:{n}'] = median_time(fn, ${RUNS}) / n * 1e9
print(json.dumps(res))
`, ['numpy', 'scipy']);

for (const n of SIZES) {
  console.log(`\ntranscendental kernels, n = 2^${Math.log2(n)}, median of ${RUNS} runs (ns per element)`);
  row('', 'Math.* loop', 'WASM SIMD', 'JS fallback', 'NumPy', 'WASM/NumPy');
  for (const name of NAMES) {
    const x = inputs(name, n);
    const o = new Float64Array(n);
    const per = (t: number) => (t / n) * 1e9;
    const tMath = per(timeMedian(() => { MATH[name](x, o); return o; }, RUNS));
    setTranscendentalWasmEnabled(true);
    const tWasm = per(timeMedian(() => { applyTranscendental(name, x, o); return o; }, RUNS));
    setTranscendentalWasmEnabled(false);
    const tJs = per(timeMedian(() => { applyTranscendental(name, x, o); return o; }, RUNS));
    setTranscendentalWasmEnabled(true);
    const tNp = np?.[`${name}:${n}`];
    row(name, tMath, tWasm, tJs, tNp ?? 'n/a', tNp ? tWasm / tNp : 'n/a');
  }
}
// The copy through the module's memory, alone: a bound for what tiling costs per element.
{
  const n = 1 << 20;
  const x = inputs('exp', n);
  const o = new Float64Array(n);
  const s = new Float64Array(TRANSCENDENTAL_WASM_TILE);
  const tCopy = timeMedian(() => {
    for (let i = 0; i < n; i += s.length) { s.set(x.subarray(i, i + s.length)); o.set(s, i); }
    return o;
  }, RUNS);
  console.log(`\n  copy in + out through a ${s.length}-double tile: ${((tCopy / n) * 1e9).toFixed(3)} ns per element`);
}
console.log('  (shared machine: absolute times are noisy; compare columns of the same run)');
