/**
 * Types of the SDE solver: the problem (drift, diffusion, noise type), the options of `solve` and
 * `sensitivity`, and their results. An SDE here is the Itô equation
 *
 *   dX = b(t, X, θ) dt + σ(t, X, θ) dW,   X(t0) = x0,   X ∈ R^d, W ∈ R^m,
 *
 * solved for a batch of paths at once: x has shape [paths, d].
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import type { Key } from '../random/key.js';
import type { Estimate } from '../stats/estimate.js';
import type { DiscontinuityEvent } from '../ad/tracking.js';

/**
 * How the noise enters, which fixes the shape of σ(t, x, θ) and which schemes apply (torchsde's names):
 * - 'scalar': one Brownian motion (m = 1); σ has shape [paths, d] (or broadcasts to it), σ·dW is σ·ΔW.
 * - 'diagonal': m = d, component i is driven by W_i only and σ_i depends on x_i only; σ is [paths, d].
 * - 'additive': σ does not depend on x; σ has shape [paths, d, m] or broadcasts to it ([d, m], a number).
 * - 'general': σ is [paths, d, m], any dependence.
 * For 'additive' and 'general', σ of shape [paths, 1] is one scalar per path (what a parameter gives in
 * adjoint mode, where parameters are per-path columns); build a per-path matrix from columns with
 * `fromComponents([...d·m columns])` and reshape it to [paths, d, m].
 *
 * The calculus is Itô's throughout; Stratonovich equations must be converted by the user.
 */
export type NoiseType = 'scalar' | 'diagonal' | 'additive' | 'general';

/** Names of the schemes (see schemes.ts). */
export type MethodName = 'euler' | 'milstein' | 'sra1';

/**
 * Parameters θ: a record of numbers. Inside drift, diffusion and loss each arrives as a Tensor that
 * broadcasts against a column of x ([paths, 1]): a scalar tensor in `solve` and forward mode, a per-path
 * [paths, 1] copy in adjoint mode (so that its cotangent stays per path). Use tensor ops on them, and
 * combine them with columns of x (`x.sliceAxis(1, i, i + 1)`) or with [paths, d] tensors.
 */
export type SdeParams = Readonly<Record<string, number>>;

/** The parameters as tensors, as drift and diffusion receive them. */
export type ParamTensors<P extends SdeParams> = { readonly [K in keyof P]: Tensor };

/** Drift b(t, x, θ) → [paths, d]; diffusion σ(t, x, θ) → the shape its noise type asks for. */
export type SdeFunction<P extends SdeParams> = (t: number, x: Tensor, params: ParamTensors<P>) => TensorLike;

/** The SDE and its discretization, shared by `solve` and `sensitivity`. */
export interface SdeOptions<P extends SdeParams> {
  readonly drift: SdeFunction<P>;
  readonly diffusion: SdeFunction<P>;
  /** Initial state: a number (d = 1) or the d components, the same for every path. */
  readonly x0: number | readonly number[];
  readonly params: P;
  readonly t0?: number;
  readonly t1: number;
  /** Number of equal time steps from t0 to t1. */
  readonly steps: number;
  readonly paths: number;
  readonly noise: NoiseType;
  /** Brownian dimension m for 'additive' and 'general' noise (default d). */
  readonly brownianDims?: number;
  /** Default 'euler'. */
  readonly method?: MethodName;
  /** Generator key: the same key gives the same Brownian paths whatever the chunking. */
  readonly key?: Key;
  /** Integer seed, the alternative to `key` (key(seed)); one of the two is required. */
  readonly seed?: number;
  /**
   * Each solver step uses the sum of `substeps` increments of a grid `substeps` times finer (default 1):
   * solves with different step sizes then see the same Brownian path, as a convergence study needs.
   */
  readonly substeps?: number;
  /** Paths evaluated at once (default 4096): a memory knob; results are the same bits for any value. */
  readonly batchSize?: number;
  /** Older name of `batchSize`. */
  readonly chunkSize?: number;
  /**
   * Promise that drift and diffusion do not depend on t and compute from their arguments with tensor ops
   * only (they never read the values of their tensors): each batch's step is then recorded once and its
   * fused loop replayed, instead of recorded at every step. The same results either way. Default false.
   */
  readonly autonomous?: boolean;
  /** Paths per block of the Monte Carlo driver (default 16 384): part of the run's definition. */
  readonly blockSize?: number;
  /** Called after each block with (blocks done, blocks in all). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Options of `solve`. */
export interface SolveOptions<P extends SdeParams> extends SdeOptions<P> {
  /** Times to return (each on the grid t0 + k·(t1 − t0)/steps); default [t1]. */
  readonly saveAt?: readonly number[];
}

/** Result of `solve`: the state at each requested time. */
export interface SolveResult {
  readonly times: readonly number[];
  /** Shape [times.length, paths, d]. */
  readonly values: Tensor;
}

/** Estimators of `sensitivity`. 'auto' runs 'forward' unless the loss or dynamics are discontinuous. */
export type SensitivityMode = 'forward' | 'adjoint' | 'fd' | 'score' | 'auto';

/** Options of `sensitivity`. */
export interface SensitivityOptions<P extends SdeParams> extends SdeOptions<P> {
  /** Per-path value of the terminal state: x_T [paths, d] → [paths] (or [paths, 1]). */
  readonly loss: (xT: Tensor) => TensorLike;
  readonly mode?: SensitivityMode;
  /** Parameters to differentiate (default all). */
  readonly wrt?: readonly (keyof P & string)[];
  /**
   * Refuse, with a PathwiseRangeError before any work, a request estimated to hold more than this many bytes at
   * once (the paths of a batch with their tangents and the adjoint's tape of one checkpoint segment, the
   * block's per-path columns and the time grid: a rough upper bound). Default: no limit.
   */
  readonly maxMemory?: number;
  /** Adjoint, one level: a checkpoint every k steps (default ⌈√steps⌉, which minimizes steps/k + k). */
  readonly checkpointEvery?: number;
  /**
   * Adjoint, nested: at most c checkpoints per level, segments cut recursively, so memory is
   * c·⌈log_c steps⌉ states (nearly flat in steps) for ⌈log_c steps⌉ forward recomputations.
   */
  readonly checkpoints?: number;
  /** Finite differences: the bump of each parameter (default 1e-5·max(1, |θ|)); central differences. */
  readonly fdStep?: number;
}

/** Result of `sensitivity`: ∂E[loss(X_T)]/∂θ per parameter, each with its standard error. */
export interface SensitivityResult<P extends SdeParams> {
  readonly value: Estimate;
  readonly grad: { readonly [K in keyof P]?: Estimate };
  readonly diagnostics: {
    /** The estimator that produced `grad`. */
    readonly mode: Exclude<SensitivityMode, 'auto'>;
    /** Discontinuous ops that consumed Brownian-driven values ('W'); non-empty means pathwise is biased. */
    readonly discontinuities: readonly DiscontinuityEvent[];
    /** The run's blocks (the driver's unit of work). */
    readonly blocks: { readonly count: number; readonly size: number };
    /** Adjoint only: the largest number of states held at once per path (checkpoints + one segment). */
    readonly storedStates?: number;
  };
}
