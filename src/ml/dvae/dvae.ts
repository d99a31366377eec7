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
 */
import { PathwiseRangeError, show } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, broadcastTo, mean, mul, neg, reshape, sigmoid, softplus, stopGradient, sub, sum } from '../../ad/ops/index.js';
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
  /** Samples S of z per image in each step (≥ 2 for the leave-one-out baseline). */
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

/** Leave-one-out baseline over the S samples of each image: b = (Σ_s f − f)/(S − 1), f of shape [S·B]. */
function leaveOneOut(f: Tensor, s: number): Tensor {
  const fb = reshape(f, [s, f.size / s]);
  return reshape(mul(sub(sum(fb, 0, true), fb), 1 / (s - 1)), [f.size]);
}

export interface DvaeObjective {
  /** Surrogate whose gradient is the chosen estimator and whose value is the (relaxed, for GS) ELBO. */
  readonly surrogate: Tensor;
  /** Mean discrete or relaxed ELBO per image (a constant). */
  readonly elbo: number;
}

/**
 * The batch-mean objective for training with `estimator`, at temperature τ (ignored by REINFORCE).
 * Maximise `surrogate`; its value is the mean single-sample ELBO (relaxed for Gumbel-softmax).
 * @example
 * const params = initDvae(key(0), DIGITS_DVAE);
 * const x = rows(loadDigits().images, [0, 1, 2, 3]), k = key(1);
 * const [v, g] = valueAndGrad((p) => neg(dvaeObjective(p, x, k, 0.5, 'reinforce', DIGITS_DVAE).surrogate))(params);
 */
export function dvaeObjective(p: DvaeParams, x: Tensor, k: Key, temperature: number, estimator: DvaeEstimator, config: DvaeConfig): DvaeObjective {
  const S = config.samples;
  const logits = mlp(p.encoder, x, { activation: config.activation });
  const lr = repeatRows(logits, S);
  const xr = repeatRows(x, S);
  const rows = lr.shape[0]!;
  const decodeLl = (z: Tensor) => bernoulliLogLik(mlp(p.decoder, z, { activation: config.activation }), xr);
  let recon: Tensor;
  if (estimator === 'reinforce') {
    const q = Bernoulli({ logits: lr });
    const z = q.drawRows(k, rows, 0, true, false);
    const f = decodeLl(z);
    const logq = sum(q.logProb(z), -1);
    const centred = stopGradient(sub(f, leaveOneOut(f, S)));
    recon = add(f, mul(centred, sub(logq, stopGradient(logq))));
  } else if (estimator === 'gumbel-softmax') {
    recon = decodeLl(RelaxedBernoulli(temperature, { logits: lr }).drawRows(k, rows, 0, true, true));
  } else if (estimator === 'straight-through') {
    recon = decodeLl(StraightThroughBernoulli(temperature, { logits: lr }).drawRows(k, rows, 0, true, true));
  } else {
    throw new PathwiseRangeError(`dvaeObjective: estimator must be one of ${DVAE_ESTIMATORS.join(', ')}, got ${show(estimator)}`);
  }
  const surrogate = sub(mean(recon), mean(bernoulliKl(logits)));
  return { surrogate, elbo: surrogate.item() };
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

/**
 * Minus the surrogate (a loss to minimise).
 * @example
 * const params = initDvae(key(0), DIGITS_DVAE);
 * const x = rows(loadDigits().images, [0, 1, 2, 3]);
 * const [, g] = valueAndGrad(dvaeLoss)(params, x, key(2), 0.5, 'straight-through', DIGITS_DVAE);
 */
export function dvaeLoss(p: DvaeParams, x: Tensor, k: Key, temperature: number, estimator: DvaeEstimator, config: DvaeConfig): Tensor {
  return neg(dvaeObjective(p, x, k, temperature, estimator, config).surrogate);
}
