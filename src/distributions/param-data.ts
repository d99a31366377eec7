/** Concrete parameter values broadcast to a sample's shape, the form the samplers of src/random take. */
import type { Tensor } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { concrete } from '../ad/trace.js';
import { broadcastData } from '../ad/kernels/elementwise.js';

/** One number when the parameter is a scalar, else one value per element of `shape`. */
export function paramData(t: Tensor, shape: Shape): number | Float64Array {
  const c = concrete(t);
  if (c.size === 1) return c.data[0]!;
  return c.size === sizeOf(shape) ? c.data : broadcastData(c, shape);
}

/** One value per element of `shape`, always an array. */
export function paramArray(t: Tensor, shape: Shape): Float64Array {
  const c = concrete(t);
  return c.size === sizeOf(shape) ? c.data : broadcastData(c, shape);
}
