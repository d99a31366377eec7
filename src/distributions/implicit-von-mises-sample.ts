/**
 * Implicit reparameterization of centered von Mises samples as a primitive (Figurnov, Mohamed & Mnih,
 * NeurIPS 2018), in the manner of implicit-sample.ts: ξ ~ vonMises(0, κ) drawn by the exact sampler
 * enters with value ξ and derivative dξ/dκ = −(∂F/∂κ)/q from ./implicit/von-mises-sample-grad.ts. First
 * order only (computed from concrete values).
 */
import { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import { bind, concrete } from '../ad/trace.js';
import { mul } from '../ad/ops/index.js';
import { vonMisesSampleGrad } from './implicit/von-mises-sample-grad.js';
import { paramArray } from './param-data.js';

function kappaGrad(kappa: Tensor, xi: Tensor): Tensor {
  const kd = paramArray(concrete(kappa), xi.shape);
  const out = alloc(xi.size);
  const xd = xi.data;
  for (let i = 0; i < out.length; i++) out[i] = vonMisesSampleGrad(xd[i]!, kd[i]!);
  return new Tensor(out, xi.shape);
}

const vonMisesSampleP: Primitive<{ xi: Tensor }> = definePrimitive<{ xi: Tensor }>({
  name: 'vonMisesSample',
  smoothness: 'smooth',
  impl: (_inputs, { xi }) => new Tensor(xi.data, xi.shape),
  vjp: (g, [kappa], _out, { xi }) => [mul(g, kappaGrad(kappa!, xi))],
  jvp: ([t], [kappa], _out, { xi }) => mul(t!, kappaGrad(kappa!, xi)),
});

/**
 * Centered vonMises(0, κ) samples ξ ∈ [−π, π] (of the full `shape`, drawn with κ broadcast to it) as a
 * function of κ: value ξ, derivative by implicit reparameterization.
 */
export function vonMisesSample(kappa: Tensor, xi: Tensor, shape: Shape): Tensor {
  return bind(vonMisesSampleP, [kappa], { xi: xi.shape.length === shape.length ? xi : new Tensor(xi.data, shape) });
}
