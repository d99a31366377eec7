/**
 * Issue [5/7] benchmark: European call, pathwise delta and vega (with the price), 1e7 paths, one thread.
 * Paths per second of pathwise (the fused kernel DESIGN.md allows for this case, the public `greeks()` that
 * uses it, and the general forward-mode engine on fewer paths) against NumPy (vectorized, chunks of 2^20,
 * PCG64 + ziggurat normals) and a C program (-O3 -march=native: Philox4x32-10 + AS 241 inverse CDF, the
 * same generator and transform as pathwise), measured in the same run.
 * Goals: ≥ NumPy's paths/s; within 1.5× of C. Medians of several runs: the machine is shared, timings are noisy.
 * Run: npx tsx bench/greeks.ts
 */
import { europeanPathwiseDeltaVega } from '../src/finance/greeks/fused-european.js';
import { greeks } from '../src/finance/greeks/greeks.js';
import { PY_TIMER, row, runC, runPython, timeMedian } from './lib/harness.js';

const N = 10_000_000;
const N_ENGINE = 1_000_000;
const RUNS = 5;
const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0.02 };
const K = 100;

const tFused = timeMedian(() => europeanPathwiseDeltaVega(market, K, 'call', N, 1).delta.mean, RUNS, 1);
const tApi = timeMedian(() => greeks({ kind: 'bs' }, { kind: 'call', strike: K }, market, { greeks: ['delta', 'vega'], methods: ['pathwise'], paths: N, seed: 1 }).greeks.delta!.pathwise!.mean, 3, 1);
// the general engine (forward lanes streamed through the GBM SDE step and the payoff): a one-fixing Asian is the
// European payoff, and is not routed to the fused kernel
const tEngine = timeMedian(() => greeks({ kind: 'bs' }, { kind: 'asian-call', strike: K, fixings: 1 }, market, { greeks: ['delta', 'vega'], methods: ['pathwise'], paths: N_ENGINE, seed: 1 }).greeks.delta!.pathwise!.mean, 3, 1);

const np = runPython(`${PY_TIMER}
import numpy as np
S, K, r, q, sig, T, N = 100.0, 100.0, 0.05, 0.02, 0.2, 1.0, ${N}
CH = 1 << 20
def run():
    rng = np.random.default_rng(1)
    sums = np.zeros(6)
    done = 0
    disc = np.exp(-r * T); sq = np.sqrt(T)
    while done < N:
        n = min(CH, N - done)
        z = rng.standard_normal(n)
        st = S * np.exp((r - q - 0.5 * sig * sig) * T + sig * sq * z)
        itm = st > K
        a = np.where(itm, disc * st, 0.0)
        price = np.where(itm, disc * (st - K), 0.0)   # (masking z > z* before exp is slower in NumPy: gathers)
        delta = a / S
        vega = a * (sq * z - sig * T)
        sums += [price.sum(), (price * price).sum(), delta.sum(), (delta * delta).sum(), vega.sum(), (vega * vega).sum()]
        done += n
    return sums[2] / N
print(json.dumps({"t": median_time(run, ${RUNS}, 1), "delta": run()}))
`, ['numpy']);

const C_SOURCE = String.raw`
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
/* Philox4x32-10 (Salmon et al., SC'11), 53-bit uniforms from words 0,1 of each block (and 2,3), as pathwise does. */
static inline void philox(uint32_t c0, uint32_t c1, uint32_t k0, uint32_t k1, uint32_t out[4]) {
  uint32_t x0 = c0, x1 = c1, x2 = 0, x3 = 0;
  for (int i = 0; i < 10; i++) {
    uint64_t p0 = (uint64_t)0xD2511F53u * x0, p1 = (uint64_t)0xCD9E8D57u * x2;
    uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1 ^ k0, y1 = (uint32_t)p1, y2 = (uint32_t)(p0 >> 32) ^ x3 ^ k1, y3 = (uint32_t)p0;
    x0 = y0; x1 = y1; x2 = y2; x3 = y3;
    k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
  }
  out[0] = x0; out[1] = x1; out[2] = x2; out[3] = x3;
}
static inline double u53(uint32_t hi, uint32_t lo) {
  uint64_t k = ((uint64_t)(hi >> 11) << 32) | lo;
  return k == 0 ? 0x1p-54 : (double)k * 0x1p-53;
}
/* AS 241 (Wichura 1988), PPND16 */
static double ppnd16(double p) {
  double q = p - 0.5, r, z;
  if (fabs(q) <= 0.425) {
    r = 0.180625 - q * q;
    return q * (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r + 3.3871328727963665)
      / (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1);
  }
  r = sqrt(-log(q < 0 ? p : 1 - p));
  if (r <= 5) {
    r -= 1.6;
    z = (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r + 1.4234371107496835)
      / (((((((1.0507500716444169e-09 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r + 0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    z = (((((((2.0103343992922881e-07 * r + 2.7115555687434876e-05) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r + 0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r + 6.657904643501103)
      / (((((((2.0442631033899397e-15 * r + 1.421511758316446e-07) * r + 1.8463183175100548e-05) * r + 0.0007868691311456133) * r + 0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1);
  }
  return q < 0 ? -z : z;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static double run(long n, double *delta) {
  const double S = 100, K = 100, r = 0.05, q = 0.02, sig = 0.2, T = 1;
  const double sq = sqrt(T), drift = log(S) + (r - q - 0.5 * sig * sig) * T, sd = sig * sq, disc = exp(-r * T);
  const double zstar = (log(K) - drift) / sd;   /* in the money iff z > z*: exp only there, as pathwise does */
  double s[6] = {0};
  uint32_t w[4];
  for (long j = 0; j < n / 2; j++) {
    philox((uint32_t)j, (uint32_t)(j >> 32), 12345u, 678u, w);
    for (int h = 0; h < 2; h++) {
      double z = ppnd16(u53(w[2 * h], w[2 * h + 1]));
      if (z > zstar) {
        double st = exp(drift + sd * z);
        double a = disc * st, p = disc * (st - K), d = a / S, v = a * (sq * z - sig * T);
        s[0] += p; s[1] += p * p; s[2] += d; s[3] += d * d; s[4] += v; s[5] += v * v;
      }
    }
  }
  *delta = s[2] / n;
  return s[4] / n + s[1] + s[3] + s[5] + s[0];
}
int main(void) {
  long n = ${N};
  double d, sink = 0, ts[5];
  sink += run(n, &d);   /* warm-up */
  for (int i = 0; i < 5; i++) { double t0 = now(); sink += run(n, &d); ts[i] = now() - t0; }
  for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) if (ts[j] < ts[i]) { double x = ts[i]; ts[i] = ts[j]; ts[j] = x; }
  printf("{\"t\": %.6f, \"delta\": %.6f, \"sink\": %g}\n", ts[2], d, sink);
  return 0;
}
`;
const c = runC(C_SOURCE);

const pps = (t: number, n = N) => n / t;
console.log(`European call, pathwise delta + vega (+ price), ${N.toExponential(0)} paths, one thread; median wall times (shared machine: noisy)`);
row('', 'seconds', 'paths/s', 'vs NumPy', 'vs C');
const line = (label: string, t: number, n = N) =>
  row(label, t, pps(t, n), np ? pps(t, n) / pps(np.t!) : 'n/a', c ? pps(c.t!) / pps(t, n) : 'n/a');
line('pathwise fused kernel', tFused);
line('greeks() API (streaming fused route)', tApi);
line(`pathwise general engine (jvp), ${N_ENGINE.toExponential(0)}`, tEngine, N_ENGINE);
if (np) row('NumPy (vectorized)', np.t!, pps(np.t!));
if (c) row('C -O3 (Philox + AS 241)', c.t!, pps(c.t!));
console.log(`  delta: fused ${europeanPathwiseDeltaVega(market, K, 'call', N, 1).delta.mean.toFixed(5)}, NumPy ${np?.delta?.toFixed(5) ?? 'n/a'}, C ${c?.delta?.toFixed(5) ?? 'n/a'} (BS 0.58685; different generators)`);
console.log('  columns: "vs NumPy" = our paths/s ÷ NumPy\'s (goal ≥ 1); "vs C" = C\'s paths/s ÷ ours (goal ≤ 1.5)');
