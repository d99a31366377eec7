/**
 * σ·w: how a diffusion value meets a Brownian increment (or any [paths, m] weight), per noise type.
 * Scalar and diagonal noise multiply elementwise (w is [paths, 1] or [paths, d]); additive and general
 * noise contract σ [paths, d, m] with w over the Brownian axis (noise-contract.ts). Differentiable in σ.
 */
import type { Tensor } from '../tensor/tensor.js';
import { broadcastTo, mul, reshape } from '../ad/ops/index.js';
import { noiseContract } from './noise-contract.js';
import type { NoiseType } from './types.js';

/**
 * σ·w for the noise type: [paths, d] (or, for scalar and diagonal noise, a shape that broadcasts to it).
 * For additive and general noise σ may be [paths, d, m]; [d, m] or a number (shared by all paths); or
 * [paths, 1], one scalar per path (what a per-path parameter copy gives in adjoint mode). Only when
 * paths = d and m = 1 are [d, m] and [paths, 1] the same shape; the shared reading is taken.
 */
export function noiseProduct(noise: NoiseType, g: Tensor, w: Tensor, d: number): Tensor {
  if (noise === 'scalar' || noise === 'diagonal') return mul(g, w);
  const [paths, m] = w.shape as [number, number];
  if (g.ndim === 3 && g.shape[0] === paths && g.shape[1] === d && g.shape[2] === m) return noiseContract(g, w);
  if (g.ndim <= 2 && g.size === d * m && (g.ndim < 2 || g.shape[0] === d || g.size === 1)) return noiseContract(g, w);
  if (g.ndim === 2 && g.shape[0] === paths && g.shape[1] === 1) return noiseContract(broadcastTo(reshape(g, [paths, 1, 1]), [paths, d, m]), w);
  return noiseContract(broadcastTo(g, [paths, d, m]), w);
}
