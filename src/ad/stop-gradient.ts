/** stopGradient: the value of x, seen as a constant by every active transformation. */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { concrete } from './trace.js';

/**
 * Returns x's value with no derivative under any transformation (grad, jvp, at every nesting level).
 * Random-source tracking is kept: the value still depends on its sources.
 * @example grad((x: Tensor) => mul(x, stopGradient(x)))(3)   // 3, not 6
 */
export function stopGradient(x: TensorLike): Tensor {
  const t = toTensor(x, 'stopGradient');
  const c = concrete(t);
  const out = new Tensor(c.data, c.shape);
  out.sources = t.sources;
  return out;
}
