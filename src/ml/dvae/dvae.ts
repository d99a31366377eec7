/**
 * A VAE with K independent Bernoulli latents, q(z|x) = Π_k Bernoulli(σ(ℓ_k(x))), prior Bernoulli(½)^K,
 * and three ways to get the encoder's gradient through the discrete sample:
 * - 'reinforce': the score function (Williams 1992) with the leave-one-out baseline over S samples per
 *   image (Kool, van Hoof & Welling, "Buy 4 REINFORCE samples, get a baseline for free!", 2019): unbiased;
 * - 'gumbel-softmax': the binary Concrete relaxation z = σ((ℓ + L)/τ), L logistic (Maddison, Mnih & Teh
 *   2017; Jang, Gu & Poole 2017), trained on the relaxed objective: biased, low variance, τ annealed;
 * - 'straight-through': the hard sample forward, the relaxed sample's gradient backward (Bengio, Léonard
 *   & Courville 2013; Jang et al. 2017 §2.2): biased.
 * The KL to the prior is analytic: Σ_k q_k ℓ_k − softplus(ℓ_k) + log 2. All three are evaluated by the
 * same discrete ELBO (hard samples), so their curves are comparable.
 * Every estimator is the driver's (`expectation`): the latent site is a score-function site of a Bernoulli
 * (REINFORCE, the leave-one-out baseline over the S samples of the same image) or a pathwise site of the
 * relaxed or straight-through Bernoulli; nothing here differentiates through a sample by hand.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, broadcastTo, gather, mean, mul, reshape, sigmoid, softplus, sub, sum } from '../../ad/ops/index.js';
import type { Distribution } from '../../distributions/distribution.js';
import { expectation, type Objective } from '../../estimators/expectation.js';
import type { GradResult } from '../../estimators/types.js';
import { split, type Key } from '../../random/key.js';
import { Bernoulli } from '../../distributions/bernoulli.js';
import { RelaxedBernoulli } from '../../distributions/relaxed-bernoulli.js';
import { StraightThroughBernoulli } from '../../distributions/straight-through.js';
import { initMlp, mlp, type Activation, type DenseParams } from '../layers.js';
import { bernoulliLogLik } from '../vae/likelihoods.js';

export type DvaeEstimator = 'reinforce' | 'gumbel-softmax' | 'straight-through';
/** The gradient estimators of the discrete VAE. @example DVAE_ESTIMATORS   // ['reinforce', 'gumbel-softmax', 'straight-through'] */
export const DVAE_ESTIMATORS: readonly DvaeEstimator[] = ['reinforce', 'gumbel-softmax', 'straight-through'];

export interface DvaeConfig {
  readonly inputDim: number;
  readonly hidden: readonly number[];
  /** Number K of binary latents. */
  readonly latentDim: number;
  readonly activation: Activation;
  /** Samples S of z per image in each step (≥ 2 for the leave-one-out baseline over an image's samples). */
  readonly samples: number;
}

export type DvaeParams = {
  readonly encoder: DenseParams[];
  readonly decoder: DenseParams[];
};

/** The digits discrete VAE: 64-256-32 with 32 binary latents, 4 samples per image. @example DIGITS_DVAE.latentDim   // 32 */
export const DIGITS_DVAE: DvaeConfig = { inputDim: 64, hidden: [256], latentDim: 32, activation: 'relu', samples: 4 };

/**
 * Keyed initial parameters: encoder inputDim → hidden… → K logits, decoder K → hidden… → inputDim.
 * @example initDvae(key(0), DIGITS_DVAE).encoder[1].w.shape   // [256, 32]
 */
export function initDvae(k: Key, config: DvaeConfig): DvaeParams {
  if (!Number.isSafeInteger(config.samples) || config.samples < 2) {
    throw new PathwiseRangeError(`initDvae: samples must be an integer ≥ 2 (the leave-one-out baseline needs two), got ${show(config.samples)}`);
  }
  const [ke, kd] = split(k, 2) as [Key, Key];
  const { inputDim, hidden, latentDim, activation } = config;
  return {
    encoder: initMlp(ke, [inputDim, ...hidden, latentDim], { activation }),
    decoder: initMlp(kd, [latentDim, ...[...hidden].reverse(), inputDim], { activation }),
  };
}

/**
 * KL(Π Bernoulli(σ(ℓ)) ‖ Bernoulli(½)^K) per row: Σ σ(ℓ)ℓ − softplus(ℓ) + log 2.
 * @example bernoulliKl(tensor([[0]])).item()   // 0
 */
export function bernoulliKl(logits: Tensor): Tensor {
  return sum(add(sub(mul(sigmoid(logits), logits), softplus(logits)), Math.LN2), -1);
}

/** The rows repeated S times: [B, …] → [S·B, …] (sample s of image b is row s·B + b). */
function repeatRows(x: Tensor, s: number): Tensor {
  const [b, ...rest] = x.shape;
  return reshape(broadcastTo(reshape(x, [1, b!, ...rest]), [s, b!, ...rest]), [s * b!, ...rest]);
}

/** The distribution of the latent site for an estimator: q itself, its relaxation, or straight-through. */
function latent(estimator: DvaeEstimator, logits: Tensor, temperature: number): Distribution {
  if (estimator === 'reinforce') return Bernoulli({ logits });
  if (estimator === 'gumbel-softmax') return RelaxedBernoulli(temperature, { logits });
  if (estimator === 'straight-through') return StraightThroughBernoulli(temperature, { logits });
  throw new PathwiseRangeError(`dvaeElboObjective: estimator must be one of ${DVAE_ESTIMATORS.join(', ')}, got ${show(estimator)}`);
}

/** The batch-means groups of a training step (two reverse passes; see TRAIN_GROUPS of the Gaussian VAE). */
const DVAE_GROUPS = 2;

export interface DvaeElboObjective {
  /** The expectation: per sample, log p(x|z) − KL(q(z|x) ‖ prior) with z from the estimator's site. */
  readonly objective: Objective<DvaeParams>;
  /**
   * The minibatch ELBO (relaxed for Gumbel-softmax) and its gradient, S samples of z per image of `x`, at
   * temperature τ (ignored by REINFORCE); `groups` batch-means groups (default 2, a training step).
   */
  grad(p: DvaeParams, x: Tensor, k: Key, temperature: number, groups?: number): GradResult<DvaeParams>;
}

/**
 * The training objective of the discrete VAE with `estimator`, through the driver: sample i sees image
 * i mod B of the minibatch (S·B samples), so the leave-one-out baseline of a REINFORCE sample is the mean of
 * the other S − 1 samples of its image (Kool et al. 2019).
 * @example
 * const params = initDvae(key(0), DIGITS_DVAE);
 * const x = rows(loadDigits().images, [0, 1, 2, 3]);
 * const r = dvaeElboObjective(DIGITS_DVAE, 'reinforce').grad(params, x, key(2), 1);
 * r.value.mean;   // the minibatch's mean single-sample ELBO per image; r.grad: its gradient (reverse mode)
 */
export function dvaeElboObjective(config: DvaeConfig, estimator: DvaeEstimator): DvaeElboObjective {
  if (!DVAE_ESTIMATORS.includes(estimator)) {
    throw new PathwiseRangeError(`dvaeElboObjective: estimator must be one of ${DVAE_ESTIMATORS.join(', ')}, got ${show(estimator)}`);
  }
  // The temperature of the current call: the program stays one function, so its plan is made once.
  let tau = 1;
  const objective = expectation<DvaeParams>((p, s) => {
    const x = s.data;
    const params = p as unknown as DvaeParams;
    // The encoder once per image, gathered to the image's S samples.
    const perImage = mlp(params.encoder, s.dataRows, { activation: config.activation });
    const logits = gather(perImage, s.dataIndex);
    const z = s.sample('z', latent(estimator, logits, tau), { perSample: true, estimator: estimator === 'reinforce' ? 'score' : 'pathwise' });
    return sub(bernoulliLogLik(mlp(params.decoder, z, { activation: config.activation }), x), gather(bernoulliKl(perImage), s.dataIndex));
  });
  return {
    objective,
    grad(p, x, k, temperature, groups = DVAE_GROUPS) {
      if (!(temperature > 0 && Number.isFinite(temperature))) throw new PathwiseRangeError(`dvaeElboObjective: temperature must be > 0, got ${show(temperature)}`);
      tau = temperature;
      return objective.grad(p, {
        data: x, samples: config.samples * x.shape[0]!, key: k, groups,
        estimator: estimator === 'reinforce' ? 'score' : 'pathwise', baseline: 'loo', mode: 'reverse',
      });
    },
  };
}

/**
 * The discrete ELBO per image, E_q[log p(x|z)] − KL, with S hard samples per image (key-determined):
 * what every estimator is judged by.
 * @example
 * const params = initDvae(key(0), DIGITS_DVAE);
 * const test = take(loadDigits(), 100);
 * discreteElbo(params, test.images, key(9), DIGITS_DVAE)   // ≈ −40 nats after training
 */
export function discreteElbo(p: DvaeParams, x: Tensor, k: Key, config: DvaeConfig): Tensor {
  const S = config.samples;
  const logits = mlp(p.encoder, x, { activation: config.activation });
  const lr = repeatRows(logits, S);
  const z = Bernoulli({ logits: lr }).drawRows(k, lr.shape[0]!, 0, true, false);
  const ll = bernoulliLogLik(mlp(p.decoder, z, { activation: config.activation }), repeatRows(x, S));
  return sub(mean(reshape(ll, [S, x.shape[0]!]), 0), bernoulliKl(logits));
}
