/**
 * Training the discrete-latent VAE with one of the three estimators, recording the discrete ELBO on the
 * train and test sets after every epoch. The relaxation temperature is annealed exponentially,
 * τ(t) = max(τ_end, τ_start·e^{−rt}) (Jang, Gu & Poole 2017, §4, who anneal the same way), with the rate r
 * chosen so that τ_end is reached after 80% of the steps.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { tidy } from '../../tensor/pool.js';
import { foldIn, key, type Key } from '../../random/key.js';
import { Adam } from '../optim/adam.js';
import { minibatches, rows } from '../minibatches.js';
import { ascentGradient } from '../descent.js';
import { discreteElbo, dvaeElboObjective, initDvae, type DvaeConfig, type DvaeEstimator, type DvaeParams } from './dvae.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

export interface DvaeEpoch {
  readonly epoch: number;
  /** Discrete ELBO per image (S hard samples per image, evaluation noise fixed). */
  readonly trainElbo: number;
  readonly testElbo: number;
  /** Temperature at the end of the epoch (Gumbel-softmax and straight-through). */
  readonly temperature: number;
  readonly seconds: number;
}

export interface TrainDvaeOptions {
  readonly config: DvaeConfig;
  readonly estimator: DvaeEstimator;
  readonly epochs: number;
  readonly seed: number;
  readonly batchSize?: number;
  readonly lr?: number;
  /** Initial and final temperature (default 1 → 0.5). */
  readonly temperature?: { readonly start: number; readonly end: number };
  readonly onEpoch?: (e: DvaeEpoch) => void;
}

/**
 * The annealing schedule for a run of `totalSteps` steps.
 * @example temperatureSchedule(1, 0.5, 100)(80)   // 0.5
 */
export function temperatureSchedule(start: number, end: number, totalSteps: number): (step: number) => number {
  if (!(start > 0 && end > 0 && end <= start)) throw new PathwiseRangeError(`temperatureSchedule: need 0 < end ≤ start, got start ${show(start)}, end ${show(end)}`);
  const rate = dmath.log(start / end) / Math.max(1, 0.8 * totalSteps);
  return (step) => Math.max(end, start * dmath.exp(-rate * step));
}

const EVAL_BATCH = 512;

/**
 * Mean discrete ELBO per image over a data set.
 * @example
 * const params = initDvae(key(0), DIGITS_DVAE);
 * const test = take(loadDigits(), 100);
 * dvaeElboOf(params, test.images, key(9), DIGITS_DVAE)
 */
export function dvaeElboOf(p: DvaeParams, x: Tensor, k: Key, config: DvaeConfig): number {
  const n = x.shape[0]!;
  let total = 0;
  for (let s = 0; s < n; s += EVAL_BATCH) {
    const m = Math.min(EVAL_BATCH, n - s);
    const idx = Int32Array.from({ length: m }, (_, i) => s + i);
    total += tidy(() => discreteElbo(p, rows(x, idx), foldIn(k, s), config).sum().item());
  }
  return total / n;
}

/**
 * Trains a discrete VAE with Adam from a seed; the same seed gives the same initial parameters and
 * minibatches for every estimator, so the curves differ only by the estimator.
 * @example
 * const { train, test } = trainTestSplit(take(loadDigits(), 300), key(0), 0.2);
 * const { history } = trainDvae(train.images, test.images, { config: DIGITS_DVAE, estimator: 'reinforce', epochs: 1, seed: 0 });
 * history.length;   // 2 (epoch 0, the untrained model, then epoch 1)
 */
export function trainDvae(train: Tensor, test: Tensor, options: TrainDvaeOptions): { params: DvaeParams; history: DvaeEpoch[] } {
  const { config, epochs, seed, estimator } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 0) throw new PathwiseRangeError(`trainDvae: epochs must be a non-negative integer, got ${show(epochs)}`);
  const root = key(seed);
  const [kInit, kData, kNoise, kEval] = [0, 1, 2, 3].map((i) => foldIn(root, i)) as [Key, Key, Key, Key];
  let params = initDvae(kInit, config);
  const opt = new Adam({ lr: options.lr ?? 1e-3 });
  const batchSize = options.batchSize ?? 128;
  const n = train.shape[0]!;
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const { start, end } = options.temperature ?? { start: 1, end: 0.5 };
  const tau = temperatureSchedule(start, end, epochs * stepsPerEpoch);
  const objective = dvaeElboObjective(config, estimator);
  const history: DvaeEpoch[] = [];
  let step = 0;
  const record = (epoch: number, seconds: number) => {
    const e = { epoch, trainElbo: dvaeElboOf(params, train, kEval, config), testElbo: dvaeElboOf(params, test, kEval, config), temperature: tau(step), seconds };
    history.push(e);
    options.onEpoch?.(e);
  };
  record(0, 0);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    for (const idx of minibatches(foldIn(kData, epoch), n, batchSize)) {
      const k = foldIn(kNoise, step);
      const t = tau(step++);
      const x = rows(train, idx);
      params = tidy(() => opt.step(params, ascentGradient<DvaeParams>(objective.grad(params, x, k, t).grad)));
    }
    record(epoch, (performance.now() - t0) / 1000);
  }
  return { params, history };
}
