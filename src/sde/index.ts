/**
 * pathwise/sde: stochastic differential equations. `solve` simulates paths by Euler–Maruyama, Milstein
 * or Rößler's SRA1; `sensitivity` returns ∂E[loss(X_T)]/∂θ with standard errors by forward (tangent)
 * mode, adjoint mode with checkpoints, finite differences with common random numbers, or the Euler
 * likelihood ratio. The scheme objects themselves (Euler–Maruyama, Milstein, SRA1) are in ../advanced.ts.
 * Meant to be re-exported as a namespace: `export * as sde from './sde/index.js'`.
 */
import '../ad/methods.js';  // installs the Tensor methods (x.mul, …) that user drift and diffusion code calls

export { solve } from './solve.js';
export { sensitivity, sensitivityAsync, type SensitivitySource } from './sensitivity.js';
export { tangentPaths, type TangentPaths } from './tangent-paths.js';
export { component, fromComponents } from './components.js';
export type {
  NoiseType, MethodName, SdeParams, ParamTensors, SdeFunction, SdeOptions, SolveOptions, SolveResult,
  SensitivityMode, SensitivityOptions, SensitivityResult,
} from './types.js';
export * as models from './models.js';
