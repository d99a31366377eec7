/**
 * Baselines for the score-function estimator. Each is independent of the sample it is applied to, so
 * E[(f − b)∇log q] = E[f ∇log q]: the estimator stays unbiased while its variance drops.
 * - loo: leave-one-out batch mean b_i = (Σ_j f_j − f_i)/(m − 1) (Kool et al. 2019; Mnih & Rezende 2016);
 * - ema: exponential moving average of earlier batches' means;
 * - optimal: the scalar minimizing the total variance Σ_k Var((f − b) s_k), b* = Σ_k E[f s_k²] / Σ_k E[s_k²]
 *   (Greensmith et al. 2004), estimated from earlier batches (the first batch uses loo).
 */
import type { BaselineName } from './types.js';

const EMA_DECAY = 0.9;

export class BaselineState {
  private ema: number | null = null;
  private fs2 = 0;
  private s2 = 0;

  constructor(readonly kind: BaselineName) {}

  /** f − b for a batch of per-sample costs f. */
  centered(f: Float64Array): Float64Array {
    const m = f.length;
    const out = new Float64Array(m);
    if (this.kind === 'loo' || (this.kind === 'optimal' && !(this.s2 > 0))) {
      if (m < 2) return Float64Array.from(f);  // nothing to leave one out of: no baseline
      let total = 0;
      for (let i = 0; i < m; i++) total += f[i]!;
      // f_i − (S − f_i)/(m − 1) = (m f_i − S)/(m − 1)
      for (let i = 0; i < m; i++) out[i] = (m * f[i]! - total) / (m - 1);
      return out;
    }
    const b = this.kind === 'none' ? 0 : this.kind === 'ema' ? (this.ema ?? 0) : this.fs2 / this.s2;
    for (let i = 0; i < m; i++) out[i] = f[i]! - b;
    return out;
  }

  /** Updates the state after a batch: costs f and, per component, the per-sample scores s_k. */
  update(f: Float64Array, scores: readonly Float64Array[]): void {
    let mean = 0;
    for (let i = 0; i < f.length; i++) mean += f[i]!;
    mean /= f.length;
    this.ema = this.ema === null ? mean : EMA_DECAY * this.ema + (1 - EMA_DECAY) * mean;
    for (const s of scores) {
      for (let i = 0; i < f.length; i++) {
        const s2 = s[i]! * s[i]!;
        this.fs2 += f[i]! * s2;
        this.s2 += s2;
      }
    }
  }
}
