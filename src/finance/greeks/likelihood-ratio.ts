/**
 * Likelihood-ratio (score-function) weights for GBM paths, and the mixed gamma estimators built on them
 * (Broadie & Glasserman 1996, "Estimating security price derivatives using simulation", Management Science
 * 42(2), 269–285; Glasserman 2004, "Monte Carlo Methods in Financial Engineering", §7.3).
 *
 * A path of m exact log steps has density Πᵢ φ(Zᵢ)/(σ√Δt) in the log prices, Zᵢ = (ln Sᵢ − ln Sᵢ₋₁ − μΔt)/(σ√Δt),
 * μ = r − q − σ²/2, Δt = T/m. Differentiating its log with the path held fixed gives the scores:
 *   ∂/∂S₀:  Z₁/(S₀σ√Δt)                         (only the first step sees S₀)
 *   ∂²/∂S₀² (p''/p):  (Z₁² − 1 − Z₁σ√Δt)/(S₀²σ²Δt)
 *   ∂/∂σ:   Σ (Zᵢ² − 1)/σ − Zᵢ√Δt
 *   ∂/∂r:   Σ Zᵢ√Δt/σ
 *   ∂/∂T:   (Z₁² − 1)/(2Δt) + Z₁μ/(σ√Δt)           (the dates are held in calendar time: T moves the first step only)
 * The payoff never needs a derivative, so these are unbiased for digitals and barriers. Rho and theta also
 * need the payoff's explicit dependence on r and T (its discount factors), added by the caller.
 *
 * Mixed gamma: with g the pathwise delta per path and f the payoff,
 *   LR on pathwise delta:  g·(s − 1/S₀)          (the score applied to g, which depends on S₀ as g ∝ 1/S₀ along a path)
 *   pathwise on LR delta:  g·s − f·s/S₀          (the LR delta f·s differentiated along the path)
 * with s = Z₁/(S₀σ√Δt); both are unbiased for Lipschitz payoffs and much less noisy than the pure LR gamma.
 */
import type { MarketSpec } from '../types.js';

/** Per-path scores of the path density (see the file comment). */
export interface GbmScores {
  readonly spot: Float64Array;
  readonly spot2: Float64Array;
  readonly vol: Float64Array;
  readonly rate: Float64Array;
  readonly maturity: Float64Array;
}

/**
 * The scores of every path of a batch from its m step normals (`column(i)`, each of length n), read one step
 * at a time (memory flat in m).
 *
 * @example
 * ```ts
 * const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
 * const z = normal(key(1), 1000);
 * const s = gbmScores(market, () => z, 1, 1000);   // one step: s.spot[j] = z[j]/(S σ √T)
 * ```
 */
export function gbmScores(market: MarketSpec, column: (i: number) => Float64Array, m: number, n: number): GbmScores {
  const { spot: s0, vol: sigma, rate: r, dividend: q, maturity: t } = market;
  const dt = t / m;
  const sqrtDt = Math.sqrt(dt);
  const mu = r - q - 0.5 * sigma * sigma;
  const spot = new Float64Array(n);
  const spot2 = new Float64Array(n);
  const vol = new Float64Array(n);
  const rate = new Float64Array(n);
  const maturity = new Float64Array(n);
  const z1 = column(0);
  for (let j = 0; j < n; j++) {
    const a = z1[j]!;
    spot[j] = a / (s0 * sigma * sqrtDt);
    spot2[j] = (a * a - 1 - a * sigma * sqrtDt) / (s0 * s0 * sigma * sigma * dt);
    maturity[j] = (a * a - 1) / (2 * dt) + (a * mu) / (sigma * sqrtDt);
  }
  for (let i = 0; i < m; i++) {
    const zi = column(i);
    for (let j = 0; j < n; j++) {
      const a = zi[j]!;
      vol[j] = vol[j]! + (a * a - 1) / sigma - a * sqrtDt;
      rate[j] = rate[j]! + (a * sqrtDt) / sigma;
    }
  }
  return { spot, spot2, vol, rate, maturity };
}

/**
 * out[j] = f[j]·w[j] + (extra?.[j] ?? 0), times `scale`.
 *
 * @example
 * ```ts
 * weighted(new Float64Array([2, 0]), new Float64Array([0.5, 3]));   // Float64Array [1, 0]
 * ```
 */
export function weighted(f: Float64Array, w: Float64Array, extra: Float64Array | null = null, scale = 1): Float64Array {
  const out = new Float64Array(f.length);
  for (let j = 0; j < f.length; j++) out[j] = scale * (f[j]! * w[j]! + (extra === null ? 0 : extra[j]!));
  return out;
}

/**
 * Gamma by the likelihood ratio applied to the pathwise delta g: g·(s − 1/S₀).
 *
 * @example
 * ```ts
 * mixedGammaLrOnPathwise(new Float64Array([1.1]), new Float64Array([0.05]), 100);   // [1.1·(0.05 − 0.01)] = [0.044]
 * ```
 */
export function mixedGammaLrOnPathwise(g: Float64Array, score: Float64Array, spot: number): Float64Array {
  const out = new Float64Array(g.length);
  for (let j = 0; j < g.length; j++) out[j] = g[j]! * (score[j]! - 1 / spot);
  return out;
}

/**
 * Gamma by pathwise differentiation of the LR delta f·s: g·s − f·s/S₀.
 *
 * @example
 * ```ts
 * mixedGammaPathwiseOnLr(new Float64Array([1.1]), new Float64Array([10]), new Float64Array([0.05]), 100);   // [0.05·(1.1 − 0.1)] = [0.05]
 * ```
 */
export function mixedGammaPathwiseOnLr(g: Float64Array, f: Float64Array, score: Float64Array, spot: number): Float64Array {
  const out = new Float64Array(g.length);
  for (let j = 0; j < g.length; j++) out[j] = score[j]! * (g[j]! - f[j]! / spot);
  return out;
}
