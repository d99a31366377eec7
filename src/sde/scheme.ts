/**
 * What a scheme is: one step X_n → X_{n+1} written with pathwise ops (so the engine differentiates it
 * in either mode), plus the facts the solver checks up front: its strong and weak orders and the noise
 * types it supports.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { StepNoise } from './brownian-source.js';
import type { MethodName, NoiseType } from './types.js';

/** The SDE as a scheme sees it; parameters are already tensors. */
export interface SdeSystem {
  readonly drift: (t: number, x: Tensor, params: Readonly<Record<string, Tensor>>) => TensorLike;
  readonly diffusion: (t: number, x: Tensor, params: Readonly<Record<string, Tensor>>) => TensorLike;
  readonly noise: NoiseType;
  /** State dimension. */
  readonly d: number;
  /** Brownian dimension. */
  readonly m: number;
  /**
   * Drift and diffusion ignore t and compute from their arguments with ops only (they read no values): a
   * fused step is then recorded once and replayed (src/sde/fused-step.ts). Default false.
   */
  readonly autonomous?: boolean;
}

export interface Scheme {
  readonly name: MethodName;
  /** Strong order of convergence, E|X_N − X(T)| = O(h^strongOrder), for the supported noise types. */
  readonly strongOrder: number;
  /** Weak order, |E f(X_N) − E f(X(T))| = O(h^weakOrder). */
  readonly weakOrder: number;
  readonly noise: readonly NoiseType[];
  /** Whether the step needs I_(k,0) besides ΔW. */
  readonly needsLevyArea: boolean;
  /** One step from time t of length h. */
  step(sys: SdeSystem, t: number, h: number, x: Tensor, params: Readonly<Record<string, Tensor>>, noise: StepNoise): Tensor;
}
