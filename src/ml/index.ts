/**
 * pathwise/ml: building blocks (keyed initialisation, dense layers and MLPs, SGD and AdamW, gradient
 * clipping, keyed minibatches), data (the 8×8 digits, MNIST IDX parsing), and three models whose
 * gradients are the library's subject: a Gaussian VAE (pathwise) with its score-function comparison, a
 * Bernoulli-latent VAE (REINFORCE, Gumbel-softmax, straight-through), and a toy DDPM.
 * Browser-safe: the Node-only file readers live in ./node.ts.
 */
export { glorotUniform, heNormal, initWeight, type InitName } from './init.js';
export {
  activate, dense, initDense, initMlp, mlp, countParams,
  type Activation, type DenseParams, type MlpParams, type MlpInitOptions, type MlpOptions,
} from './layers.js';
export { Sgd, type SgdOptions } from './optim/sgd.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { clipGradNorm, globalNorm } from './optim/clip.js';
export type { LearningRate } from './optim/tree-leaves.js';
export { permutation, minibatches, rows, type MinibatchOptions } from './minibatches.js';
export { trainTestSplit, splitIndices, take, type ImageDataset } from './data/dataset.js';
export { parseDigitsCsv, decodeDigitsGzip } from './data/digits.js';
export { parseIdx, idxImageDataset } from './data/idx.js';
export { bernoulliLogLik, continuousBernoulliLogLik, continuousBernoulliLogNorm, gaussianKl } from './vae/likelihoods.js';
export {
  DIGITS_VAE, initVae, encode, decode, logLikelihood, vaeNoise, vaeElbo, vaeElboObjective,
  type Likelihood, type VaeConfig, type VaeParams,
} from './vae/vae.js';
export { ascentGradient } from './descent.js';
export { trainVae, TRAIN_GROUPS, elboOf, reconstruct, sampleVae, type VaeEpoch, type TrainVaeOptions, type TrainedVae } from './vae/train-vae.js';
export {
  gradientVariance, gradientVarianceAsync, type GradientVarianceResult, type GradientVarianceOptions, type VarianceRow, type EstimatorMoments,
} from './vae/gradient-variance.js';
export { MAX_INLINE_VALUES, type ShippedRows } from './portable-data.js';
export {
  DIGITS_DVAE, DVAE_ESTIMATORS, initDvae, bernoulliKl, dvaeElboObjective, discreteElbo,
  type DvaeConfig, type DvaeEstimator, type DvaeParams, type DvaeElboObjective,
} from './dvae/dvae.js';
export { trainDvae, dvaeElboOf, temperatureSchedule, type DvaeEpoch, type TrainDvaeOptions } from './dvae/train-dvae.js';
export { syntheticLogistic, logisticElbo, type LogisticData, type GaussianVariational } from './bbvi.js';
export { twoMoons, spiral, toyData, TOY_DATASETS, type ToyDataset } from './diffusion/toy-data.js';
export { energyDistance, gaussianFit } from './diffusion/energy-distance.js';
export {
  TOY_DDPM, linearSchedule, timeEmbedding, initDdpm, predictNoise, ddpmNoise, ddpmLoss, sampleDdpm,
  type DdpmConfig, type Schedule,
} from './diffusion/ddpm.js';
export { trainDiffusion, type DiffusionEpoch, type TrainDiffusionOptions, type TrainedDiffusion } from './diffusion/train-diffusion.js';
