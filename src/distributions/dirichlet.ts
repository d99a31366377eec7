/**
 * The Dirichlet distribution on the simplex, sampled as normalized gammas z_j = G_j / Σ G, G_j ~
 * Gamma(α_j, 1), each G_j entering through the implicit gamma sample (implicit-sample.ts; Figurnov,
 * Mohamed & Mnih 2018, §4), so gradients flow to every α_j. Event shape [k] (the last parameter axis).
 *
 * The gammas are carried as logarithms (log G_j, exact for every α_j > 0) and normalized by
 * the largest, z_j = e_j/Σe with e_j = exp(log G_j − max log G), so shapes down to 1e-6, whose gammas all underflow,
 * give exact rows. A component below the smallest positive double is returned as Number.MIN_VALUE, an
 * atom (representable.ts): logProb treats it as the event z_j < 1.5·MIN_VALUE and its gradient is 0
 * (Dirichlet([1e-4, 1e-4, 1e-4]): about 60 % of components).
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, digamma, div, exp, expandDims, lgamma, log, maximum, mul, square, sub, sum, where } from '../ad/ops/index.js';
import { Tensor as TensorClass } from '../tensor/tensor.js';
import { concrete } from '../ad/trace.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { isPositive, param } from './validate.js';
import { logGammaNoise } from './sampling.js';
import { logGammaSample } from './implicit-sample.js';
import { anySet, atomMask, LOG_TINY_EDGE, TINY } from './representable.js';
import { toTensor } from '../tensor/create.js';
import { paramArray } from './param-data.js';
import { xlogy } from './xlogy.js';

/** The maximum of each row (last axis) as a constant tensor with that axis kept (length 1). */
function rowMax(l: Tensor): Tensor {
  const k = l.shape[l.ndim - 1]!;
  const d = l.data;
  const out = new Float64Array(d.length / k);
  for (let r = 0; r < out.length; r++) {
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, d[r * k + j]!);
    out[r] = m;
  }
  return new TensorClass(out, [...l.shape.slice(0, -1), 1]);
}

/**
 * What {@link Dirichlet} returns (for `instanceof` and types); the factory validates the parameters.
 * @example Dirichlet(tensor([1, 2, 3])) instanceof DirichletDistribution   // true
 */
export class DirichletDistribution extends Distribution {
  readonly name = 'Dirichlet';
  readonly support: Support = { kind: 'simplex' };
  readonly hasRsample = true;

  constructor(readonly concentration: Tensor) {
    super(concentration.shape.slice(0, -1), concentration.shape.slice(-1));
  }

  private get total(): Tensor {
    return sum(this.concentration, -1);
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const l = logGammaSample(this.concentration, logGammaNoise(key, shape, rowOffset, paramArray(this.concentration, shape)), shape);
    // Normalized as e_j/Σe with e_j = exp(log G_j − max log G), a constant shift: subtracting logsumexp
    // instead would lose |log G|·2^−52 (1e-12 at α = 1e-4) to the difference of two large logarithms.
    const e = exp(sub(l, rowMax(concrete(l))));
    return maximum(div(e, sum(e, -1, true)), TINY);
  }

  /**
   * Σ (α_j − 1)·log x_j − Σ log Γ(α_j) + log Γ(Σ α_j) (0·log 0 = 0 where α_j = 1). A component at the atom
   * Number.MIN_VALUE contributes α_j·log(1.5·MIN_VALUE) − log α_j instead of (α_j − 1)·log x_j: its
   * density integrated over (0, 1.5·MIN_VALUE), with the other components on the face z_j = 0 (exact to
   * double precision, since they sum to 1 − z_j).
   */
  logProb(x: TensorLike): Tensor {
    const a = this.concentration;
    const xt = toTensor(x, 'Dirichlet.logProb');
    const atom = atomMask(xt, TINY);
    const terms = anySet(atom)
      ? where(atom, sub(mul(a, LOG_TINY_EDGE), log(a)), xlogy(sub(a, 1), where(atom, 1, xt)))
      : xlogy(sub(a, 1), xt);
    return add(sub(sum(terms, -1), sum(lgamma(a), -1)), lgamma(this.total));
  }

  override mean(): Tensor {
    return div(this.concentration, expandDims(this.total, -1));
  }
  /** α_j(α₀ − α_j)/(α₀²(α₀ + 1)). */
  override variance(): Tensor {
    const a = this.concentration;
    const a0 = expandDims(this.total, -1);
    return div(mul(a, sub(a0, a)), mul(square(a0), add(a0, 1)));
  }
  /** log B(α) + (α₀ − k)ψ(α₀) − Σ (α_j − 1)ψ(α_j). */
  override entropy(): Tensor {
    const a = this.concentration;
    const a0 = this.total;
    const k = a.shape[a.ndim - 1]!;
    const logB = sub(sum(lgamma(a), -1), lgamma(a0));
    const h = sub(add(logB, mul(sub(a0, k), digamma(a0))), sum(mul(sub(a, 1), digamma(a)), -1));
    return broadcastTo(h, this.batchShape);
  }
}

/**
 * The Dirichlet distribution with `concentration` α (> 0, shape [...batch, k], k ≥ 2).
 * @example
 * Dirichlet(tensor([1, 2, 3])).mean().toArray();   // [1/6, 1/3, 1/2]
 * Dirichlet(tensor([1, 0]));         // throws PathwiseRangeError: Dirichlet: concentration must be > 0, got 0 (element 1)
 */
export function Dirichlet(concentration: TensorLike): DirichletDistribution {
  const a = param('Dirichlet', 'concentration', concentration, isPositive, '> 0');
  if (a.ndim === 0 || a.shape[a.ndim - 1]! < 2) {
    throw new PathwiseRangeError(`Dirichlet: concentration needs a last axis of at least 2 classes, got shape ${show(a.shape)}`);
  }
  return new DirichletDistribution(a);
}
