/**
 * The Dirichlet distribution on the simplex, sampled as normalized gammas z_j = G_j / Σ G, G_j ~
 * Gamma(α_j, 1), each G_j entering through the implicit gamma sample (implicit-sample.ts; Figurnov,
 * Mohamed & Mnih 2018, §4), so gradients flow to every α_j. Event shape [k] (the last parameter axis).
 * Very small α can underflow every gamma of a row to 0 (0/0: a NaN row); for α = 0.01 and k = 2 this
 * happens to about one row in a million, and it vanishes quickly as α grows.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { add, broadcastTo, digamma, div, expandDims, lgamma, mul, square, sub, sum } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { isPositive, param } from './validate.js';
import { gammaNoise } from './sampling.js';
import { gammaSample } from './implicit-sample.js';
import { paramArray } from './param-data.js';
import { xlogy } from './xlogy.js';

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
    const g = gammaSample(this.concentration, gammaNoise(key, shape, rowOffset, paramArray(this.concentration, shape)), shape);
    return div(g, sum(g, -1, true));
  }

  /** Σ (α_j − 1)·log x_j − Σ log Γ(α_j) + log Γ(Σ α_j) (0·log 0 = 0 where α_j = 1). */
  logProb(x: TensorLike): Tensor {
    const a = this.concentration;
    return add(sub(sum(xlogy(sub(a, 1), x), -1), sum(lgamma(a), -1)), lgamma(this.total));
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
