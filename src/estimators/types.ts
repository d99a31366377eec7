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

export interface RunOptions {
  /** Number of Monte Carlo samples (default 100 000). */
  readonly samples?: number;
  /** Integer seed (default 0); ignored when `key` is given. */
  readonly seed?: number;
  readonly key?: Key;
  /** Samples per batch (default 16 384): memory stays bounded whatever `samples` is. */
  readonly batchSize?: number;
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
}

export interface GradResult<P> {
  readonly value: Estimate;
  readonly grad: GradTree<P>;
  readonly diagnostics: Diagnostics;
}
