/**
 * Implicit reparameterization (Figurnov, Mohamed & Mnih, NeurIPS 2018) as primitives: a sample z drawn
 * by any exact sampler (Marsaglia–Tsang for the gamma, Best–Fisher for von Mises) enters the graph
 * through a primitive whose value is z and whose derivative in the shape parameter is
 * dz/dα = −(∂F/∂α)/q, evaluated by the accurate kernels of ./implicit/. The derivative is a first-order
 * rule: it is computed from the concrete values, so second derivatives through the sample's shape are
 * not available (they are treated as zero).
 */
import { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import { bind } from '../ad/trace.js';
import { mul } from '../ad/ops/index.js';
import { gammaLogSampleGrad, gammaSampleGrad } from './implicit/gamma-sample-grad.js';
import { vonMisesSampleGrad } from './implicit/von-mises-sample-grad.js';
import { paramArray } from './param-data.js';

/** The sample of a one-parameter family as a function of its parameter, given dz/dα(z, α). */
function oneParameterSample(name: string, dzda: (z: number, alpha: number) => number): (alpha: Tensor, z: Tensor, shape: Shape) => Tensor {
  /** dz/dα for every element of z, with α broadcast to z's shape. */
  const gradient = (alpha: Tensor, z: Tensor): Tensor => {
    const ad = paramArray(alpha, z.shape);
    const out = alloc(z.size);
    const zd = z.data;
    for (let i = 0; i < out.length; i++) out[i] = dzda(zd[i]!, ad[i]!);
    return new Tensor(out, z.shape);
  };
  const prim: Primitive<{ z: Tensor }> = definePrimitive<{ z: Tensor }>({
    name,
    smoothness: 'smooth',
    impl: (_inputs, { z }) => new Tensor(z.data, z.shape),
    vjp: (g, [alpha], _out, { z }) => [mul(g, gradient(alpha!, z))],
    jvp: ([t], [alpha], _out, { z }) => mul(t!, gradient(alpha!, z)),
  });
  return (alpha, z, shape) => bind(prim, [alpha], { z: z.shape.length === shape.length ? z : new Tensor(z.data, shape) });
}

/**
 * The Gamma(α, 1) samples z (drawn with α broadcast to `shape`) as a function of α: value z, derivative
 * dz/dα by implicit reparameterization.
 */
export const gammaSample = oneParameterSample('gammaSample', gammaSampleGrad);

/**
 * log G of Gamma(α, 1) samples G as a function of α: value log G, derivative d(log G)/dα = (dG/dα)/G,
 * finite also where G underflows (the form Gamma, Dirichlet and StudentT sample in).
 */
export const logGammaSample = oneParameterSample('logGammaSample', gammaLogSampleGrad);

/** Centered vonMises(0, κ) samples ξ ∈ [−π, π] as a function of κ: value ξ, derivative dξ/dκ. */
export const vonMisesSample = oneParameterSample('vonMisesSample', vonMisesSampleGrad);
