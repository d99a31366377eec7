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
import { PathwiseRangeError, show } from '../../errors.js';
import { foldIn, type Key } from '../../random/key.js';
import { Normal } from '../../distributions/normal.js';
import { estimateGradient, expectation, prepareGradient, programOf } from '../../estimators/expectation.js';
import type { Program } from '../../estimators/surrogate.js';
import type { GradEstimate, GradOptions, Params } from '../../estimators/types.js';
import { checkParallelOptions, executeJob, type Execution, type ParallelOptions } from '../../montecarlo/execute.js';
import type { BlockJob } from '../../montecarlo/block.js';
import { packTree } from '../../portable-json.js';
import { portableData, type ShippedRows } from '../portable-data.js';
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
  /** Where the study's blocks were computed ({@link gradientVarianceAsync} only; the same for its four runs). */
  readonly execution?: Execution;
}

export interface GradientVarianceOptions {
  /** Draws of z per image, for each estimator. */
  readonly samples: number;
  readonly key: Key;
  /**
   * Draws of z per image in one block (default: the driver's block of 16 384 samples). Part of the study's
   * definition (it changes the last bits); the unit handed to a worker thread or a cluster worker.
   */
  readonly blockSize?: number;
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

/** The study's four gradient runs: (encoder | q's parameters) × (pathwise | score), each on its own key. */
export const STUDY_RUNS = [
  { part: 'encoder', estimator: 'pathwise' }, { part: 'encoder', estimator: 'score' },
  { part: 'latent', estimator: 'pathwise' }, { part: 'latent', estimator: 'score' },
] as const;
export type StudyRun = (typeof STUDY_RUNS)[number];

function checkStudy(x: Tensor, options: GradientVarianceOptions): void {
  if (!(x instanceof Tensor) || x.ndim !== 2 || x.shape[0]! < 1) throw new PathwiseRangeError(`gradientVariance: x must be a [images, pixels] tensor, got ${show(x instanceof Tensor ? x.shape : x)}`);
  if (!Number.isSafeInteger(options.samples) || options.samples < 2) throw new PathwiseRangeError(`gradientVariance: samples must be an integer ≥ 2, got ${show(options.samples)}`);
  if (options.blockSize !== undefined && !(Number.isSafeInteger(options.blockSize) && options.blockSize >= 1)) {
    throw new PathwiseRangeError(`gradientVariance: blockSize must be a positive integer (draws of z per image), got ${show(options.blockSize)}`);
  }
}

/**
 * One of the study's runs as a program, its parameters and its options: what the calling thread runs, and
 * what a worker rebuilds from the run's spec (study-blocks.ts), so both compute the same blocks.
 */
export function studyRun(p: VaeParams, x: Tensor, config: VaeConfig, which: StudyRun, options: GradientVarianceOptions): { program: Program; params: Params; options: GradOptions } {
  const m = x.shape[0]!;
  const d = config.latentDim;
  const fold = (which.part === 'latent' ? 2 : 0) + (which.estimator === 'score' ? 1 : 0);
  const run: GradOptions = {
    samples: options.samples * m, key: foldIn(options.key, fold), estimator: which.estimator, baseline: 'loo', mode: 'reverse',
    ...(options.blockSize !== undefined ? { blockSize: options.blockSize * m } : {}),
  };
  if (which.part === 'encoder') return { program: programOf(vaeElboObjective(config))!, params: p as unknown as Params, options: { ...run, data: x } };
  // q's parameters, through the shift δ at 0.
  const base = encode(p, x, config);
  const shifted = shiftedElbo(p, { mu: new Tensor(Float64Array.from(base.mu.data), [m, d]), logSigma: new Tensor(Float64Array.from(base.logSigma.data), [m, d]) }, config);
  const zero = { mu: new Tensor(new Float64Array(d), [d]), logSigma: new Tensor(new Float64Array(d), [d]) };
  return { program: programOf(shifted)!, params: zero, options: { ...run, data: concat([x, eye(m)], -1) } };
}

type Grads = readonly { grad: unknown }[];

/** The study's result from its four runs' gradients (in STUDY_RUNS order). */
function assemble(p: VaeParams, m: number, n: number, runs: Grads): GradientVarianceResult {
  const enc = (r: { grad: unknown }) => (r.grad as { encoder: { w: Leaf; b: Leaf }[] }).encoder.flatMap((l) => [l.w, l.b]);
  const lat = (r: { grad: unknown }) => {
    const g = r.grad as { mu: Leaf; logSigma: Leaf };
    return momentsOf([g.mu, g.logSigma]);
  };
  const encP = enc(runs[0]!), encS = enc(runs[1]!);
  const latP = lat(runs[2]!), latS = lat(runs[3]!);
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

/**
 * Per-parameter gradient moments of the ELBO (mean over `x`'s images) by the pathwise and the
 * score-function (leave-one-out) estimators, `samples` draws of z per image for each.
 * @example
 * const params = initVae(key(0), DIGITS_VAE);
 * const x = rows(loadDigits().images, [0, 1, 2, 3]);
 * const r = gradientVariance(params, x, DIGITS_VAE, { samples: 200, key: key(7) });
 * r.rows   // [{ parameter: 'encoder[0].w', pathwiseVariance, scoreVariance, ratio ≈ 10²–10³ }, …]
 */
export function gradientVariance(p: VaeParams, x: Tensor, config: VaeConfig, options: GradientVarianceOptions): GradientVarianceResult {
  checkStudy(x, options);
  const runs = STUDY_RUNS.map((which) => {
    const r = studyRun(p, x, config, which, options);
    return estimateGradient(r.program, r.params, r.options);
  });
  return assemble(p, x.shape[0]!, options.samples, runs);
}

/** The module whose `vaeStudyBlocks` rebuilds a study run in a worker (computed when used: browsers never need it). */
const studyModule = (): string => new URL('./study-blocks.js', import.meta.url).href;

/**
 * As {@link gradientVariance}, with the blocks of its four runs computed by worker threads (`workers`) or a
 * cluster (`cluster`): the same bits as on one thread. Each worker rebuilds a run from a small spec: the
 * model's configuration, its weights (base64 float64, about 620 KB for the digits VAE, stored once per run),
 * the key and sizes, and the data — by name when `source` says which shipped rows `x` is (each worker loads
 * them and checks a checksum), inline when `x` has at most 65 536 values, otherwise the study stays on the
 * calling thread and `execution.reason` says why. In Node, `import 'pathwise/parallel'` first.
 * @example
 * ```ts
 * const params = initVae(key(0), DIGITS_VAE);
 * const x = rows(loadDigits().images, [0, 1]);
 * const r = await gradientVarianceAsync(params, x, DIGITS_VAE, { samples: 64, blockSize: 16, key: key(7), workers: 2, source: { dataset: 'digits', rows: [0, 1] } });
 * r.execution?.where;   // 'worker threads'
 * r.rows[0]!.ratio;     // score variance / pathwise variance for q's parameters, ≫ 1
 * ```
 */
export async function gradientVarianceAsync(
  p: VaeParams, x: Tensor, config: VaeConfig,
  options: GradientVarianceOptions & ParallelOptions & { readonly source?: ShippedRows; readonly onProgress?: (done: number, total: number) => void },
): Promise<GradientVarianceResult> {
  checkStudy(x, options);
  checkParallelOptions('gradientVarianceAsync', options);
  const data = portableData(x, options.source);
  // The weights once for the four runs (packing 58k floats costs a few ms).
  const weights = 'refused' in data ? null : packTree(p);
  const preps = STUDY_RUNS.map((which) => {
    const r = studyRun(p, x, config, which, options);
    return { which, prep: prepareGradient(r.program, r.params, r.options) };
  });
  const total = preps.reduce((t, r) => t + r.prep.job.blocks, 0);
  let before = 0;
  let execution: Execution | undefined;
  const runs = [];
  for (const { which, prep } of preps) {
    const job: BlockJob = 'refused' in data
      ? { ...prep.job, notPortable: `this study cannot be rebuilt in a worker: ${data.refused}` }
      : {
        ...prep.job,
        spec: {
          module: studyModule(), export: 'vaeStudyBlocks',
          args: { config, params: weights, data, run: which, samples: options.samples, key: { k0: options.key.k0, k1: options.key.k1 }, blockSize: options.blockSize ?? null },
        },
      };
    const { onProgress } = options;
    const { stats, execution: e } = await executeJob(job, prep.stats, { ...options, onProgress: onProgress && ((done) => onProgress(before + done, total)) });
    before += prep.job.blocks;
    execution ??= e;
    runs.push(prep.finish(stats, e));
  }
  return { ...assemble(p, x.shape[0]!, options.samples, runs), ...(execution !== undefined ? { execution } : {}) };
}
