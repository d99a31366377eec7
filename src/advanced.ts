/**
 * pathwise/advanced: the low-level pieces the library is built from, for users who write their own kernels,
 * check the generators bit by bit, or benchmark. They are documented and tested like the rest, but they are
 * not the way in: `key`, `uniform`, `normal` and the distributions draw random numbers; `greeks` computes
 * Greeks. Their signatures may change in a minor version.
 *
 * ```ts
 * import { philox4x32, setPhiloxWasmEnabled } from 'pathwise/advanced';
 * ```
 *
 * @module pathwise/advanced
 */

// Philox4x32-10, the counter-based generator under every random stream.
export { philox4x32, philoxRoundKeys, philoxBlock } from './random/philox.js';
// Switches between the WebAssembly kernels and their JavaScript twins (same bits; for benchmarks and tests).
export { setPhiloxWasmEnabled } from './random/philox-wasm.js';
export { setMatmulWasmEnabled } from './ad/kernels/matmul-wasm.js';
// Per-sample variate kernels: one variate from round keys and a counter, as the batched samplers draw them.
export { wordsToUniform } from './random/uniform.js';
export { gammaVariate, logGammaVariate } from './random/gamma.js';
export { betaFromLogGammas, BETA_MAX } from './random/beta.js';
export { poissonVariate } from './random/poisson.js';
export { binomialVariate } from './random/binomial.js';
// The registry of differentiable primitives (name, rules, smoothness).
export { primitives, type Primitive, type Smoothness } from './ad/primitive.js';
// SDE: the schemes `sde.solve` and `sde.sensitivity` pick by name (`method: 'milstein'`), as objects.
export { schemes as sdeSchemes, schemeFor as sdeSchemeFor } from './sde/schemes.js';
export { eulerMaruyama } from './sde/euler-maruyama.js';
export { milstein } from './sde/milstein.js';
export { sra1 } from './sde/sra1.js';
export type { Scheme as SdeScheme, SdeSystem } from './sde/scheme.js';
// Finance: the fused European pathwise kernel and the Broadie–Glasserman–Kou continuity-correction constant.
export { europeanPathwiseDeltaVega, europeanPathwiseKernel } from './finance/greeks/fused-european.js';
export { BGK_BETA } from './finance/closed-form/discrete-barrier.js';
