/**
 * Random-number benchmark: nanoseconds per uniform and per standard normal, for pathwise (Philox4x32-10
 * in its WebAssembly kernel, and its pure-JavaScript fallback; normals by the AS 241 inverse CDF), NumPy's default_rng (PCG64; normals by the ziggurat),
 * NumPy's Generator(Philox) (the same counter-based generator as ours), and a C program (Philox4x32-10 +
 * AS 241, cc -O3 -march=native), all single-threaded, in the same run. Ratios are the result.
 *
 * Run: npx tsx bench/random.ts
 */
import { PY_TIMER, row, runC, runPython, timeMedian } from './lib/harness.js';
import { key, normal, sobol, uniform } from '../src/random/index.js';
import { setPhiloxWasmEnabled } from '../src/advanced.js';

const N = 1 << 20;
const k = key(12345);
const out = new Float64Array(N);

const jsUniform = (timeMedian(() => uniform(k, N, { out }), 9, 3) / N) * 1e9;
const jsNormal = (timeMedian(() => normal(k, N, { out }), 9, 3) / N) * 1e9;
setPhiloxWasmEnabled(false);            // the pure-JavaScript fallback (no WebAssembly), for reference
const jsOnlyUniform = (timeMedian(() => uniform(k, N, { out }), 9, 3) / N) * 1e9;
const jsOnlyNormal = (timeMedian(() => normal(k, N, { out }), 9, 3) / N) * 1e9;
setPhiloxWasmEnabled(true);
const sobolOut = new Float64Array(N);
const jsSobol = (timeMedian(() => sobol(N / 8, 8, { key: k, out: sobolOut }), 9, 3) / N) * 1e9;

const py = runPython(`${PY_TIMER}
import numpy as np
N = ${N}
out = np.empty(N)
g = np.random.default_rng(12345)
p = np.random.Generator(np.random.Philox(12345))
res = {
  'pcg_uniform': median_time(lambda: g.random(out=out), 9, 3) / N * 1e9,
  'pcg_normal': median_time(lambda: g.standard_normal(out=out), 9, 3) / N * 1e9,
  'philox_uniform': median_time(lambda: p.random(out=out), 9, 3) / N * 1e9,
  'philox_normal': median_time(lambda: p.standard_normal(out=out), 9, 3) / N * 1e9,
}
print(json.dumps(res))
`, ['numpy']);

const C_SOURCE = String.raw`
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>
static inline void philox(uint32_t c[4], const uint32_t k[2]) {
  uint32_t k0 = k[0], k1 = k[1];
  for (int r = 0; r < 10; r++) {
    uint64_t p0 = (uint64_t)0xD2511F53u * c[0], p1 = (uint64_t)0xCD9E8D57u * c[2];
    uint32_t n0 = (uint32_t)(p1 >> 32) ^ c[1] ^ k0, n2 = (uint32_t)(p0 >> 32) ^ c[3] ^ k1;
    c[0] = n0; c[1] = (uint32_t)p1; c[2] = n2; c[3] = (uint32_t)p0;
    k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
  }
}
static inline double u53(uint32_t hi, uint32_t lo) {
  uint64_t k = ((uint64_t)(hi >> 11) << 32) | lo;
  return k == 0 ? 0x1p-54 : (double)k * 0x1p-53;
}
static inline double ppnd16(double p) {
  double q = p - 0.5, r;
  if (fabs(q) <= 0.425) {
    r = 0.180625 - q * q;
    return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
      + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
      + 133.14166789178437745) * r + 3.387132872796366608)
      / (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
      + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
      + 42.313330701600911252) * r + 1.0);
  }
  r = sqrt(-log(q < 0 ? p : 1.0 - p));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
      + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
      + 4.6303378461565452959) * r + 1.42343711074968357734)
      / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
      + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
      + 2.05319162663775882187) * r + 1.0);
  } else {
    r -= 5.0;
    z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
      + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
      + 5.4637849111641143699) * r + 6.6579046435011037772)
      / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
      + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
      + 0.59983220655588793769) * r + 1.0);
  }
  return q < 0 ? -z : z;
}
static void fill(double *out, size_t n, int normal) {
  const uint32_t key[2] = {12345u, 0u};
  for (size_t j = 0; 2 * j < n; j++) {
    uint32_t c[4] = {(uint32_t)j, (uint32_t)(j >> 32), 0, 0};
    philox(c, key);
    double a = u53(c[0], c[1]), b = u53(c[2], c[3]);
    out[2 * j] = normal ? ppnd16(a) : a;
    if (2 * j + 1 < n) out[2 * j + 1] = normal ? ppnd16(b) : b;
  }
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static double med(double *out, size_t n, int normal) {
  double ts[9];
  for (int w = 0; w < 3; w++) fill(out, n, normal);
  for (int r = 0; r < 9; r++) { double t0 = now(); fill(out, n, normal); ts[r] = now() - t0; }
  qsort(ts, 9, sizeof(double), cmp);
  return ts[4] / n * 1e9;
}
int main(void) {
  size_t n = ${N};
  double *out = malloc(n * sizeof(double));
  double u = med(out, n, 0), z = med(out, n, 1);
  printf("{\"uniform\": %.4f, \"normal\": %.4f, \"check\": %.17g}\n", u, z, out[n / 2]);
  free(out);
  return 0;
}
`;
const c = runC(C_SOURCE);

console.log(`\nRandom numbers, ${N} per call, single thread, median ns per value\n`);
row('', 'ns/uniform', 'ns/normal');
row('pathwise (wasm Philox; AS 241)', jsUniform, jsNormal);
row('pathwise, pure-JS fallback', jsOnlyUniform, jsOnlyNormal);
if (py) {
  row('NumPy default_rng (PCG64, ziggurat)', py.pcg_uniform!, py.pcg_normal!);
  row('NumPy Generator(Philox)', py.philox_uniform!, py.philox_normal!);
}
if (c) row('C -O3 (Philox4x32-10 + AS 241)', c.uniform!, c.normal!);
console.log('\nRatios (pathwise time / peer time; < 1 means pathwise is faster)\n');
row('', 'uniform', 'normal');
if (py) {
  row('vs NumPy default_rng', jsUniform / py.pcg_uniform!, jsNormal / py.pcg_normal!);
  row('vs NumPy Generator(Philox)', jsUniform / py.philox_uniform!, jsNormal / py.philox_normal!);
}
if (c) {
  row('vs C -O3', jsUniform / c.uniform!, jsNormal / c.normal!);
  const z = normal(k, 1, { offset: N / 2 })[0]!;
  console.log(`\n  same bits as C: normal sample ${N / 2} = ${z} (JS) vs ${c.check} (C): ${z === c.check ? 'identical' : 'DIFFERENT'}`);
}
console.log(`\n  scrambled Sobol (LMS + shift), 8 dimensions: ${jsSobol.toFixed(3)} ns per coordinate`);
