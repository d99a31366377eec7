/**
 * Baselines for the score-function estimator. Each is independent of the sample it is applied to, so
 * E[(f − b)∇log q] = E[f ∇log q]: the estimator stays unbiased while its variance drops.
 * - loo: leave-one-out batch mean b_i = (Σ_j f_j − f_i)/(m − 1) (Kool et al. 2019; Mnih & Rezende 2016);
 * - ema: exponential moving average of earlier batches' means;
 * - optimal: the scalar minimizing the total variance Σ_k Var((f − b) s_k), b* = Σ_k E[f s_k²] / Σ_k E[s_k²]
 *   (Greensmith et al. 2004), estimated from earlier batches (the first batch uses loo).
 */
import type { Tensor } from '../tensor/tensor.js';
import { div, sub, sum } from '../ad/ops/index.js';
import type { BaselineName } from './types.js';

const EMA_DECAY = 0.9;

export class BaselineState {
  private ema: number | null = null;
  private fs2 = 0;
  private s2 = 0;

  constructor(readonly kind: BaselineName) {}

  /** The baseline for a batch with constant costs f (shape [m]). */
  value(f: Tensor): Tensor | number {
    switch (this.kind) {
      case 'none':
        return 0;
      case 'ema':
        return this.ema ?? 0;
      case 'optimal':
        if (this.s2 > 0) return this.fs2 / this.s2;
        return leaveOneOut(f);
      case 'loo':
        return leaveOneOut(f);
    }
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

function leaveOneOut(f: Tensor): Tensor | number {
  const m = f.size;
  if (m < 2) return 0;
  return div(sub(sum(f), f), m - 1);
}
