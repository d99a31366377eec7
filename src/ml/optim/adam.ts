/**
 * Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1) with bias
 * correction of both moments, and **decoupled** weight decay as in AdamW (Loshchilov & Hutter,
 * "Decoupled Weight Decay Regularization", ICLR 2019, Algorithm 2):
 *
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),
 *   θ ← θ − η·(m̂/(√v̂ + ε) + λθ).
 *
 * Decoupled rather than L2 (adding λθ to g) because with Adam an L2 term is divided by √v̂, so weights
 * with large gradients would be decayed less than others: the decay would not be the regulariser asked for.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { MapLeaves, Tree } from '../../ad/pytree.js';
import { checkRate, pairLeaves, rateAt, type LearningRate } from './tree-leaves.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

export interface AdamOptions {
  readonly lr: LearningRate;
  /** Decay of the first moment (default 0.9). */
  readonly beta1?: number;
  /** Decay of the second moment (default 0.999). */
  readonly beta2?: number;
  /** Added to √v̂ (default 1e-8). */
  readonly eps?: number;
  /** Decoupled (AdamW) weight decay λ ≥ 0, multiplied by the learning rate (default 0). */
  readonly weightDecay?: number;
}

/**
 * Adam (Kingma & Ba, 2015), or AdamW with `weightDecay` (decoupled weight decay, Loshchilov & Hutter, 2019).
 * Parameters and gradients are trees of tensors of the same structure; `step` returns new parameters.
 * @example
 * const opt = new Adam({ lr: 0.1 });
 * let p = { w: tensor([3, -2]) };
 * for (let i = 0; i < 200; i++) p = opt.step(p, grad((q: { w: Tensor }) => sum(square(q.w)))(p));
 * p.w.toArray();   // ≈ [0, 0]
 */
export class Adam {
  /** Steps taken so far. */
  t = 0;
  private m: Float64Array[] | null = null;
  private v: Float64Array[] | null = null;
  readonly lr: LearningRate;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(options: AdamOptions) {
    checkRate('Adam', options.lr);
    this.lr = options.lr;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    for (const [name, b] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      if (!(b >= 0 && b < 1)) throw new PathwiseRangeError(`Adam: ${name} must be in [0, 1), got ${show(b)}`);
    }
    if (!(this.eps > 0)) throw new PathwiseRangeError(`Adam: eps must be > 0, got ${show(this.eps)}`);
    if (!(this.weightDecay >= 0)) throw new PathwiseRangeError(`Adam: weightDecay must be ≥ 0, got ${show(this.weightDecay)}`);
  }

  /**
   * New parameters after one Adam step along `grads` (same structure as params). Params are not modified.
   * @example
   * const opt = new Adam({ lr: 1e-3 });
   * const p = opt.step({ w: tensor([1]) }, { w: tensor([5]) });   // w ≈ 1 − 1e-3 (the first step moves by ≈ η·sign g)
   * new Adam({ lr: 0 });                                          // throws PathwiseRangeError
   */
  step<P>(params: P, grads: MapLeaves<P>): P {
    const { p, g } = pairLeaves(params as Tree, grads as Tree, 'Adam.step');
    this.t++;
    const eta = rateAt(this.lr, this.t);
    const { beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    const c1 = 1 / (1 - dmath.pow(b1, this.t)), c2 = 1 / (1 - dmath.pow(b2, this.t));
    this.m ??= p.leaves.map((x) => new Float64Array(x.size));
    this.v ??= p.leaves.map((x) => new Float64Array(x.size));
    const out = p.leaves.map((x, i) => {
      const xd = x.data, gd = g[i]!.data, m = this.m![i]!, v = this.v![i]!;
      const y = new Float64Array(xd.length);
      for (let j = 0; j < xd.length; j++) {
        const gj = gd[j]!;
        const mj = b1 * m[j]! + (1 - b1) * gj;
        const vj = b2 * v[j]! + (1 - b2) * gj * gj;
        m[j] = mj;
        v[j] = vj;
        y[j] = xd[j]! - eta * ((mj * c1) / (Math.sqrt(vj * c2) + eps) + wd * xd[j]!);
      }
      return new Tensor(y, x.shape);
    });
    return p.rebuild(out) as P;
  }
}
