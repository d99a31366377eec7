/**
 * Stochastic gradient descent with heavy-ball momentum (Polyak 1964), in PyTorch's form
 * v ← μ·v + (g + λθ),  θ ← θ − η·v. Weight decay λ is the coupled L2 penalty ½λ‖θ‖² added to the
 * gradient; for plain SGD that is the same as decoupled decay with a rescaled λ.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { MapLeaves, Tree } from '../../ad/pytree.js';
import { checkRate, pairLeaves, rateAt, type LearningRate } from './tree-leaves.js';

export interface SgdOptions {
  readonly lr: LearningRate;
  /** Momentum μ ∈ [0, 1) (default 0: plain SGD). */
  readonly momentum?: number;
  /** L2 weight decay λ ≥ 0 (default 0). */
  readonly weightDecay?: number;
}

/**
 * Stochastic gradient descent, with optional momentum and L2 weight decay. Parameters and gradients are trees
 * of tensors of the same structure; `step` returns new parameters.
 * @example
 * const opt = new Sgd({ lr: 0.1 });
 * opt.step({ w: tensor([1]) }, { w: tensor([5]) }).w.toArray();   // [0.5]
 */
export class Sgd {
  /** Steps taken so far. */
  t = 0;
  private velocity: Float64Array[] | null = null;
  readonly lr: LearningRate;
  readonly momentum: number;
  readonly weightDecay: number;

  constructor(options: SgdOptions) {
    checkRate('Sgd', options.lr);
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.momentum >= 0 && this.momentum < 1)) throw new PathwiseRangeError(`Sgd: momentum must be in [0, 1), got ${show(this.momentum)}`);
    if (!(this.weightDecay >= 0)) throw new PathwiseRangeError(`Sgd: weightDecay must be ≥ 0, got ${show(this.weightDecay)}`);
  }

  /**
   * New parameters after one step along `grads` (same structure as params). Params are not modified.
   * @example
   * const opt = new Sgd({ lr: 0.1, momentum: 0.9 });
   * const p = opt.step({ w: tensor([1]) }, { w: tensor([2]) });   // w = 1 − 0.1·2 = 0.8
   */
  step<P>(params: P, grads: MapLeaves<P>): P {
    const { p, g } = pairLeaves(params as Tree, grads as Tree, 'Sgd.step');
    this.t++;
    const eta = rateAt(this.lr, this.t);
    const mu = this.momentum, wd = this.weightDecay;
    this.velocity ??= p.leaves.map((x) => new Float64Array(x.size));
    const out = p.leaves.map((x, i) => {
      const xd = x.data, gd = g[i]!.data, v = this.velocity![i]!;
      const y = new Float64Array(xd.length);
      for (let j = 0; j < xd.length; j++) {
        const gj = gd[j]! + wd * xd[j]!;
        const vj = mu * v[j]! + gj;
        v[j] = vj;
        y[j] = xd[j]! - eta * vj;
      }
      return new Tensor(y, x.shape);
    });
    return p.rebuild(out) as P;
  }
}
