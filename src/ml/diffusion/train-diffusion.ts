/**
 * Training the toy DDPM with Adam on a fixed keyed data set, and judging it by the energy distance
 * between its samples and fresh data, against the same distance for the untrained network.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { tidy } from '../../tensor/pool.js';
import { valueAndGrad } from '../../ad/transforms.js';
import { foldIn, key, type Key } from '../../random/key.js';
import { Adam } from '../optim/adam.js';
import { minibatches, rows } from '../minibatches.js';
import type { DenseParams } from '../layers.js';
import { ddpmLoss, ddpmNoise, initDdpm, linearSchedule, sampleDdpm, type DdpmConfig } from './ddpm.js';
import { energyDistance, gaussianFit } from './energy-distance.js';
import { toyData, type ToyDataset } from './toy-data.js';

export interface DiffusionEpoch {
  readonly epoch: number;
  /** Mean training loss over the epoch's steps. */
  readonly loss: number;
  readonly seconds: number;
}

export interface TrainDiffusionOptions {
  readonly config: DdpmConfig;
  readonly dataset: ToyDataset;
  readonly epochs: number;
  readonly seed: number;
  /** Training points (default 8192). */
  readonly points?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  /** Samples drawn for the energy distance (default 1000). */
  readonly evalSamples?: number;
  readonly onEpoch?: (e: DiffusionEpoch) => void;
}

export interface TrainedDiffusion {
  readonly params: DenseParams[];
  readonly history: DiffusionEpoch[];
  /** Fresh data (a held-out draw of the same law) and the trained and untrained models' samples. */
  readonly data: Tensor;
  readonly samples: Tensor;
  readonly untrainedSamples: Tensor;
  /** Squared energy distances to the held-out data. */
  readonly distance: {
    readonly trained: number;
    readonly untrained: number;
    /** A second held-out draw of the data: the floor set by sampling noise. */
    readonly dataToData: number;
    /** The moment-matched Gaussian of the training data: what a model must beat to have learned the shape. */
    readonly gaussian: number;
  };
}

/**
 * Trains the noise predictor and evaluates the samples.
 * @example
 * const r = trainDiffusion({ config: TOY_DDPM, dataset: 'moons', epochs: 1, points: 512, evalSamples: 200, seed: 0 });
 * r.history.length;   // 1 (one entry per epoch: its mean loss and seconds)
 */
export function trainDiffusion(options: TrainDiffusionOptions): TrainedDiffusion {
  const { config, epochs, seed } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 0) throw new PathwiseRangeError(`trainDiffusion: epochs must be a non-negative integer, got ${show(epochs)}`);
  const root = key(seed);
  const [kInit, kData, kBatch, kNoise, kEval] = [0, 1, 2, 3, 4].map((i) => foldIn(root, i)) as [Key, Key, Key, Key, Key];
  const nEval = options.evalSamples ?? 1000;
  const train = toyData(options.dataset, foldIn(kData, 0), options.points ?? 8192);
  const heldOut = toyData(options.dataset, foldIn(kData, 1), nEval);
  const reference = toyData(options.dataset, foldIn(kData, 2), nEval);
  const schedule = linearSchedule(config.steps);
  const initial = initDdpm(kInit, config);
  let params = initial;
  const opt = new Adam({ lr: options.lr ?? 2e-3 });
  const batchSize = options.batchSize ?? 256;
  const lossGrad = valueAndGrad(ddpmLoss);
  const history: DiffusionEpoch[] = [];
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    let total = 0, count = 0;
    for (const idx of minibatches(foldIn(kBatch, epoch), train.shape[0]!, batchSize)) {
      const noise = ddpmNoise(foldIn(kNoise, step++), idx.length, config);
      params = tidy(() => {
        const [l, g] = lossGrad(params, rows(train, idx), noise, schedule, config);
        total += l.item();
        count++;
        return opt.step(params, g as DenseParams[]);
      });
    }
    const e = { epoch, loss: total / count, seconds: (performance.now() - t0) / 1000 };
    history.push(e);
    options.onEpoch?.(e);
  }
  const samples = sampleDdpm(params, kEval, nEval, schedule, config);
  const untrainedSamples = sampleDdpm(initial, kEval, nEval, schedule, config);
  return {
    params, history, data: heldOut, samples, untrainedSamples,
    distance: {
      trained: energyDistance(samples, heldOut),
      untrained: energyDistance(untrainedSamples, heldOut),
      dataToData: energyDistance(reference, heldOut),
      gaussian: energyDistance(gaussianFit(train, foldIn(kEval, 1), nEval), heldOut),
    },
  };
}
