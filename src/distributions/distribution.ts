/**
 * The Distribution base class. A distribution holds parameter tensors (possibly under a transformation,
 * so that its samples and log-densities are differentiable in them), declares its support, whether it
 * has a reparameterized sampler, and its batch and event shapes, and samples from counter-based keys so
 * that sample i is a pure function of (key, i) whatever the batch size (Pyro's constraint/support
 * declarations and PyTorch's rsample/sample split are the models).
 *
 * Sample shapes: `sample(key, n)` returns [n, ...batchShape, ...eventShape]. In an expectation program a
 * distribution whose parameters already carry the sample axis (they were computed from an earlier site)
 * draws one value per row instead: [...batchShape, ...eventShape] with batchShape[0] = n.
 */
import { PathwiseError, show } from '../errors.js';
import { Tensor as TensorClass, type Tensor, type TensorLike } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { stopGradient } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import { checkSampleCount } from './validate.js';

export type Support =
  | { readonly kind: 'real' }
  | { readonly kind: 'positive' }
  | { readonly kind: 'interval'; readonly low: number | 'param'; readonly high: number | 'param' }
  | { readonly kind: 'unit-interval' }
  | { readonly kind: 'simplex' }
  | { readonly kind: 'real-vector' }
  | { readonly kind: 'circle' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'nonnegative-integer' }
  | { readonly kind: 'integer-interval'; readonly low: number; readonly high: number | 'param' }
  | { readonly kind: 'one-hot' };

/**
 * One term of a measure-valued derivative (Pflug 1989; Mohamed et al. 2020, §6): for the distribution
 * parameter `param`, ∂/∂param E[f(z)] = E[weight · (f(plus) − f(minus))], with plus/minus drawn from the
 * decomposition's two measures. `'self'` reuses the site's own sample (a free coupling); a null `minus`
 * stands for a zero measure.
 */
export interface MvdTerm {
  /** The distribution parameter differentiated (a differentiable tensor, broadcast to the sample shape). */
  readonly param: Tensor;
  /** The constant c of the decomposition, per sample (no gradient). */
  readonly weight: Tensor;
  readonly plus: Tensor | 'self';
  readonly minus: Tensor | 'self' | null;
}

export interface SampleOptions {
  /** Index of the first sample (default 0): samples offset..offset+n−1 of the key's stream. */
  readonly offset?: number;
}

/**
 * The base class of every distribution. Subclass it for a family of your own: `draw` (reparameterized when
 * `hasRsample`), `logProb` and the support are what the estimators need (see examples/custom-distribution.ts).
 * @example
 * Normal(0, 1) instanceof Distribution;   // true
 * Bernoulli(0.3).hasRsample;              // false
 */
export abstract class Distribution {
  abstract readonly name: string;
  abstract readonly support: Support;
  /** True when `rsample` gives samples differentiable in the parameters. */
  abstract readonly hasRsample: boolean;
  /** True when the reparameterized gradient is biased by design (straight-through estimators). */
  readonly biased: boolean = false;
  readonly batchShape: Shape;
  readonly eventShape: Shape;

  protected constructor(batchShape: Shape, eventShape: Shape = []) {
    this.batchShape = batchShape;
    this.eventShape = eventShape;
  }

  /**
   * Draws samples of the given full shape (rows × batch × event), starting at sample row `rowOffset` of
   * the key's stream. Reparameterizable families return a tensor differentiable in their parameters.
   */
  protected abstract draw(key: Key, shape: Shape, rowOffset: number): Tensor;

  /** log density (or mass) of x, summed over the event dimensions. */
  abstract logProb(x: TensorLike): Tensor;

  /** The full output shape for n independent rows, or per-row sampling when `perRow`. */
  sampleShape(n: number, perRow: boolean): number[] {
    return perRow ? [...this.batchShape, ...this.eventShape] : [n, ...this.batchShape, ...this.eventShape];
  }

  /**
   * n samples, shape [n, ...batchShape, ...eventShape], as constants (no gradient flows through them).
   * @example Normal(0, 1).sample(key(1), 3).shape   // [3]
   */
  sample(key: Key, n: number, options: SampleOptions = {}): Tensor {
    checkSampleCount(this.name, 'sample', n, options.offset);
    return stopGradient(this.draw(key, this.sampleShape(n, false), options.offset ?? 0));
  }

  /**
   * n reparameterized samples, differentiable in the parameters. Throws for families without one.
   * @example grad((mu: Tensor) => mean(Normal(mu, 1).rsample(key(1), 1000)))(0)   // 1
   */
  rsample(key: Key, n: number, options: SampleOptions = {}): Tensor {
    if (!this.hasRsample) {
      throw new PathwiseError(`${this.name}: has no reparameterized sampler (rsample); use the score-function ('score') or 'auto' estimator for this site`);
    }
    checkSampleCount(this.name, 'rsample', n, options.offset);
    return this.draw(key, this.sampleShape(n, false), options.offset ?? 0);
  }

  /** Draws for an expectation program: `rows` samples, or one per row when the parameters are per-row. */
  drawRows(key: Key, rows: number, rowOffset: number, perRow: boolean, reparameterized: boolean): Tensor {
    if (perRow && this.batchShape[0] !== rows) {
      throw new PathwiseError(`${this.name}: per-sample parameters have leading dimension ${show(this.batchShape[0])}, expected the batch's ${rows} samples`);
    }
    const z = this.draw(key, this.sampleShape(rows, perRow), rowOffset);
    return reparameterized ? z : stopGradient(z);
  }

  /** The parameter tensors (every own property holding a Tensor), e.g. to see what they depend on. */
  parameters(): Tensor[] {
    return Object.values(this).filter((v): v is Tensor => v instanceof TensorClass);
  }

  /** Measure-valued derivative terms, one per parameter, for samples z (shape as drawn); null if none. */
  mvd(_key: Key, _z: Tensor, _rowOffset: number): MvdTerm[] | null {
    return null;
  }

  mean(): Tensor {
    return this.noClosedForm('mean');
  }
  variance(): Tensor {
    return this.noClosedForm('variance');
  }
  entropy(): Tensor {
    return this.noClosedForm('entropy');
  }
  cdf(_x: TensorLike): Tensor {
    return this.noClosedForm('cdf');
  }
  icdf(_p: TensorLike): Tensor {
    return this.noClosedForm('icdf');
  }

  protected noClosedForm(what: string): never {
    throw new PathwiseError(`${this.name}: ${what} has no closed form implemented`);
  }

  /** Elements per row of a sample of the given shape (the stride of one Monte Carlo sample). */
  protected static perRow(shape: Shape): number {
    return shape.length === 0 ? 1 : sizeOf(shape.slice(1));
  }
}

