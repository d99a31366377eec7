/** Options, results and diagnostics of the gradient estimators. */
import type { Tensor } from '../tensor/tensor.js';
import type { Key } from '../random/key.js';
import type { Estimate } from '../stats/estimate.js';

/** The estimators: pathwise (reparameterization), score function, measure-valued, finite differences. */
export type EstimatorName = 'pathwise' | 'score' | 'mvd' | 'fd' | 'auto';

/** Baselines for the score-function estimator (all keep it unbiased). */
export type BaselineName = 'none' | 'loo' | 'ema' | 'optimal';

/** Parameters as the program sees them: every number leaf becomes a scalar Tensor. */
export type TensorTree<T> = T extends number | Tensor ? Tensor : { [K in keyof T]: TensorTree<T[K]> };

/** Parameters as a user passes them. */
export type Params = number | Tensor | readonly Params[] | { readonly [key: string]: Params };

/** Automatic-differentiation mode of the pathwise and score terms. */
export type AdMode = 'forward' | 'reverse' | 'auto';

export interface RunOptions {
  /** Number of Monte Carlo samples (default 100 000). `paths` is accepted as an alias. */
  readonly samples?: number;
  /** Alias of `samples` (the vocabulary of `greeks` and `sde.sensitivity`). */
  readonly paths?: number;
  /** Integer seed (default 0); ignored when `key` is given. */
  readonly seed?: number;
  readonly key?: Key;
  /**
   * Samples evaluated at once (default 16 384): a memory knob only. Results are the same bits for any
   * batch size: samples are summarized per block of `blockSize`, whatever the batches.
   */
  readonly batchSize?: number;
  /**
   * Samples per block (default 16 384): the unit of work handed to a thread or a machine, and the set over
   * which baselines are computed. Part of the run's definition: changing it changes the last bits.
   */
  readonly blockSize?: number;
  /** Called after each block with (blocks done, blocks in all). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Rows of data the samples run over (a minibatch, leading axis D): sample i sees row i mod D, read in the
   * program as `s.data`. The leave-one-out and optimal baselines of sample i then use only the other samples
   * of its block that see the same row (the samples of one row are exchangeable, those of different rows not).
   */
  readonly data?: Tensor;
  /**
   * Refuse, with a PathwiseRangeError before any work, a request estimated to hold more than this many bytes
   * at once (the block's per-sample columns, kept samples, and about 32 values per sample and tangent lane of
   * a batch for the program's own tensors: a rough upper bound). Default: no limit.
   */
  readonly maxMemory?: number;
}

export interface GradOptions extends RunOptions {
  /** Estimator for every site that does not choose its own (default 'auto'). */
  readonly estimator?: EstimatorName;
  /** Baseline of score-function sites (default 'loo', the leave-one-out batch mean). */
  readonly baseline?: BaselineName;
  /** Relative step of central finite differences: h = fdStep·max(1, |θ|) (default 1e-4). */
  readonly fdStep?: number;
  /** Keep the first this many per-sample gradient values of each component (for histograms). */
  readonly keepSamples?: number;
  /**
   * 'forward': per-sample gradients by forward mode, one tangent lane per parameter component;
   * 'reverse': the cost does not grow with the parameter count. When the parameters reach the samples
   * through broadcasts (distribution parameters, terms added to every sample), one reverse pass per batch
   * gives every sample's gradient exactly (`diagnostics.stderrMethod: 'per-sample'`; up to 2²³ values per
   * block: samples per block × (components + 1)); when a parameter
   * meets the samples in a reduction over them (a weight matrix multiplying a batch of samples), one reverse
   * pass per batch-means group, the standard error from the spread of the group means. 'auto' (default):
   * forward up to 16 components, reverse above (forward when the program registers control variates).
   */
  readonly mode?: AdMode;
  /**
   * Batch-means groups per block in reverse mode (default 32, at least 2): each group is one reverse pass.
   * Fewer groups cost less (a training step needs the mean, not a precise error bar) and give a standard
   * error with fewer degrees of freedom. Part of the run's definition, like `blockSize`.
   */
  readonly groups?: number;
  /**
   * A sample whose cost or gradient term is NaN or ±Infinity: 'error' (default) raises NonFiniteError naming
   * the column, the count and the site or op; 'drop' leaves such samples (reverse mode: their batch-means
   * groups) out, and the result is flagged biased with a warning giving the count.
   */
  readonly nonFinite?: 'error' | 'drop';
}

/** Per-component gradient estimate; `mean`/`stderr`/`variance` are tensors for tensor-valued parameters. */
export interface GradEstimate<T = number> {
  readonly mean: T;
  readonly stderr: T;
  /** Per-sample variance of the estimator. */
  readonly variance: T;
  readonly n: number;
}

/** The gradient tree: the params' structure with a GradEstimate at every leaf. */
export type GradTree<T> = T extends number
  ? GradEstimate<number>
  : T extends Tensor
    ? GradEstimate<Tensor>
    : { [K in keyof T]: GradTree<T[K]> };

export interface SiteReport {
  readonly name: string;
  readonly distribution: string;
  readonly estimator: Exclude<EstimatorName, 'auto'>;
  readonly reason: string;
}

export interface EventReport {
  readonly op: string;
  readonly sources: readonly string[];
  readonly count: number;
  /** True when the event makes the chosen estimator biased (a pathwise site or a parameter flows into it). */
  readonly biasing: boolean;
}

export interface Diagnostics {
  readonly sites: readonly SiteReport[];
  readonly events: readonly EventReport[];
  /** True when some gradient is known to be biased (beyond the O(h²) of finite differences). */
  readonly biased: boolean;
  readonly warnings: readonly string[];
  /** Running estimates after each batch, per flattened parameter component (for convergence plots). */
  readonly trace: readonly { n: number; mean: Float64Array; stderr: Float64Array }[];
  /** The first per-sample gradient values, per component, when `keepSamples` was asked for. */
  readonly samples: readonly Float64Array[];
  /** Seconds spent. */
  readonly seconds: number;
  /** The run's blocks: how many, of how many samples. */
  readonly blocks: { readonly count: number; readonly size: number };
  /** Differentiation mode used, and why. */
  readonly mode: { readonly used: 'forward' | 'reverse' | 'none'; readonly reason: string };
  /** How the standard errors were computed: 'per-sample' or batch means over groups. */
  readonly stderrMethod: string;
  /** 'pilot': a pilot run chose the estimators; 'cached': the plan of an earlier call was reused. */
  readonly plan: 'pilot' | 'cached';
  /** Where the blocks were computed (asynchronous runs): calling thread, worker threads or cluster, and why. */
  readonly execution?: { readonly where: string; readonly workers: number; readonly reason: string };
}

export interface GradResult<P> {
  readonly value: Estimate;
  readonly grad: GradTree<P>;
  readonly diagnostics: Diagnostics;
}
