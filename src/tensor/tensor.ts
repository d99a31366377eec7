/**
 * Tensor: a Float64Array plus a shape, stored contiguously in row-major order. The leading axis is the
 * sample axis by convention. Tensors are immutable values: ops never write into their inputs.
 * The methods (`x.exp()`, `x.add(y)`, …) are installed by ../ad/methods.ts, which owns the ops.
 */
import { PathwiseRangeError, ShapeError, show } from '../errors.js';
import { sizeOf, stridesOf, type Shape } from './shape.js';

/** A nested array of numbers, as returned by `toArray()`. */
export type NestedArray = number | NestedArray[];

/**
 * An n-dimensional array of float64 values with a shape: what every op takes and returns. Create one with
 * `tensor`, `zeros`, `arange`, …; the methods (`x.mul(2)`, `x.sum()`) are the ops of the same names.
 * @example
 * const x = tensor([[1, 2], [3, 4]]);
 * x.shape;                 // [2, 2]
 * x.mul(2).sum().item();   // 20
 */
export class Tensor {
  readonly data: Float64Array;
  readonly shape: Shape;
  /**
   * Names of the random sources (sample sites) this value was computed from, or null. Maintained by the
   * autodiff layer so that a discontinuous op consuming a sampled value can be reported (see ad/tracking).
   */
  sources: ReadonlySet<string> | null = null;

  constructor(data: Float64Array, shape: Shape) {
    if (data.length !== sizeOf(shape)) {
      throw new ShapeError(`Tensor: ${data.length} values do not fill shape ${show(shape)}`);
    }
    this.data = data;
    this.shape = shape;
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) {
      throw new PathwiseRangeError(`item: tensor of shape ${show(this.shape)} has ${this.data.length} elements, not 1`);
    }
    return this.data[0]!;
  }

  /** Nested arrays of numbers (a number for a scalar). */
  toArray(): NestedArray {
    if (this.shape.length === 0) return this.data[0]!;
    const strides = stridesOf(this.shape);
    const build = (dim: number, offset: number): NestedArray[] => {
      const n = this.shape[dim]!;
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = dim === this.shape.length - 1 ? this.data[offset + i]! : build(dim + 1, offset + i * strides[dim]!);
      }
      return out;
    };
    return build(0, 0);
  }

  toString(): string {
    return `Tensor(shape=${show(this.shape)}, ${JSON.stringify(this.toArray())})`;
  }
}

/** Anything accepted where a tensor is: a tensor or a plain number. */
export type TensorLike = Tensor | number;
