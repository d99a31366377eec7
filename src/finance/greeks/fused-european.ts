/**
 * The hot, fixed case in one loop: a European call or put under one-step GBM, its discounted payoff and its
 * pathwise delta, vega, rho and theta per path (Broadie & Glasserman 1996; Glasserman 2004 §7.2.2). With
 * S_T = S·exp((r − q − σ²/2)T + σ√T·Z), D = e^{−rT} and I = 1{ω(S_T − K) > 0}:
 *   delta = D·ω·I·S_T/S,   vega = D·ω·I·S_T·(√T·Z − σT),   rho = T·(D·ω·I·S_T − P),
 *   theta = −∂P/∂T = rP − D·ω·I·S_T·(r − q − σ²/2 + σZ/(2√T)).
 * DESIGN.md allows a fused kernel here provided it agrees with the general engine on the same random
 * numbers; test/finance/fused-european.test.ts checks that to rounding. Measured alternatives that were
 * slower here: a branch-free 0/1 indicator (+(x > 0)) and a table-driven polynomial exp (4× Math.exp).
 */
import { DEFAULT_BATCH_SIZE } from '../../montecarlo/layout.js';
import { foldIn, key as makeKey, normal } from '../../random/index.js';
import { Moments } from '../../stats/moments.js';
import { estimate, type Estimate } from '../../stats/estimate.js';
import type { MarketSpec } from '../types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/** Per-path outputs of the kernel, each of length ≥ n. */
export interface EuropeanPathwiseArrays {
  readonly price: Float64Array;
  readonly delta: Float64Array;
  readonly vega: Float64Array;
  readonly rho: Float64Array;
  readonly theta: Float64Array;
}

/**
 * Kernel: discounted payoff and pathwise Greeks of paths 0..n−1 from their normals z.
 *
 * @example
 * ```ts
 * const n = 4, z = normal(key(1), n), a = { price: new Float64Array(n), delta: new Float64Array(n),
 *   vega: new Float64Array(n), rho: new Float64Array(n), theta: new Float64Array(n) };
 * europeanPathwiseKernel({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }, 100, 1, z, n, a);
 * ```
 */
export function europeanPathwiseKernel(
  market: MarketSpec, strike: number, w: 1 | -1, z: Float64Array, n: number, out: EuropeanPathwiseArrays,
): void {
  const { spot: s, vol: sigma, rate: r, dividend: q, maturity: t } = market;
  const sqrtT = Math.sqrt(t);
  const mu = r - q - 0.5 * sigma * sigma;
  const lnS = dmath.log(s);
  const drift = mu * t;
  const sd = sigma * sqrtT;
  const disc = dmath.exp(-r * t);
  const { price, delta, vega, rho, theta } = out;
  const zStar = (dmath.log(strike) - lnS - drift) / sd;   // in the money ⟺ ω(z − z*) > 0: no exp for the others
  for (let j = 0; j < n; j++) {
    const zj = z[j]!;
    if (w * (zj - zStar) > 0) {
      const st = dmath.exp(lnS + drift + sd * zj);
      const p = disc * w * (st - strike);
      const a = disc * w * st;                 // D·ω·I·S_T, the common factor
      price[j] = p;
      delta[j] = a / s;
      vega[j] = a * (sqrtT * zj - sigma * t);
      rho[j] = t * (a - p);
      theta[j] = r * p - a * (mu + (sigma * zj) / (2 * sqrtT));
    } else {
      price[j] = 0; delta[j] = 0; vega[j] = 0; rho[j] = 0; theta[j] = 0;
    }
  }
}

/** The five per-path quantities of the streaming kernel, in its order. */
export const EUROPEAN_OUTPUTS = ['price', 'delta', 'vega', 'rho', 'theta'] as const;
export type EuropeanOutput = (typeof EUROPEAN_OUTPUTS)[number];

/**
 * Streaming estimates of the discounted payoff and the first `outputs` of delta, vega, rho, theta (pathwise),
 * with no per-path arrays: the normals of a batch (the plain stream of foldIn(key(seed), 0), the general
 * engine's first column, so the numbers are those of `greeks()`) go straight into shifted sums.
 *
 * @example
 * ```ts
 * const r = europeanPathwiseStats({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }, 100, 'call', 1e6, 7, 5);
 * r.delta; // { mean ≈ 0.6368, stderr ≈ 4.6e-4, n: 1e6 }
 * r.theta; // { mean ≈ −6.41, … }
 * ```
 */
export function europeanPathwiseStats(
  market: MarketSpec, strike: number, kind: 'call' | 'put', paths: number, seed: number, outputs: 3 | 5 = 5,
  batch = DEFAULT_BATCH_SIZE, onBatch?: (done: number) => void,
): Partial<Record<EuropeanOutput, Estimate>> {
  const k = foldIn(makeKey(seed), 0);
  const b = Math.min(batch, paths);
  const z = new Float64Array(b);
  const sums = new Float64Array(10);
  const m = EUROPEAN_OUTPUTS.slice(0, outputs).map(() => new Moments());
  const shift = new Float64Array(5);
  for (let off = 0; off < paths; off += b) {
    const n = Math.min(b, paths - off);
    normal(k, n, { offset: off, out: z });
    for (let i = 0; i < outputs; i++) shift[i] = off === 0 ? 0 : m[i]!.mean;
    europeanPathwiseSums(market, strike, kind === 'call' ? 1 : -1, z, n, shift, sums, outputs === 5);
    for (let i = 0; i < outputs; i++) {
      // the batch's moments from its shifted sums (shift = the running mean keeps Σ(x − c)² free of cancellation)
      const s1 = sums[2 * i]!, s2 = sums[2 * i + 1]!;
      const part = new Moments();
      part.count = n;
      part.mean = shift[i]! + s1 / n;
      part.m2 = Math.max(0, s2 - (s1 * s1) / n);
      m[i]!.merge(part);
    }
    onBatch?.(off + n);
  }
  const out: Partial<Record<EuropeanOutput, Estimate>> = {};
  m.forEach((mi, i) => (out[EUROPEAN_OUTPUTS[i]!] = estimate(mi)));
  return out;
}

/**
 * Streaming price, pathwise delta and vega of a European option over `paths` paths: the benchmark's computation.
 *
 * @example
 * ```ts
 * const r = europeanPathwiseDeltaVega({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }, 100, 'call', 1e6, 7);
 * r.delta; // { mean ≈ 0.6368, stderr ≈ 4.6e-4, n: 1e6 }
 * ```
 */
export function europeanPathwiseDeltaVega(
  market: MarketSpec, strike: number, kind: 'call' | 'put', paths: number, seed: number, batch = DEFAULT_BATCH_SIZE,
): { price: Estimate; delta: Estimate; vega: Estimate } {
  const r = europeanPathwiseStats(market, strike, kind, paths, seed, 3, batch);
  return { price: r.price!, delta: r.delta!, vega: r.vega! };
}

/**
 * Kernel: Σ(x − c) and Σ(x − c)² over paths 0..n−1 of the discounted payoff, pathwise delta, vega and (when
 * `full`) rho and theta, into sums[2i], sums[2i + 1] with shifts c = shift[i].
 */
function europeanPathwiseSums(
  market: MarketSpec, strike: number, w: 1 | -1, z: Float64Array, n: number, shift: Float64Array, sums: Float64Array, full: boolean,
): void {
  const { spot: s, vol: sigma, rate: r, dividend: q, maturity: t } = market;
  const sqrtT = Math.sqrt(t);
  const mu = r - q - 0.5 * sigma * sigma;
  const base = dmath.log(s) + mu * t;
  const sd = sigma * sqrtT;
  const disc = dmath.exp(-r * t);
  const dw = disc * w;
  const sigmaT = sigma * t;
  const c0 = shift[0]!, c1 = shift[1]!, c2 = shift[2]!, c3 = shift[3]!, c4 = shift[4]!;
  // S_T > K ⟺ z > z* = (ln K − ln S − (r − q − σ²/2)T)/(σ√T): out-of-the-money paths (all values 0) are
  // counted, not computed, which skips their exp; their shifted contributions are added after the loop
  const zStar = (dmath.log(strike) - base) / sd;
  let p1 = 0, p2 = 0, d1 = 0, d2 = 0, v1 = 0, v2 = 0, r1 = 0, r2 = 0, t1 = 0, t2 = 0;
  let itm = 0;
  for (let j = 0; j < n; j++) {
    const zj = z[j]!;
    if (w * (zj - zStar) > 0) {
      const st = dmath.exp(base + sd * zj);
      const a = dw * st;                        // D·ω·I·S_T
      const pv = disc * w * (st - strike);
      const p = pv - c0;
      const d = a / s - c1;
      const v = a * (sqrtT * zj - sigmaT) - c2;
      p1 += p; p2 += p * p; d1 += d; d2 += d * d; v1 += v; v2 += v * v;
      if (full) {
        const rr = t * (a - pv) - c3;
        const th = r * pv - a * (mu + (sigma * zj) / (2 * sqrtT)) - c4;
        r1 += rr; r2 += rr * rr; t1 += th; t2 += th * th;
      }
      itm++;
    }
  }
  const otm = n - itm;
  sums[0] = p1 - otm * c0; sums[1] = p2 + otm * c0 * c0;
  sums[2] = d1 - otm * c1; sums[3] = d2 + otm * c1 * c1;
  sums[4] = v1 - otm * c2; sums[5] = v2 + otm * c2 * c2;
  sums[6] = r1 - otm * c3; sums[7] = r2 + otm * c3 * c3;
  sums[8] = t1 - otm * c4; sums[9] = t2 + otm * c4 * c4;
}
