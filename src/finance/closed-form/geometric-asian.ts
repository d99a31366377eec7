/**
 * Geometric-average-price Asian options under Black–Scholes with dividend yield (Kemna & Vorst 1990,
 * "A pricing method for options based on average asset values", J. Banking & Finance 14; discrete
 * fixings as in Clewlow & Strickland 1998, "Implementing Derivatives Models", §5).
 *
 * The geometric average G of log-normal prices is log-normal, which is why these options (unlike the
 * arithmetic ones) have a closed form — and why they serve as the control variate and the test truth
 * for Monte Carlo Asians. For fixing times t₁ … tₘ in [0, T]:
 *
 *   ln G ~ N(ln S + (b − σ²/2)·ā, σ²·c),   ā = (1/m)Σ tᵢ,   c = (1/m²)Σᵢ Σⱼ min(tᵢ, tⱼ),
 *
 * with b = r − q; continuous averaging over [0, T] is the limit ā = T/2, c = T/3. The price is then
 * Black's formula on the forward F = E[G] = S·exp((b − σ²/2)ā + σ²c/2) with total standard deviation
 * σ√c, discounted from T: V = e^{−rT}·ω(F Φ(ωd₁) − K Φ(ωd₂)).
 */

import { PathwiseRangeError, PathwiseTypeError, show } from '../../errors.js';
import { normCdf, normPdf } from './normal.js';
import { kindSign, validateVanilla, type VanillaOption } from './option-types.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

/** A geometric-average-price Asian: pays max(ω(G − K), 0) at `maturity`. */
export interface GeometricAsianOption extends VanillaOption {
  /**
   * The averaging: a count m (fixings at iT/m, i = 1 … m, so m = 1 is the European option),
   * explicit fixing times in [0, maturity] (any order, repeats allowed), or 'continuous' over [0, T].
   */
  readonly fixings: number | readonly number[] | 'continuous';
}

/**
 * Price and Greeks; conventions as in {@link Greeks}. Theta is time decay with the fixing dates held in
 * calendar time: when valuation moves forward by ε, every future fixing time tᵢ and T shrink by ε (a
 * fixing at time 0 is today's, already known, and stays), which is not −∂V/∂T with the fixings at iT/m.
 */
export interface AsianGreeks {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly rho: number;
  readonly theta: number;
}

/**
 * ā = mean fixing time, c = (1/m²)ΣΣ min(tᵢ, tⱼ), the two moments the price depends on, and p = the
 * fraction of the fixings still in the future (tᵢ > 0): as time passes those move, so ā falls at rate p
 * and c at rate p² (every min(tᵢ, tⱼ) of two future fixings falls at rate 1).
 */
function averagingMoments(fn: string, fixings: GeometricAsianOption['fixings'], t: number): [number, number, number] {
  if (fixings === 'continuous') return [t / 2, t / 3, 1];
  if (typeof fixings === 'number') {
    if (!Number.isInteger(fixings) || fixings < 1) {
      throw new PathwiseRangeError(`${fn}: fixings must be an integer >= 1, got ${show(fixings)}`);
    }
    const m = fixings;
    return [(t * (m + 1)) / (2 * m), (t * (m + 1) * (2 * m + 1)) / (6 * m * m), t > 0 ? 1 : 0];
  }
  if (!Array.isArray(fixings) || fixings.length === 0) {
    throw new PathwiseTypeError(`${fn}: fixings must be a count, a non-empty array of times or 'continuous', got ${show(fixings)}`);
  }
  const times = (fixings as readonly unknown[]).map((x, i) => {
    if (typeof x !== 'number' || !(x >= 0 && x <= t)) {
      throw new PathwiseRangeError(`${fn}: fixings[${i}] must be a time in [0, maturity = ${t}], got ${show(x)}`);
    }
    return x;
  });
  times.sort((a, b) => a - b);
  // Sorted ascending, tᵢ is the minimum in 2(m − i) − 1 ordered pairs (i 1-based): O(m log m), not O(m²).
  const m = times.length;
  let sum = 0;
  let pairs = 0;
  let future = 0;
  for (let i = 0; i < m; i++) {
    sum += times[i]!;
    pairs += times[i]! * (2 * (m - i) - 1);
    if (times[i]! > 0) future++;
  }
  return [sum / m, pairs / (m * m), future / m];
}

/**
 * Price, delta, gamma, vega and rho of a geometric-average-price Asian call or put.
 *
 * With F the forward of G and s = σ√c its log standard deviation (see the file comment):
 * delta = e^{−rT} ωΦ(ωd₁) F/S, gamma = e^{−rT} φ(d₁) F/(S² s), vega = e^{−rT}(ωΦ(ωd₁)·Fσ(c − ā) + Fφ(d₁)√c),
 * rho = −T·V + e^{−rT} ωΦ(ωd₁)·F ā, and theta (time passing, fixings held: ā, c and T all shrink)
 * = rV − p·∂V/∂ā − p²·∂V/∂c with p the fraction of future fixings, ∂V/∂ā = e^{−rT}ωΦ(ωd₁)·F(b − σ²/2),
 * ∂V/∂c = e^{−rT}(ωΦ(ωd₁)·Fσ²/2 + Fφ(d₁)σ/(2√c)); with one fixing at T it is the European −∂V/∂T.
 * If every fixing is at time 0 (or T = 0) the average is known and the option is worth its discounted
 * intrinsic value.
 *
 * @param option - a {@link VanillaOption} plus `fixings`
 * @returns `{ price, delta, gamma, vega, rho, theta }`
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field (e.g. fixings outside [0, T])
 * @example
 * ```ts
 * // Clewlow & Strickland: S = K = 100, r = 6 %, q = 3 %, σ = 20 %, T = 1, 10 fixings
 * geometricAsianGreeks({ spot: 100, strike: 100, rate: 0.06, dividend: 0.03, vol: 0.2, maturity: 1, kind: 'call', fixings: 10 }).price; // ≈ 5.3425606635
 * // Haug: continuous average, put, S = 80, K = 85, r = 5 %, q = −3 %, σ = 20 %, T = 0.25
 * geometricAsianGreeks({ spot: 80, strike: 85, rate: 0.05, dividend: -0.03, vol: 0.2, maturity: 0.25, kind: 'put', fixings: 'continuous' }).price; // ≈ 4.6922
 * ```
 */
export function geometricAsianGreeks(option: GeometricAsianOption): AsianGreeks {
  return asianKernel(option, 'geometricAsianGreeks');
}

/**
 * Price of a geometric-average-price Asian call or put (see {@link geometricAsianGreeks}).
 *
 * @param option - a {@link VanillaOption} plus `fixings`
 * @returns the price V
 * @throws PathwiseRangeError / PathwiseTypeError naming the offending field
 * @example
 * ```ts
 * // one fixing at T is the European option
 * geometricAsianPrice({ spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call', fixings: 1 }); // ≈ 10.4506
 * geometricAsianPrice({ spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call', fixings: [0.5, 1] });
 * geometricAsianPrice({ spot: 100, strike: 100, rate: 0.05, dividend: 0, vol: 0.2, maturity: 1, kind: 'call', fixings: 0 });
 * // throws PathwiseRangeError: geometricAsianPrice: fixings must be an integer >= 1, got 0
 * ```
 */
export function geometricAsianPrice(option: GeometricAsianOption): number {
  return asianKernel(option, 'geometricAsianPrice').price;
}

function asianKernel(option: GeometricAsianOption, fn: string): AsianGreeks {
  validateVanilla(fn, option);
  const { spot: s, strike: k, rate: r, dividend: q, vol, maturity: t } = option;
  const [abar, c, p] = averagingMoments(fn, option.fixings, t);
  const drift = r - q - 0.5 * vol * vol;
  const w = kindSign(option.kind);
  const disc = dmath.exp(-r * t);
  const fwd = s * dmath.exp(drift * abar + 0.5 * vol * vol * c);
  const dFdSigma = fwd * vol * (c - abar);

  if (c === 0) {
    // No randomness left in G: discounted intrinsic value of the forward.
    const itm = w * (fwd - k) > 0 ? 1 : 0;
    const price = disc * itm * w * (fwd - k);
    const dVdF = disc * itm * w;
    const theta = r * price - p * dVdF * fwd * drift - p * p * dVdF * fwd * 0.5 * vol * vol;
    return { price, delta: (dVdF * fwd) / s, gamma: 0, vega: dVdF * dFdSigma, rho: -t * price + dVdF * fwd * abar, theta };
  }
  const sd = vol * Math.sqrt(c);
  const d1 = (dmath.log(fwd / k) + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  const n1 = w * normCdf(w * d1); // ∂(undiscounted price)/∂F
  const price = disc * w * (fwd * normCdf(w * d1) - k * normCdf(w * d2));
  const pdf1 = normPdf(d1);
  return {
    price,
    delta: (disc * n1 * fwd) / s,
    gamma: (disc * pdf1 * fwd) / (s * s * sd),
    vega: disc * (n1 * dFdSigma + fwd * pdf1 * Math.sqrt(c)),
    rho: -t * price + disc * n1 * fwd * abar,
    theta: r * price - p * disc * n1 * fwd * drift - p * p * disc * (n1 * fwd * 0.5 * vol * vol + (fwd * pdf1 * vol) / (2 * Math.sqrt(c))),
  };
}
