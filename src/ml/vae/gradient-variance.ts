/**
 * The reason the reparameterization trick matters, measured: the VAE's ELBO gradient with respect to the
 * encoder by the pathwise estimator and by the score function (REINFORCE, Williams 1992) with the
 * leave-one-out baseline (Kool, van Hoof & Welling 2019), at the same parameters, per parameter.
 *
 * Both are the driver's estimators on one program (`vaeElboObjective`): the run's data are the images, sample
 * i sees image i mod m, so the leave-one-out baseline of a score sample is the mean of the other samples of
 * its image. Reverse mode gives each weight's mean gradient and, from batch means, its per-sample variance.
 * q's own parameters (μ, log σ) are measured through a shift δ added to every image's μ and log σ: the
 * gradient in δ at 0 is the ELBO's gradient in (μ, log σ), averaged over the images.
 * The two estimators use independent noise, so their means can be compared with the standard error of a
 * difference.
 */
import { Tensor } from '../../tensor/tensor.js';
import { eye } from '../../tensor/create.js';
import { add, concat, exp, matmul, sliceAxis, sub } from '../../ad/ops/index.js';
import { foldIn, type Key } from '../../random/key.js';
import { Normal } from '../../distributions/normal.js';
import { expectation } from '../../estimators/expectation.js';
import type { GradEstimate, GradOptions } from '../../estimators/types.js';
import { decode, encode, logLikelihood, vaeElboObjective, type VaeConfig, type VaeParams } from './vae.js';
import { gaussianKl } from './likelihoods.js';

export interface VarianceRow {
  /** Parameter tensor, e.g. 'encoder[0].w', or 'μ, log σ' for q's own parameters. */
  readonly parameter: string;
  readonly size: number;
  /** Per-sample variance of the gradient estimator, averaged over the tensor's elements. */
  readonly pathwiseVariance: number;
  readonly scoreVariance: number;
  /** scoreVariance / pathwiseVariance. */
  readonly ratio: number;
}

export interface EstimatorMoments {
  /** Gradient of the mean ELBO over the images, per component. */
  readonly mean: Float64Array;
  /** Per-sample variance per component. */
  readonly variance: Float64Array;
  readonly stderr: Float64Array;
}

export interface GradientVarianceResult {
  readonly samples: number;
  readonly images: number;
  readonly rows: VarianceRow[];
  /** Components (μ₁…μ_d, log σ₁…log σ_d), averaged over images (the ELBO gradient wrt q's parameters). */
  readonly latent: { readonly pathwise: EstimatorMoments; readonly score: EstimatorMoments };
  /** Every encoder weight, flattened in pytree order. */
  readonly encoder: { readonly pathwise: EstimatorMoments; readonly score: EstimatorMoments; readonly names: string[] };
}

type Leaf = GradEstimate<Tensor>;

/** Moments of a list of gradient leaves, concatenated. */
function momentsOf(leaves: readonly Leaf[]): EstimatorMoments {
  const cat = (f: 'mean' | 'variance' | 'stderr') => {
    const out = new Float64Array(leaves.reduce((s, l) => s + l.mean.size, 0));
    let off = 0;
    for (const l of leaves) {
      out.set(l[f].data, off);
      off += l.mean.size;
    }
    return out;
  };
  return { mean: cat('mean'), variance: cat('variance'), stderr: cat('stderr') };
}

/** The ELBO per (image, z) sample with q's parameters shifted by δ = (δμ, δlog σ): data rows are [x, one-hot image]. */
function shiftedElbo(p: VaeParams, base: { mu: Tensor; logSigma: Tensor }, config: VaeConfig) {
  return expectation<{ mu: Tensor; logSigma: Tensor }>((q, s) => {
    const rowsOf = s.data;
    const x = sliceAxis(rowsOf, -1, 0, config.inputDim);
    const pick = sliceAxis(rowsOf, -1, config.inputDim);   // one-hot image of each sample
    const mu = add(matmul(pick, base.mu), q.mu);
    const logSigma = add(matmul(pick, base.logSigma), q.logSigma);
    const z = s.sample('z', Normal(mu, exp(logSigma)), { perSample: true });
    return sub(logLikelihood(decode(p, z, config), x, config), gaussianKl(mu, logSigma));
  });
}

/**
 * Per-parameter gradient moments of the ELBO (mean over `x`'s images) by the pathwise and the
 * score-function (leave-one-out) estimators, `samples` draws of z per image for each.
 * @example
 * const params = initVae(key(0), DIGITS_VAE);
 * const x = rows(loadDigits().images, [0, 1, 2, 3]);
 * const r = gradientVariance(params, x, DIGITS_VAE, { samples: 200, key: key(7) });
 * r.rows   // [{ parameter: 'encoder[0].w', pathwiseVariance, scoreVariance, ratio ≈ 10²–10³ }, …]
 */
export function gradientVariance(p: VaeParams, x: Tensor, config: VaeConfig, options: { samples: number; key: Key }): GradientVarianceResult {
  const n = options.samples;
  const m = x.shape[0]!;
  const d = config.latentDim;
  const run = (estimator: 'pathwise' | 'score', k: number): GradOptions => ({ samples: n * m, key: foldIn(options.key, k), estimator, baseline: 'loo', mode: 'reverse' });
  // The encoder's weights.
  const elbo = vaeElboObjective(config);
  const enc = (estimator: 'pathwise' | 'score', k: number) =>
    elbo.grad(p, { ...run(estimator, k), data: x }).grad.encoder.flatMap((l) => [l.w, l.b] as Leaf[]);
  const encP = enc('pathwise', 0), encS = enc('score', 1);
  // q's parameters, through the shift δ at 0.
  const base = encode(p, x, config);
  const shifted = shiftedElbo(p, { mu: new Tensor(Float64Array.from(base.mu.data), [m, d]), logSigma: new Tensor(Float64Array.from(base.logSigma.data), [m, d]) }, config);
  const data = concat([x, eye(m)], -1);
  const zero = { mu: new Tensor(new Float64Array(d), [d]), logSigma: new Tensor(new Float64Array(d), [d]) };
  const lat = (estimator: 'pathwise' | 'score', k: number) => {
    const g = shifted.grad(zero, { ...run(estimator, k), data }).grad;
    return momentsOf([g.mu, g.logSigma]);
  };
  const latP = lat('pathwise', 2), latS = lat('score', 3);
  const rowFor = (parameter: string, pv: Float64Array, sv: Float64Array): VarianceRow => {
    let a = 0, s = 0;
    for (let c = 0; c < pv.length; c++) {
      a += pv[c]!;
      s += sv[c]!;
    }
    return { parameter, size: pv.length, pathwiseVariance: a / pv.length, scoreVariance: s / pv.length, ratio: s / a };
  };
  const leafNames = p.encoder.flatMap((_, i) => [`encoder[${i}].w`, `encoder[${i}].b`]);
  const rows: VarianceRow[] = [rowFor('μ, log σ (q\'s parameters)', latP.variance, latS.variance)];
  const names: string[] = [];
  leafNames.forEach((name, j) => {
    rows.push(rowFor(name, encP[j]!.variance.data, encS[j]!.variance.data));
    for (let i = 0; i < encP[j]!.mean.size; i++) names.push(`${name}[${i}]`);
  });
  return {
    samples: n, images: m, rows,
    latent: { pathwise: latP, score: latS },
    encoder: { pathwise: momentsOf(encP), score: momentsOf(encS), names },
  };
}
