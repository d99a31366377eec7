/**
 * pathwise/random: counter-based random numbers (Philox4x32-10), keys, uniforms, normals and the base
 * variates of the distributions, Sobol quasi-random points with scrambling, Brownian increments and the
 * Brownian bridge. Everything works on Float64Array/Uint32Array and runs in browsers as well as Node.
 * The generator itself and the per-sample variate kernels are exported from ../advanced.ts.
 */
export { key, keyFromWords, keyData, split, foldIn, type Key } from './key.js';
export type { StreamOptions, Param } from './validate.js';
export { uniform } from './uniform.js';
export { normalQuantile } from './normal-quantile.js';
export { normal } from './normal.js';
export { exponential } from './exponential.js';
export { gumbel } from './gumbel.js';
export { bernoulli } from './bernoulli.js';
export { categorical } from './categorical.js';
export { gamma, logGamma } from './gamma.js';
export { beta } from './beta.js';
export { dirichlet } from './dirichlet.js';
export { poisson } from './poisson.js';
export { binomial } from './binomial.js';
export { sobol, sobolNormal, type SobolOptions, type SobolScramble } from './sobol.js';
export { SOBOL_MAX_DIMS } from './sobol-directions.js';
export type { TimeGrid } from './time-grid.js';
export { brownianIncrements, brownianIncrement, brownianStep, type BrownianOptions } from './brownian.js';
export {
  brownianBridgePlan, brownianBridgeIncrements, sobolBrownianIncrements,
  type BridgePlan, type SobolBrownianOptions,
} from './brownian-bridge.js';
