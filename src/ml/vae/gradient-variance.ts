/**
 * The reason the reparameterization trick matters, measured: the VAE's ELBO gradient with respect to the
 * encoder by the pathwise estimator and by the score function (REINFORCE, Williams 1992) with the
 * leave-one-out baseline (Kool, van Hoof & Welling 2019), at the same parameters, per parameter.
 *
 * Both estimators differ only in how they differentiate E_q[log p(x|z)] through q's parameters
 * (μ, log σ) = enc_φ(x); the KL term is analytic and the decoder's gradient is ∇θ log p(x|z) in both.
 * So per-sample gradients are computed in the 2d coordinates (μ, log σ) — g_i, an [n, 2d] matrix — and
 * carried to the encoder's weights by its Jacobian J = ∂(μ, log σ)/∂φ ([2d, P], 2d reverse passes of one
 * image): a weight's per-sample gradient is (g_i J)_k, its mean ḡJ and its variance J_kᵀ C J_k with C the
 * covariance of the g_i — exact, without materialising n × P per-sample gradients.
 *   pathwise: g_i = ∇_{μ,log σ} log p(x | μ + σ ε_i) by reverse mode, rows independent;
 *   score:    g_i = (f_i − b_i) ∇_{μ,log σ} log q(z_i), with f_i = log p(x|z_i), b_i the mean of the other
 *             f_j, ∇_μ log q = ε_i/σ and ∇_{log σ} log q = ε_i² − 1 (z_i = μ + σ ε_i held constant).
 * The two use independent noise, so their means can be compared with the standard error of a difference.
 */
import { Tensor } from '../../tensor/tensor.js';
import { tidy } from '../../tensor/pool.js';
import { add, broadcastTo, concat, exp, matmul, mul, stopGradient, sum } from '../../ad/ops/index.js';
import { grad, vjp } from '../../ad/transforms.js';
import { flatten, type Tree } from '../../ad/pytree.js';
import { foldIn, type Key } from '../../random/key.js';
import { decode, encode, logLikelihood, vaeNoise, type VaeConfig, type VaeParams } from './vae.js';
import type { DenseParams } from '../layers.js';

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
  /** Components (μ₁…μ_d, log σ₁…log σ_d) summed over images (the ELBO gradient wrt q's parameters). */
  readonly latent: { readonly pathwise: EstimatorMoments; readonly score: EstimatorMoments };
  /** Every encoder weight, flattened in pytree order. */
  readonly encoder: { readonly pathwise: EstimatorMoments; readonly score: EstimatorMoments; readonly names: string[] };
}

/** Per-sample gradients [n, 2d] of log p(x|z) in (μ, log σ), one image, by both estimators. */
function perSampleGradients(p: VaeParams, x: Tensor, mu: Tensor, logSigma: Tensor, kPath: Key, kScore: Key, n: number, config: VaeConfig): { path: Float64Array; score: Float64Array } {
  const d = config.latentDim;
  const xs = broadcastTo(x, [n, config.inputDim]);
  const ll = (m: Tensor, s: Tensor, eps: Tensor) => logLikelihood(decode(p, add(m, mul(exp(s), eps)), config), xs, config);
  const epsP = vaeNoise(kPath, n, d);
  const rowsOf = (t: Tensor) => new Tensor(Float64Array.from(broadcastTo(t, [n, d]).data), [n, d]);
  // Pathwise: each row's (μ, log σ) is its own leaf, so the gradient of the sum gives per-row gradients.
  const g = grad((q: { m: Tensor; s: Tensor }) => sum(ll(q.m, q.s, epsP)))({ m: rowsOf(mu), s: rowsOf(logSigma) });
  const path = new Float64Array(n * 2 * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      path[i * 2 * d + j] = g.m.data[i * d + j]!;
      path[i * 2 * d + d + j] = g.s.data[i * d + j]!;
    }
  }
  // Score function with the leave-one-out baseline.
  const epsS = vaeNoise(kScore, n, d);
  const f = stopGradient(ll(rowsOf(mu), rowsOf(logSigma), epsS)).data;
  let total = 0;
  for (let i = 0; i < n; i++) total += f[i]!;
  const score = new Float64Array(n * 2 * d);
  const e = epsS.data;
  for (let i = 0; i < n; i++) {
    const c = f[i]! - (total - f[i]!) / (n - 1);
    for (let j = 0; j < d; j++) {
      const ej = e[i * d + j]!;
      score[i * 2 * d + j] = (c * ej) / Math.exp(logSigma.data[j]!);
      score[i * 2 * d + d + j] = c * (ej * ej - 1);
    }
  }
  return { path, score };
}

/** Mean [k] and covariance [k, k] of the rows of an [n, k] matrix. */
function momentsOf(a: Float64Array, n: number, k: number): { mean: Float64Array; cov: Float64Array } {
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j]! += a[i * k + j]! / n;
  const cov = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const aj = a[i * k + j]! - mean[j]!;
      for (let l = 0; l < k; l++) cov[j * k + l]! += (aj * (a[i * k + l]! - mean[l]!)) / (n - 1);
    }
  }
  return { mean, cov };
}

/** Names of the encoder's leaves in flatten order, with their sizes. */
function encoderLeaves(encoder: readonly DenseParams[]): { name: string; size: number }[] {
  return encoder.flatMap((l, i) => [{ name: `encoder[${i}].w`, size: l.w.size }, { name: `encoder[${i}].b`, size: l.b.size }]);
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
  const d = config.latentDim, k2 = 2 * d;
  const leaves = encoderLeaves(p.encoder);
  const P = leaves.reduce((s, l) => s + l.size, 0);
  const acc = {
    path: { mean: new Float64Array(P), variance: new Float64Array(P), lm: new Float64Array(k2), lv: new Float64Array(k2) },
    score: { mean: new Float64Array(P), variance: new Float64Array(P), lm: new Float64Array(k2), lv: new Float64Array(k2) },
  };
  for (let b = 0; b < m; b++) {
    tidy(() => {
      const xb = x.sliceAxis(0, b, b + 1);
      // J = ∂(μ, log σ)/∂φ at this image: one pullback per output coordinate.
      const [, back] = vjp((enc: DenseParams[]) => {
        const q = encode({ encoder: enc, decoder: p.decoder }, xb, config);
        return concat([q.mu, q.logSigma], -1).reshape([k2]);
      }, p.encoder);
      const J = new Float64Array(k2 * P);
      for (let j = 0; j < k2; j++) {
        const ct = new Float64Array(k2);
        ct[j] = 1;
        const { leaves: gl } = flatten(back(new Tensor(ct, [k2])) as unknown as Tree, 'gradientVariance');
        let off = j * P;
        for (const t of gl) {
          J.set((t as Tensor).data, off);
          off += (t as Tensor).size;
        }
      }
      const { mu, logSigma } = encode(p, xb, config);
      const muV = mu.reshape([d]), lsV = logSigma.reshape([d]);
      const g = perSampleGradients(p, xb, muV, lsV, foldIn(options.key, 2 * b), foldIn(options.key, 2 * b + 1), n, config);
      // The analytic KL's gradient (μ and σ² − 1) is the same constant for both estimators.
      const kl = new Float64Array(k2);
      for (let j = 0; j < d; j++) {
        kl[j] = muV.data[j]!;
        kl[d + j] = Math.exp(2 * lsV.data[j]!) - 1;
      }
      const Jt = new Tensor(J, [k2, P]);
      for (const [name, a] of [['path', g.path], ['score', g.score]] as const) {
        const { mean, cov } = momentsOf(a, n, k2);
        for (let j = 0; j < k2; j++) mean[j]! -= kl[j]!;
        const into = acc[name];
        for (let j = 0; j < k2; j++) {
          into.lm[j]! += mean[j]! / m;
          into.lv[j]! += cov[j * k2 + j]! / (m * m);
        }
        const gm = matmul(new Tensor(mean, [1, k2]), Jt).data;
        const cj = matmul(new Tensor(cov, [k2, k2]), Jt).data;
        for (let c = 0; c < P; c++) {
          let v = 0;
          for (let j = 0; j < k2; j++) v += J[j * P + c]! * cj[j * P + c]!;
          into.mean[c]! += gm[c]! / m;
          into.variance[c]! += v / (m * m);
        }
      }
    });
  }
  const finish = (a: { mean: Float64Array; variance: Float64Array }): EstimatorMoments =>
    ({ mean: a.mean, variance: a.variance, stderr: a.variance.map((v) => Math.sqrt(Math.max(0, v) / n)) });
  const rowFor = (parameter: string, pv: Float64Array, sv: Float64Array, from: number, to: number): VarianceRow => {
    let a = 0, s = 0;
    for (let c = from; c < to; c++) {
      a += pv[c]!;
      s += sv[c]!;
    }
    return { parameter, size: to - from, pathwiseVariance: a / (to - from), scoreVariance: s / (to - from), ratio: s / a };
  };
  const rows: VarianceRow[] = [rowFor('μ, log σ (q\'s parameters)', acc.path.lv, acc.score.lv, 0, k2)];
  let off = 0;
  const names: string[] = [];
  for (const l of leaves) {
    rows.push(rowFor(l.name, acc.path.variance, acc.score.variance, off, off + l.size));
    for (let i = 0; i < l.size; i++) names.push(`${l.name}[${i}]`);
    off += l.size;
  }
  return {
    samples: n, images: m, rows,
    latent: { pathwise: finish({ mean: acc.path.lm, variance: acc.path.lv }), score: finish({ mean: acc.score.lm, variance: acc.score.lv }) },
    encoder: { pathwise: finish(acc.path), score: finish(acc.score), names },
  };
}
