/**
 * The multivariate normal N(loc, L Lᵀ) with event shape [d], parameterized by its lower Cholesky factor
 * L (`scaleTril`) or by a covariance Σ, factorized by a Cholesky decomposition composed from ops
 * (small-linalg.ts) so that gradients flow to Σ (symmetrically) as well as to loc and L.
 *
 *   rsample:  z = loc + L ε,  ε ~ N(0, I_d)
 *   logProb:  −½‖L⁻¹(x − loc)‖² − Σ log L_ii − (d/2)·log 2π, L⁻¹ by forward substitution.
 */
import { PathwiseRangeError, PathwiseTypeError, ShapeError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { broadcastShapes, sizeOf, type Shape } from '../tensor/shape.js';
import { add, broadcastTo, expandDims, log, matmul, mul, square, squeeze, sub, sum, transpose } from '../ad/ops/index.js';
import { concrete } from '../ad/trace.js';
import type { Key } from '../random/key.js';
import { Distribution, type Support } from './distribution.js';
import { isReal, param } from './validate.js';
import { normalNoise } from './sampling.js';
import { checkPositiveDefinite, cholesky, diagonal, solveLower } from './small-linalg.js';
import * as dmath from '../ad/kernels/scalar-math.js';

const LOG_2PI = dmath.log(2 * Math.PI);

/**
 * What {@link MultivariateNormal} returns (for `instanceof` and types); the factory validates the parameters.
 * @example MultivariateNormal(zeros([2]), { scaleTril: eye(2) }) instanceof MultivariateNormalDistribution   // true
 */
export class MultivariateNormalDistribution extends Distribution {
  readonly name = 'MultivariateNormal';
  readonly support: Support = { kind: 'real-vector' };
  readonly hasRsample = true;

  constructor(readonly loc: Tensor, readonly scaleTril: Tensor) {
    const d = loc.shape[loc.ndim - 1]!;
    super(broadcastShapes(loc.shape.slice(0, -1), scaleTril.shape.slice(0, -2), 'MultivariateNormal'), [d]);
  }

  get dim(): number {
    return this.eventShape[0]!;
  }

  /** Σ = L Lᵀ. */
  covariance(): Tensor {
    const perm = [...Array(this.scaleTril.ndim).keys()];
    perm[perm.length - 2] = perm.length - 1;
    perm[perm.length - 1] = perm.length - 2;
    return matmul(this.scaleTril, transpose(this.scaleTril, perm));
  }

  protected draw(key: Key, shape: Shape, rowOffset: number): Tensor {
    const eps = expandDims(normalNoise(key, shape, rowOffset), -1);
    return add(this.loc, squeeze(matmul(this.scaleTril, eps), -1));
  }

  logProb(x: TensorLike): Tensor {
    const y = solveLower(this.scaleTril, sub(x, this.loc));
    let q = square(y[0]!);
    for (let i = 1; i < y.length; i++) q = add(q, square(y[i]!));
    return sub(mul(q, -0.5), add(this.halfLogDet(), 0.5 * this.dim * LOG_2PI));
  }

  /** Σ log L_ii = ½ log det Σ. */
  private halfLogDet(): Tensor {
    const diag = diagonal(this.scaleTril);
    let s = log(diag[0]!);
    for (let i = 1; i < diag.length; i++) s = add(s, log(diag[i]!));
    return s;
  }

  override mean(): Tensor {
    return broadcastTo(this.loc, [...this.batchShape, this.dim]);
  }
  /** The marginal variances, diag Σ = Σ_j L_ij². */
  override variance(): Tensor {
    return broadcastTo(sum(square(this.scaleTril), -1), [...this.batchShape, this.dim]);
  }
  override entropy(): Tensor {
    return broadcastTo(add(this.halfLogDet(), 0.5 * this.dim * (1 + LOG_2PI)), this.batchShape);
  }
}

function checkScaleTril(t: Tensor): void {
  const d = t.shape[t.ndim - 1]!;
  const m = concrete(t).data;
  const count = sizeOf(t.shape.slice(0, -2));
  for (let b = 0; b < count; b++) {
    const at = count > 1 ? ` (matrix ${b})` : '';
    for (let i = 0; i < d; i++) {
      const diag = m[b * d * d + i * d + i]!;
      if (!(diag > 0)) throw new PathwiseRangeError(`MultivariateNormal: scaleTril must have a positive diagonal, got entry (${i}, ${i}) = ${show(diag)}${at}`);
      for (let j = i + 1; j < d; j++) {
        const u = m[b * d * d + i * d + j]!;
        if (u !== 0) throw new PathwiseRangeError(`MultivariateNormal: scaleTril must be lower triangular, got entry (${i}, ${j}) = ${show(u)}${at}`);
      }
    }
  }
}

export type MultivariateNormalScale = { readonly scaleTril: TensorLike } | { readonly covariance: TensorLike };

/**
 * The multivariate normal with mean `loc` [..., d] and either `{ scaleTril }`, a lower-triangular
 * factor with positive diagonal, or `{ covariance }`, symmetric positive definite [..., d, d]. With a
 * covariance, the Cholesky factor is computed with differentiable ops (O(d³) small ops: meant for
 * d ≲ 20); gradients reach loc and the factor or the covariance.
 * @example
 * const d = MultivariateNormal(tensor([0, 0]), { covariance: tensor([[2, 1], [1, 2]]) });
 * d.rsample(key(0), 5).shape;        // [5, 2]
 * MultivariateNormal(tensor([0, 0]), { covariance: tensor([[1, 2], [2, 1]]) });
 * // throws PathwiseRangeError: MultivariateNormal: covariance must be positive definite, got Cholesky pivot 1 = -3
 */
export function MultivariateNormal(loc: TensorLike, scale: MultivariateNormalScale): MultivariateNormalDistribution {
  const m = param('MultivariateNormal', 'loc', loc, isReal, 'finite');
  if (m.ndim === 0) throw new ShapeError(`MultivariateNormal: loc must have an event axis [..., d], got shape ${show(m.shape)}`);
  if (typeof scale !== 'object' || scale === null || scale instanceof Tensor || !('scaleTril' in scale || 'covariance' in scale)) {
    throw new PathwiseTypeError(`MultivariateNormal: expected { scaleTril } or { covariance }, got ${show(scale)}`);
  }
  const name = 'scaleTril' in scale ? 'scaleTril' : 'covariance';
  const a = param('MultivariateNormal', name, 'scaleTril' in scale ? scale.scaleTril : scale.covariance, isReal, 'finite');
  const d = m.shape[m.ndim - 1]!;
  if (a.ndim < 2 || a.shape[a.ndim - 1] !== d || a.shape[a.ndim - 2] !== d) {
    throw new ShapeError(`MultivariateNormal: ${name} must have shape [..., ${d}, ${d}] to match loc ${show(m.shape)}, got ${show(a.shape)}`);
  }
  if (name === 'scaleTril') {
    checkScaleTril(a);
    return new MultivariateNormalDistribution(m, a);
  }
  checkPositiveDefinite('MultivariateNormal', 'covariance', a);
  return new MultivariateNormalDistribution(m, cholesky(toTensor(a)));
}
