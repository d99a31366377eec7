/**
 * Implicit reparameterization (Figurnov, Mohamed & Mnih, NeurIPS 2018) as primitives: a sample z drawn
 * by any exact sampler (Marsaglia–Tsang for the gamma) enters the graph through a primitive whose value
 * is z and whose derivative in the shape parameter is dz/dα = −(∂F/∂α)/q, evaluated by the accurate
 * kernels of ./implicit/. The derivative is a first-order rule: it is computed from the concrete values,
 * so second derivatives through the sample's shape are not available (they are treated as zero).
 */
import { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import { bind, concrete } from '../ad/trace.js';
import { broadcastData } from '../ad/kernels/elementwise.js';
import { mul } from '../ad/ops/index.js';
import { gammaSampleGrad } from './implicit/gamma-sample-grad.js';

/** dz/dα for every element of z, with α broadcast to z's shape. */
function gammaGrad(alpha: Tensor, z: Tensor): Tensor {
  const a = concrete(alpha);
  const ad = a.size === z.size ? a.data : broadcastData(a, z.shape);
  const out = alloc(z.size);
  const zd = z.data;
  for (let i = 0; i < out.length; i++) out[i] = gammaSampleGrad(zd[i]!, ad[i]!);
  return new Tensor(out, z.shape);
}

const gammaSampleP: Primitive<{ z: Tensor }> = definePrimitive<{ z: Tensor }>({
  name: 'gammaSample',
  smoothness: 'smooth',
  impl: (_inputs, { z }) => new Tensor(z.data, z.shape),
  vjp: (g, [alpha], _out, { z }) => [mul(g, gammaGrad(alpha!, z))],
  jvp: ([t], [alpha], _out, { z }) => mul(t!, gammaGrad(alpha!, z)),
});

/**
 * The Gamma(α, 1) samples z as a function of α: value z, derivative dz/dα by implicit
 * reparameterization. `z` must have been drawn with shape α broadcast to `shape`.
 */
export function gammaSample(alpha: Tensor, z: Tensor, shape: Shape): Tensor {
  return bind(gammaSampleP, [alpha], { z: z.shape.length === shape.length ? z : new Tensor(z.data, shape) });
}
