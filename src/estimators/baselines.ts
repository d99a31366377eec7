/**
 * Baselines for the score-function estimator. Each is independent of the sample it is applied to, so
 * E[(f − b)∇log q] = E[f ∇log q]: the estimator stays unbiased while its variance drops. Every baseline is
 * defined per block of the run (or fixed for the whole call), never per batch, so the result does not depend
 * on the batch size, the thread count or the machine count.
 * - loo: leave-one-out block mean b_i = (Σ_j f_j − f_i)/(m − 1) (Kool et al. 2019; Mnih & Rezende 2016);
 * - optimal: the leave-one-out estimate of the scalar minimizing Σ_k Var((f − b) s_k),
 *   b_i = Σ_{j≠i} f_j |s_j|² / Σ_{j≠i} |s_j|² over the block (Greensmith et al. 2004);
 * - ema: an exponential moving average of the value over earlier calls of the same objective (a training
 *   loop's running baseline), fixed during a call; the first call uses loo;
 * - none.
 */
import type { BaselineName } from './types.js';

export const EMA_DECAY = 0.9;

/**
 * Which samples of a block share a baseline: with run data of D rows, sample `start + i` sees row
 * (start + i) mod D, and only samples of the same row are exchangeable.
 */
export interface BaselineRows {
  readonly start: number;
  readonly period: number;
  /** The class of each sample given explicitly (a block with samples left out), instead of (start + i) mod period. */
  readonly classes?: Int32Array;
}

/**
 * f − b for the m per-sample costs `f` of one block; `s2[i]` = Σ_k (∂log q_i/∂θ_k)² for the optimal baseline.
 * With `rows`, the leave-one-out and optimal baselines of a sample use the other samples of its data row only.
 * @example centeredCosts('loo', new Float64Array([1, 2, 3]), null, null)   // [-1.5, 0, 1.5]
 */
export function centeredCosts(kind: BaselineName, f: Float64Array, s2: Float64Array | null, ema: number | null, rows?: BaselineRows): Float64Array {
  const m = f.length;
  const out = new Float64Array(m);
  if (kind === 'none' || (kind === 'ema' && ema !== null)) {
    const b = kind === 'none' ? 0 : ema!;
    for (let i = 0; i < m; i++) out[i] = f[i]! - b;
    return out;
  }
  // Class of each sample (its data row), and the classes' counts and sums.
  const period = rows === undefined ? 1 : rows.period;
  const given = rows?.classes;
  const cls = (i: number) => (rows === undefined ? 0 : given !== undefined ? given[i]! : (rows.start + i) % period);
  const count = new Float64Array(period), a = new Float64Array(period), b = new Float64Array(period);
  for (let i = 0; i < m; i++) count[cls(i)]!++;
  if (kind === 'optimal' && s2 !== null) {
    for (let i = 0; i < m; i++) {
      a[cls(i)]! += f[i]! * s2[i]!;
      b[cls(i)]! += s2[i]!;
    }
    for (let i = 0; i < m; i++) {
      const c = cls(i);
      const den = b[c]! - s2[i]!;
      // A sample alone in its class has nothing to leave one out of: no baseline.
      out[i] = count[c]! < 2 ? f[i]! : f[i]! - (den > 0 ? (a[c]! - f[i]! * s2[i]!) / den : 0);
    }
    return out;
  }
  for (let i = 0; i < m; i++) a[cls(i)]! += f[i]!;
  // f_i − (S − f_i)/(m − 1) = (m f_i − S)/(m − 1)
  for (let i = 0; i < m; i++) {
    const c = cls(i), k = count[c]!;
    out[i] = k < 2 ? f[i]! : (k * f[i]! - a[c]!) / (k - 1);
  }
  return out;
}
