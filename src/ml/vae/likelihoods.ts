/**
 * Per-example log-likelihoods of pixels in [0, 1] given decoder logits ℓ, and the Gaussian KL term of
 * the VAE's ELBO. Every function returns one value per row (summed over the last axis).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { abs, add, div, exp, less, log, mul, square, sub, sum, softplus, tanh, where } from '../../ad/ops/index.js';

/**
 * Σ_j x_j ℓ_j − softplus(ℓ_j): the Bernoulli log-mass of x ∈ {0, 1}, written with logits so that
 * saturated pixels stay finite. For grey levels x ∈ (0, 1) it is the usual "binary cross-entropy"
 * objective, which is not a normalised density on [0, 1] (hence the continuous Bernoulli below).
 * @example bernoulliLogLik(tensor([[0]]), tensor([[1]])).item()   // log ½
 */
export function bernoulliLogLik(logits: Tensor, x: Tensor): Tensor {
  return sum(sub(mul(x, logits), softplus(logits)), -1);
}

/** Below this |ℓ| the series of log C is used (the closed form is 0/0 at ℓ = 0). */
const SERIES_BELOW = 1e-4;

/**
 * log C(ℓ), the normaliser of the continuous Bernoulli (Loaiza-Ganem & Cunningham, "The continuous
 * Bernoulli: fixing a pervasive error in variational autoencoders", NeurIPS 2019, eq. 7). With
 * λ = σ(ℓ), C = 2·atanh(1 − 2λ)/(1 − 2λ), and since 1 − 2σ(ℓ) = −tanh(ℓ/2), C = ℓ / tanh(ℓ/2): even in ℓ,
 * 2 at ℓ = 0 (series 2 + ℓ²/6, relative error < 1e-17 below 1e-4), ≈ |ℓ| for large |ℓ|. The closed
 * branch is evaluated at a safe ℓ where the series is used, so that its derivative is never 0/0.
 * @example continuousBernoulliLogNorm(tensor([0])).toArray()   // [0.6931471805599453] (log 2)
 */
export function continuousBernoulliLogNorm(logits: Tensor): Tensor {
  const small = less(abs(logits), SERIES_BELOW);
  const safe = where(small, 1, logits);
  const closed = log(div(safe, tanh(mul(safe, 0.5))));
  const series = log(add(2, mul(square(logits), 1 / 6)));
  return where(small, series, closed);
}

/**
 * Σ_j x_j ℓ_j − softplus(ℓ_j) + log C(ℓ_j): the continuous-Bernoulli log-density of x ∈ [0, 1]^d.
 * @example continuousBernoulliLogLik(tensor([[0]]), tensor([[0.3]])).item()   // log ½ + log 2 = 0 (uniform)
 */
export function continuousBernoulliLogLik(logits: Tensor, x: Tensor): Tensor {
  return sum(add(sub(mul(x, logits), softplus(logits)), continuousBernoulliLogNorm(logits)), -1);
}

/**
 * KL(N(μ, σ²) ‖ N(0, 1)) summed over the latent axis, in closed form: ½ Σ (μ² + σ² − 1 − 2 log σ)
 * (Kingma & Welling, "Auto-Encoding Variational Bayes", ICLR 2014, appendix B).
 * @example gaussianKl(tensor([[0]]), tensor([[0]])).item()   // 0
 */
export function gaussianKl(mu: Tensor, logSigma: Tensor): Tensor {
  const t = sub(add(square(mu), exp(mul(logSigma, 2))), add(mul(logSigma, 2), 1));
  return mul(sum(t, -1), 0.5);
}
