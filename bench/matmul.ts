/**
 * Issue [3/5] benchmark: float64 matrix products at the sizes the project uses (VAE layers, the BBVI
 * design matrix, square 256 and 512), in GMAC/s (multiply–adds per second, higher is better), single
 * thread, medians of several runs, all in the same run:
 * - the kernel before WebAssembly (JavaScript 4×4 register tiles, kept below as the baseline);
 * - the WebAssembly SIMD kernel (what matmul runs now) and its JavaScript fallback (same bits);
 * - the products with a transposed operand that the VJP runs (G·Bᵀ, Aᵀ·G), read in place;
 * - NumPy (OpenBLAS, one thread) and a naive C triple loop (cc -O3 -march=native).
 * Goal: WebAssembly ≥ 2× the old kernel. The machine may be shared: absolute figures are noisy.
 * Run: npx tsx bench/matmul.ts
 */
import { PY_TIMER, median, row, runC, runPython } from './lib/harness.js';
import { gemm } from '../src/ad/kernels/matmul.js';
import { setMatmulWasmEnabled } from '../src/advanced.js';

const SHAPES: [string, number, number, number][] = [   // label, m, k, n
  ['VAE [128,64]×[64,256]', 128, 64, 256],
  ['VAE [128,256]×[256,64]', 128, 256, 64],
  ['BBVI [455,31]×[31,16]', 455, 31, 16],
  ['square 256', 256, 256, 256],
  ['square 512', 512, 512, 512],
];
const RUNS = 9;
const TARGET_MACS = 4e7;   // repetitions per timed run, so that each run lasts ~10 ms

/** The matmul kernel before the WebAssembly one (src/ad/ops/matmul.ts at b494f55), as the baseline. */
function oldGemm(a: Float64Array, b: Float64Array, c: Float64Array, n: number, k: number, m: number): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let bp = j;
      for (let p = 0; p < k; p++, bp += m) {
        const b0 = b[bp]!, b1 = b[bp + 1]!, b2 = b[bp + 2]!, b3 = b[bp + 3]!;
        let x = a[a0 + p]!;
        s00 += x * b0; s01 += x * b1; s02 += x * b2; s03 += x * b3;
        x = a[a1 + p]!;
        s10 += x * b0; s11 += x * b1; s12 += x * b2; s13 += x * b3;
        x = a[a2 + p]!;
        s20 += x * b0; s21 += x * b1; s22 += x * b2; s23 += x * b3;
        x = a[a3 + p]!;
        s30 += x * b0; s31 += x * b1; s32 += x * b2; s33 += x * b3;
      }
      let o = i * m + j;
      c[o] = s00; c[o + 1] = s01; c[o + 2] = s02; c[o + 3] = s03; o += m;
      c[o] = s10; c[o + 1] = s11; c[o + 2] = s12; c[o + 3] = s13; o += m;
      c[o] = s20; c[o + 1] = s21; c[o + 2] = s22; c[o + 3] = s23; o += m;
      c[o] = s30; c[o + 1] = s31; c[o + 2] = s32; c[o + 3] = s33;
    }
    for (; j < m; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) {
        const bv = b[bp]!;
        s0 += a[a0 + p]! * bv; s1 += a[a1 + p]! * bv; s2 += a[a2 + p]! * bv; s3 += a[a3 + p]! * bv;
      }
      const o = i * m + j;
      c[o] = s0; c[o + m] = s1; c[o + 2 * m] = s2; c[o + 3 * m] = s3;
    }
  }
  for (; i < n; i++) {
    const ai = i * k;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) {
        const x = a[ai + p]!;
        s0 += x * b[bp]!; s1 += x * b[bp + 1]!; s2 += x * b[bp + 2]!; s3 += x * b[bp + 3]!;
      }
      const o = i * m + j;
      c[o] = s0; c[o + 1] = s1; c[o + 2] = s2; c[o + 3] = s3;
    }
    for (; j < m; j++) {
      let s = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) s += a[ai + p]! * b[bp]!;
      c[i * m + j] = s;
    }
  }
}

const filled = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 0.37));

/**
 * GMAC/s of each of `fns` (one product of m·k·n multiply–adds each), repeated to ~TARGET_MACS per timed
 * run. The kernels take turns within every round, so a change in the machine's load hits all of them
 * alike; besides each median, the median over rounds of the per-round speed-up of fns[1] over fns[0].
 */
function interleaved(m: number, k: number, n: number, fns: (() => void)[]): { rates: number[]; speedup: number } {
  const reps = Math.max(1, Math.round(TARGET_MACS / (m * k * n)));
  const run = (fn: () => void) => {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    return (performance.now() - t0) / 1000;
  };
  for (let w = 0; w < 3; w++) fns.forEach(run);
  const times = fns.map(() => [] as number[]);
  const speedups: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    const t = fns.map(run);
    t.forEach((x, i) => times[i]!.push(x));
    speedups.push(t[0]! / t[1]!);
  }
  return { rates: times.map((ts) => (m * k * n * reps) / median(ts) / 1e9), speedup: median(speedups) };
}

interface Result { old: number; wasm: number; js: number; gbt: number; atg: number; speedup: number }
const results: Result[] = [];
for (const [, m, k, n] of SHAPES) {
  const a = filled(m * k, 1), b = filled(k * n, 2), g = filled(m * n, 3), c = new Float64Array(m * n);
  const da = new Float64Array(m * k), db = new Float64Array(k * n);
  const wasmOn = (fn: () => void) => () => { setMatmulWasmEnabled(true); fn(); };
  const { rates, speedup } = interleaved(m, k, n, [
    () => oldGemm(a, b, c, m, k, n),
    wasmOn(() => gemm(a, 0, k, 1, b, 0, n, 1, c, 0, m, n, k)),
    () => { setMatmulWasmEnabled(false); gemm(a, 0, k, 1, b, 0, n, 1, c, 0, m, n, k); },
    wasmOn(() => gemm(g, 0, n, 1, b, 0, 1, n, da, 0, m, k, n)),    // Ā = G·Bᵀ
    wasmOn(() => gemm(a, 0, 1, k, g, 0, n, 1, db, 0, k, n, m)),    // B̄ = Aᵀ·G
  ]);
  const [old, wasm, js, gbt, atg] = rates as [number, number, number, number, number];
  results.push({ old, wasm, js, gbt, atg, speedup });
}
setMatmulWasmEnabled(true);

const shapesPy = JSON.stringify(SHAPES.map(([, m, k, n]) => [m, k, n]));
const py = runPython(`${PY_TIMER}
import numpy as np
out = {}
for i, (m, k, n) in enumerate(${shapesPy}):
    a = np.sin(1000 + np.arange(m * k) * 0.37).reshape(m, k)
    b = np.sin(2000 + np.arange(k * n) * 0.37).reshape(k, n)
    g = np.sin(3000 + np.arange(m * n) * 0.37).reshape(m, n)
    reps = max(1, round(${TARGET_MACS} / (m * k * n)))
    def loop(f):
        def run():
            for _ in range(reps): f()
        return m * k * n * reps / median_time(run, ${RUNS}, 3) / 1e9
    c = np.empty((m, n)); da = np.empty((m, k)); db = np.empty((k, n))
    out[f"f{i}"] = loop(lambda: np.matmul(a, b, out=c))
    out[f"gbt{i}"] = loop(lambda: np.matmul(g, b.T, out=da))
    out[f"atg{i}"] = loop(lambda: np.matmul(a.T, g, out=db))
print(json.dumps(out))
`, ['numpy']);

const C_SOURCE = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *x, const void *y) { double a = *(const double *)x, b = *(const double *)y; return (a > b) - (a < b); }
/* Naive dot-product order (i, j, p): the same order of summation as pathwise. */
static void ijp(const double *a, const double *b, double *c, int m, int k, int n) {
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
}
/* Naive (i, p, j) order: the same sums, vectorizable over j by the compiler. */
static void ipj(const double *a, const double *b, double *c, int m, int k, int n) {
  for (int i = 0; i < m; i++) {
    double *ci = c + i * n;
    for (int j = 0; j < n; j++) ci[j] = 0;
    for (int p = 0; p < k; p++) {
      const double x = a[i * k + p]; const double *bp = b + p * n;
      for (int j = 0; j < n; j++) ci[j] += x * bp[j];
    }
  }
}
static double rate(void (*f)(const double *, const double *, double *, int, int, int), const double *a, const double *b, double *c, int m, int k, int n) {
  double macs = (double)m * k * n; int reps = macs >= ${TARGET_MACS} ? 1 : (int)(${TARGET_MACS} / macs + 0.5);
  double ts[${RUNS}];
  for (int w = 0; w < 3; w++) for (int r = 0; r < reps; r++) f(a, b, c, m, k, n);
  for (int t = 0; t < ${RUNS}; t++) { double t0 = now(); for (int r = 0; r < reps; r++) f(a, b, c, m, k, n); ts[t] = now() - t0; }
  qsort(ts, ${RUNS}, sizeof(double), cmp);
  return macs * reps / ts[${RUNS} / 2] / 1e9;
}
int main(void) {
  int shapes[][3] = { ${SHAPES.map(([, m, k, n]) => `{${m}, ${k}, ${n}}`).join(', ')} };
  int ns = sizeof shapes / sizeof shapes[0];
  printf("{");
  for (int s = 0; s < ns; s++) {
    int m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
    double *a = malloc(sizeof(double) * m * k), *b = malloc(sizeof(double) * k * n), *c = malloc(sizeof(double) * m * n);
    for (int i = 0; i < m * k; i++) a[i] = sin(1000 + i * 0.37);
    for (int i = 0; i < k * n; i++) b[i] = sin(2000 + i * 0.37);
    printf("%s\"ijp%d\": %.4f, \"ipj%d\": %.4f", s ? ", " : "", s, rate(ijp, a, b, c, m, k, n), s, rate(ipj, a, b, c, m, k, n));
    free(a); free(b); free(c);
  }
  printf("}\n");
  return 0;
}
`;
const cPeer = runC(C_SOURCE);

console.log(`\nfloat64 matmul, single thread, GMAC/s (median of ${RUNS} runs; higher is better)\n`);
row('', 'old JS', 'WASM', 'JS fallback', 'NumPy', 'C ijp', 'C ipj');
SHAPES.forEach(([label], i) => {
  const r = results[i]!;
  row(label, r.old, r.wasm, r.js, py?.[`f${i}`] ?? 'n/a', cPeer?.[`ijp${i}`] ?? 'n/a', cPeer?.[`ipj${i}`] ?? 'n/a');
});
console.log(`\nproducts the VJP runs, transposed operand read in place, GMAC/s\n`);
row('', 'WASM G·Bᵀ', 'NumPy G·Bᵀ', 'WASM Aᵀ·G', 'NumPy Aᵀ·G');
SHAPES.forEach(([label], i) => {
  const r = results[i]!;
  row(label, r.gbt, py?.[`gbt${i}`] ?? 'n/a', r.atg, py?.[`atg${i}`] ?? 'n/a');
});
console.log(`\nratios (higher is better for pathwise)\n`);
row('', 'WASM/old', 'WASM/NumPy', 'WASM/C ijp', 'WASM/C ipj');
// WASM/old: the median of per-round ratios (old and WASM timed back to back), robust to load changes
SHAPES.forEach(([label], i) => {
  const r = results[i]!;
  row(label, r.speedup, py ? r.wasm / py[`f${i}`]! : 'n/a', cPeer ? r.wasm / cPeer[`ijp${i}`]! : 'n/a', cPeer ? r.wasm / cPeer[`ipj${i}`]! : 'n/a');
});
console.log('  goal: WASM/old ≥ 2. C ijp sums in pathwise\'s order; C ipj too, but the compiler may fuse multiply–adds.');
