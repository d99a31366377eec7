/**
 * Implicit reparameterization kernels (Figurnov, Mohamed & Mnih 2018): dz/dθ = −(∂F/∂θ)/q for samples of
 * distributions whose sampler is not a differentiable transform of fixed noise.
 */
export { gammaSampleGrad, gammaLogSampleGrad } from './gamma-sample-grad.js';
export { betaSampleGrad } from './beta-sample-grad.js';
export { vonMisesSampleGrad } from './von-mises-sample-grad.js';
export { gammaLogProb } from './gamma-log-prob.js';
export { besselRatio } from './bessel-ratio.js';
export { digammaDifference } from './digamma-difference.js';
