/**
 * Training the VAE with Adam on minibatches, recording the train and test ELBO after every epoch, and
 * the pictures of the report: reconstructions of test images and decoded prior samples.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { tidy } from '../../tensor/pool.js';
import { sigmoid } from '../../ad/ops/index.js';
import { foldIn, key, type Key } from '../../random/key.js';
import { Adam } from '../optim/adam.js';
import { minibatches, rows } from '../minibatches.js';
import { ascentGradient } from '../descent.js';
import { decode, encode, initVae, vaeElbo, vaeElboObjective, vaeNoise, type VaeConfig, type VaeParams } from './vae.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

export interface VaeEpoch {
  /** 0 is the untrained model. */
  readonly epoch: number;
  /** Mean single-sample ELBO per image (nats) over the whole set, with the evaluation noise fixed. */
  readonly trainElbo: number;
  readonly testElbo: number;
  /** Seconds spent training this epoch (0 for epoch 0). */
  readonly seconds: number;
}

export interface TrainVaeOptions {
  readonly config: VaeConfig;
  readonly epochs: number;
  readonly seed: number;
  /** Default 128. */
  readonly batchSize?: number;
  /** Adam's learning rate (default 1e-3). */
  readonly lr?: number;
  /** Called after each epoch's evaluation (progress bars). */
  readonly onEpoch?: (e: VaeEpoch) => void;
}

export interface TrainedVae {
  readonly params: VaeParams;
  readonly history: VaeEpoch[];
}

/** Evaluation batches of this many rows keep temporaries in cache. */
const EVAL_BATCH = 512;

/**
 * The mean ELBO per image over a data set, one sample per image, noise from `k` (fixed across epochs
 * so that the curve shows the model changing, not the noise).
 * @example
 * const params = initVae(key(0), DIGITS_VAE);
 * const test = take(loadDigits(), 100);
 * elboOf(params, test.images, key(99), DIGITS_VAE)   // ≈ −28 nats after training
 */
export function elboOf(params: VaeParams, x: Tensor, k: Key, config: VaeConfig): number {
  const n = x.shape[0]!;
  let total = 0;
  for (let s = 0; s < n; s += EVAL_BATCH) {
    const m = Math.min(EVAL_BATCH, n - s);
    const idx = Int32Array.from({ length: m }, (_, i) => s + i);
    total += tidy(() => vaeElbo(params, rows(x, idx), vaeNoise(foldIn(k, s), m, config.latentDim), config).sum().item());
  }
  return total / n;
}

/**
 * Batch-means groups of a training step: each is one reverse pass, so two cost what one pass over the
 * minibatch costs, and still give the step's standard error (with one degree of freedom: a step needs the
 * mean, not a precise error bar).
 * @example ml.TRAIN_GROUPS;   // 2
 */
export const TRAIN_GROUPS = 2;

/**
 * Trains a VAE from a seed: Adam (no weight decay), shuffled minibatches keyed by (seed, epoch), one
 * sample of z per image per step, the ELBO's gradient by `expectation` (pathwise, reverse mode).
 * @example
 * const { train, test } = trainTestSplit(take(loadDigits(), 300), key(0), 0.2);
 * const { params, history } = trainVae(train.images, test.images, { config: DIGITS_VAE, epochs: 1, seed: 0 });
 * history.length;   // 2 (epoch 0, the untrained model, then epoch 1)
 */
export function trainVae(train: Tensor, test: Tensor, options: TrainVaeOptions): TrainedVae {
  const { config, epochs, seed } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 0) throw new PathwiseRangeError(`trainVae: epochs must be a non-negative integer, got ${show(epochs)}`);
  const root = key(seed);
  const [kInit, kData, kNoise, kEval] = [0, 1, 2, 3].map((i) => foldIn(root, i)) as [Key, Key, Key, Key];
  let params = initVae(kInit, config);
  const opt = new Adam({ lr: options.lr ?? 1e-3 });
  const batchSize = options.batchSize ?? 128;
  const elbo = vaeElboObjective(config);
  const history: VaeEpoch[] = [];
  const record = (epoch: number, seconds: number) => {
    const e = { epoch, trainElbo: elboOf(params, train, kEval, config), testElbo: elboOf(params, test, kEval, config), seconds };
    history.push(e);
    options.onEpoch?.(e);
  };
  record(0, 0);
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    for (const idx of minibatches(foldIn(kData, epoch), train.shape[0]!, batchSize)) {
      const k = foldIn(kNoise, step++);
      const x = rows(train, idx);
      params = tidy(() => {
        const r = elbo.grad(params, { data: x, samples: Math.max(2, idx.length), key: k, estimator: 'pathwise', groups: TRAIN_GROUPS });
        return opt.step(params, ascentGradient<VaeParams>(r.grad));
      });
    }
    record(epoch, (performance.now() - t0) / 1000);
  }
  return { params, history };
}

/** The mean of a continuous Bernoulli with logits ℓ: σ(ℓ)/tanh(ℓ/2) − 1/ℓ (½ + ℓ/12 near 0). */
function cbMean(l: number): number {
  if (Math.abs(l) < 1e-3) return 0.5 + l / 12;
  return 1 / (1 + dmath.exp(-l)) / dmath.tanh(l / 2) - 1 / l;
}

/** Pixel means from decoder logits, per likelihood (σ(ℓ) for Bernoulli, the CB mean otherwise). */
function pixelMeans(logits: Tensor, config: VaeConfig): Float64Array {
  if (config.likelihood === 'bernoulli') return Float64Array.from(sigmoid(logits).data);
  return logits.data.map(cbMean);
}

/**
 * Reconstructions of images x: the decoder's pixel means at z = μ(x) (the posterior mean), one
 * Float64Array of inputDim values per image.
 * @example
 * const params = initVae(key(0), DIGITS_VAE);
 * const recon = reconstruct(params, rows(loadDigits().images, [0, 1, 2]), DIGITS_VAE);
 * recon.length;   // 3
 */
export function reconstruct(params: VaeParams, x: Tensor, config: VaeConfig): Float64Array[] {
  return tidy(() => {
    const m = pixelMeans(decode(params, encode(params, x, config).mu, config), config);
    return Array.from({ length: x.shape[0]! }, (_, i) => m.slice(i * config.inputDim, (i + 1) * config.inputDim));
  });
}

/**
 * n images decoded from prior samples z ~ N(0, I) (pixel means).
 * @example
 * const params = initVae(key(0), DIGITS_VAE);
 * const samples = sampleVae(params, key(5), 16, DIGITS_VAE);
 * samples.length;   // 16
 */
export function sampleVae(params: VaeParams, k: Key, n: number, config: VaeConfig): Float64Array[] {
  return tidy(() => {
    const m = pixelMeans(decode(params, vaeNoise(k, n, config.latentDim), config), config);
    return Array.from({ length: n }, (_, i) => m.slice(i * config.inputDim, (i + 1) * config.inputDim));
  });
}
