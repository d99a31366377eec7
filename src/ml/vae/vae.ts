/**
 * The Gaussian-latent variational autoencoder (Kingma & Welling, "Auto-Encoding Variational Bayes",
 * ICLR 2014; Rezende, Mohamed & Wierstra, ICML 2014). An encoder MLP maps x to (μ, log σ) of
 * q(z|x) = N(μ, σ²); the reparameterization z = μ + σ·ε, ε ~ N(0, I), makes a sample a differentiable
 * function of the encoder; a decoder MLP maps z to pixel logits; the ELBO is
 *   log p(x|z) − KL(q(z|x) ‖ N(0, I)),
 * with the KL in closed form, so that only the reconstruction term is estimated by sampling.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { add, exp, mul, sliceAxis, sub } from '../../ad/ops/index.js';
import { Normal } from '../../distributions/normal.js';
import { expectation, type Objective } from '../../estimators/expectation.js';
import { split, type Key } from '../../random/key.js';
import { normal } from '../../random/normal.js';
import { initMlp, mlp, type Activation, type DenseParams } from '../layers.js';
import { bernoulliLogLik, continuousBernoulliLogLik, gaussianKl } from './likelihoods.js';

export type Likelihood = 'bernoulli' | 'continuous-bernoulli';

export interface VaeConfig {
  readonly inputDim: number;
  /** Hidden layer sizes of the encoder; the decoder mirrors them. */
  readonly hidden: readonly number[];
  readonly latentDim: number;
  readonly likelihood: Likelihood;
  readonly activation: Activation;
}

export type VaeParams = {
  /** inputDim → hidden… → 2·latentDim (μ, then log σ). */
  readonly encoder: DenseParams[];
  /** latentDim → reversed hidden… → inputDim (logits). */
  readonly decoder: DenseParams[];
};

/**
 * The digits VAE of the issue and the benchmark: 64-256-32 encoder, symmetric decoder, Bernoulli pixels.
 * @example
 * const p = initVae(key(0), DIGITS_VAE);
 * countParams(p.encoder) + countParams(p.decoder)   // 57984 (encoder 64-256-64: μ and log σ; decoder 32-256-64)
 */
export const DIGITS_VAE: VaeConfig = { inputDim: 64, hidden: [256], latentDim: 32, likelihood: 'bernoulli', activation: 'relu' };

function checkConfig(c: VaeConfig): void {
  for (const [name, v] of [['inputDim', c.inputDim], ['latentDim', c.latentDim], ...c.hidden.map((h, i) => [`hidden[${i}]`, h] as const)] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new PathwiseRangeError(`initVae: ${name} must be a positive integer, got ${show(v)}`);
  }
  if (c.likelihood !== 'bernoulli' && c.likelihood !== 'continuous-bernoulli') {
    throw new PathwiseRangeError(`initVae: likelihood must be 'bernoulli' or 'continuous-bernoulli', got ${show(c.likelihood)}`);
  }
}

/**
 * Keyed initial parameters.
 * @example const p = initVae(key(0), DIGITS_VAE);   // p.encoder[1].w.shape = [256, 64]
 */
export function initVae(k: Key, config: VaeConfig): VaeParams {
  checkConfig(config);
  const [ke, kd] = split(k, 2) as [Key, Key];
  const { inputDim, hidden, latentDim, activation } = config;
  return {
    encoder: initMlp(ke, [inputDim, ...hidden, 2 * latentDim], { activation }),
    decoder: initMlp(kd, [latentDim, ...[...hidden].reverse(), inputDim], { activation }),
  };
}

/**
 * q(z|x)'s parameters for a batch x [B, inputDim]: μ and log σ, each [B, latentDim].
 * @example
 * const p = initVae(key(0), DIGITS_VAE);
 * const x = rows(loadDigits().images, [0, 1, 2]);
 * const { mu, logSigma } = encode(p, x, DIGITS_VAE);
 * mu.shape;   // [3, 32]
 */
export function encode(p: VaeParams, x: Tensor, config: VaeConfig): { mu: Tensor; logSigma: Tensor } {
  const h = mlp(p.encoder, x, { activation: config.activation });
  const d = config.latentDim;
  return { mu: sliceAxis(h, -1, 0, d), logSigma: sliceAxis(h, -1, d, 2 * d) };
}

/**
 * Pixel logits [B, inputDim] for latents z [B, latentDim].
 * @example
 * const p = initVae(key(0), DIGITS_VAE);
 * const z = vaeNoise(key(1), 3, DIGITS_VAE.latentDim);
 * const probs = sigmoid(decode(p, z, DIGITS_VAE));   // Bernoulli means
 * probs.shape;   // [3, 64]
 */
export function decode(p: VaeParams, z: Tensor, config: VaeConfig): Tensor {
  return mlp(p.decoder, z, { activation: config.activation });
}

/**
 * log p(x|z) per example for decoder logits, by the configured likelihood.
 * @example
 * const c = DIGITS_VAE, p = initVae(key(0), c);
 * const x = rows(loadDigits().images, [0, 1, 2]), z = vaeNoise(key(1), 3, c.latentDim);
 * const ll = logLikelihood(decode(p, z, c), x, c);
 * ll.shape;   // [3]
 */
export function logLikelihood(logits: Tensor, x: Tensor, config: VaeConfig): Tensor {
  return config.likelihood === 'bernoulli' ? bernoulliLogLik(logits, x) : continuousBernoulliLogLik(logits, x);
}

/**
 * Standard-normal noise ε [B, latentDim] for a batch, a pure function of the key.
 * @example const eps = vaeNoise(key(1), 128, 32);
 */
export function vaeNoise(k: Key, batch: number, latentDim: number): Tensor {
  return new Tensor(normal(k, batch * latentDim), [batch, latentDim]);
}

/**
 * The single-sample ELBO per example, with the noise given: log p(x | μ + σε) − KL(q ‖ p), shape [B].
 * Taking ε as an argument keeps the function deterministic (gradient checks, common random numbers).
 * @example
 * const p = initVae(key(0), DIGITS_VAE);
 * const x = rows(loadDigits().images, [0, 1, 2]);
 * const e = vaeElbo(p, x, vaeNoise(key(1), x.shape[0], 32), DIGITS_VAE);   // nats per image, shape [3]
 */
export function vaeElbo(p: VaeParams, x: Tensor, eps: Tensor, config: VaeConfig): Tensor {
  const { mu, logSigma } = encode(p, x, config);
  const z = add(mu, mul(exp(logSigma), eps));
  return sub(logLikelihood(decode(p, z, config), x, config), gaussianKl(mu, logSigma));
}

/**
 * The ELBO per image as an expectation over z ~ q(z|x) = N(μ, σ²), for the driver: the run's data are the
 * images (sample i sees image i mod D, `s.data`), z a site whose estimator the run chooses (pathwise to train,
 * score for the variance study), the KL analytic. Its gradient by
 * `grad(params, { data: x, samples: x.shape[0], estimator: 'pathwise' })` is the minibatch ELBO gradient
 * (reverse mode: tens of thousands of weights), each component with its standard error.
 * @example
 * const params = initVae(key(0), DIGITS_VAE);
 * const x = rows(loadDigits().images, [0, 1, 2]);
 * const r = vaeElboObjective(DIGITS_VAE).grad(params, { data: x, samples: 3, seed: 1, estimator: 'pathwise', groups: 2 });
 * r.value.mean;   // the minibatch's mean single-sample ELBO (nats per image)
 */
export function vaeElboObjective(config: VaeConfig): Objective<VaeParams> {
  checkConfig(config);
  return expectation<VaeParams>((p, s) => {
    const x = s.data;
    const { mu, logSigma } = encode(p as VaeParams, x, config);
    const z = s.sample('z', Normal(mu, exp(logSigma)), { perSample: true });
    return sub(logLikelihood(decode(p as VaeParams, z, config), x, config), gaussianKl(mu, logSigma));
  });
}
