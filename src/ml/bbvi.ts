/**
 * Black-box variational inference (Ranganath, Gerrish & Blei, "Black Box Variational Inference",
 * AISTATS 2014; Kucukelbir et al., "Automatic Differentiation Variational Inference", JMLR 2017) for Bayesian
 * logistic regression, as an `expectation` program: q(w) = N(μ, diag(σ²)) with σ = e^{log σ}, prior
 * w ~ N(0, s²I), and the ELBO per sample
 *
 *   log p(y | X, w) + log p(w) − log q(w),   w = μ + σ ε,
 *
 * whose gradient in (μ, log σ) the driver estimates pathwise (reverse mode: 2d parameters). The entropy
 * term −E log q = Σ log σ + d/2 (1 + log 2π) is analytic, which lowers the variance.
 */
import { PathwiseRangeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { add, exp, matmul, mul, softplus, square, sub, sum, transpose } from '../ad/ops/index.js';
import { normal } from '../random/normal.js';
import { foldIn, type Key } from '../random/key.js';
import { Normal } from '../distributions/normal.js';
import { expectation, type Objective } from '../estimators/expectation.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/** Design matrix X [n, d] (the intercept a column of ones) and labels y ∈ {0, 1}ⁿ. */
export interface LogisticData {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** Variational parameters: the mean and the log standard deviations of q, each of shape [d]. */
export type GaussianVariational = { mu: Tensor; logSigma: Tensor };

/**
 * A synthetic logistic-regression data set: n rows of d − 1 standard-normal features plus an intercept, true
 * weights w* ~ N(0, 1), labels from a probit link on X w* — all a pure function of the key.
 * @example syntheticLogistic(key(0), 455, 31).x.shape   // [455, 31]
 */
export function syntheticLogistic(k: Key, n: number, d: number): LogisticData & { readonly weights: Float64Array } {
  if (!Number.isSafeInteger(n) || n < 1) throw new PathwiseRangeError(`syntheticLogistic: n must be a positive integer, got ${show(n)}`);
  if (!Number.isSafeInteger(d) || d < 2) throw new PathwiseRangeError(`syntheticLogistic: d must be an integer ≥ 2 (features plus the intercept), got ${show(d)}`);
  const feats = normal(foldIn(k, 0), n * (d - 1));
  const weights = normal(foldIn(k, 1), d);
  const u = normal(foldIn(k, 2), n);
  const x = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * d] = 1;
    let eta = weights[0]!;
    for (let j = 1; j < d; j++) {
      const v = feats[i * (d - 1) + j - 1]!;
      x[i * d + j] = v;
      eta += v * weights[j]!;
    }
    // y = 1{η + 1.7u > 0}, u normal: a probit link scaled to match the logistic's slope at 0 (a synthetic set
    // need not follow the fitted model exactly).
    y[i] = eta + 1.7 * u[i]! > 0 ? 1 : 0;
  }
  return { x: new Tensor(x, [n, d]), y: new Tensor(y, [n]), weights };
}

/**
 * The ELBO of Bayesian logistic regression as an expectation over w ~ q: maximize it (its gradient in μ and
 * log σ by `objective.grad`).
 * @example
 * const data = syntheticLogistic(key(0), 455, 31);
 * const elbo = logisticElbo(data);
 * const r = elbo.grad({ mu: zeros([31]), logSigma: zeros([31]) }, { samples: 16, seed: 1 });
 * r.grad.mu.mean.shape   // [31]
 */
export function logisticElbo(data: LogisticData, priorScale = 1): Objective<GaussianVariational> {
  const { x, y } = data;
  if (x.ndim !== 2 || y.ndim !== 1 || y.shape[0] !== x.shape[0]) {
    throw new PathwiseRangeError(`logisticElbo: expected x of shape [n, d] and y of shape [n], got ${show(x.shape)} and ${show(y.shape)}`);
  }
  if (!(priorScale > 0 && Number.isFinite(priorScale))) throw new PathwiseRangeError(`logisticElbo: priorScale must be > 0, got ${show(priorScale)}`);
  const d = x.shape[1]!;
  const xt = transpose(x);
  const logPriorConst = -d * (dmath.log(priorScale) + 0.5 * dmath.log(2 * Math.PI));
  const entropyConst = 0.5 * d * (1 + dmath.log(2 * Math.PI));
  return expectation<GaussianVariational>((p, s) => {
    const w = s.sample('w', Normal(p.mu, exp(p.logSigma)));           // [S, d]
    const logits = matmul(w, xt);                                       // [S, n]
    const ll = sum(sub(mul(logits, y), softplus(logits)), 1);          // log p(y | X, w)
    const prior = add(mul(sum(square(w), 1), -0.5 / (priorScale * priorScale)), logPriorConst);
    const entropy = add(sum(p.logSigma), entropyConst);
    return add(add(ll, prior), entropy);
  });
}
