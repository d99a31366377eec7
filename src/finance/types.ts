/**
 * The records of Monte Carlo Greeks: what is priced (model, payoff), what is asked for (Greeks, methods,
 * paths, seed, QMC) and what comes back (an estimate with its standard error per Greek and method, with
 * the reason when a method is biased or not applicable).
 */
import type { Estimate } from '../stats/estimate.js';

/**
 * The five sensitivities: ∂V/∂S, ∂²V/∂S², ∂V/∂σ, ∂V/∂r and θ, the change of value per year of calendar time
 * passing with the contract's dates (Asian fixings, barrier monitoring dates) held where they are: every
 * remaining date comes closer, so only the first interval shortens (for a European, θ = −∂V/∂T).
 */
export type GreekName = 'delta' | 'gamma' | 'vega' | 'rho' | 'theta';
/** The Greeks `greeks` computes. @example GREEK_NAMES   // ['delta', 'gamma', 'vega', 'rho', 'theta'] */
export const GREEK_NAMES: readonly GreekName[] = ['delta', 'gamma', 'vega', 'rho', 'theta'];

/**
 * Estimators. `conditional` is the one-step-survival smoothing of barrier payoffs and `vibrato` Giles'
 * hybrid for SDE models; both are chosen by `auto`, and may be asked for by name.
 */
export type MethodName = 'pathwise' | 'lr' | 'mixed' | 'fd' | 'conditional' | 'vibrato' | 'auto';
/** The methods `greeks` accepts. @example METHOD_NAMES.includes('auto')   // true */
export const METHOD_NAMES: readonly MethodName[] = ['pathwise', 'lr', 'mixed', 'fd', 'conditional', 'vibrato', 'auto'];

export type PayoffName =
  | 'call' | 'put' | 'digital-call' | 'digital-put' | 'asset-call' | 'asset-put' | 'asian-call' | 'asian-put' | 'barrier';
/** The payoffs `greeks` prices. @example PAYOFF_NAMES.length   // 9 */
export const PAYOFF_NAMES: readonly PayoffName[] = [
  'call', 'put', 'digital-call', 'digital-put', 'asset-call', 'asset-put', 'asian-call', 'asian-put', 'barrier',
];

export type BarrierType = 'up-out' | 'up-in' | 'down-out' | 'down-in';
/** The barrier types of a `barrier` payoff. @example BARRIER_TYPES   // ['up-out', 'up-in', 'down-out', 'down-in'] */
export const BARRIER_TYPES: readonly BarrierType[] = ['up-out', 'up-in', 'down-out', 'down-in'];

/** Heston's variance process: dv = κ(θ − v)dt + ξ√v dW₂, d⟨W₁, W₂⟩ = ρ dt. The initial variance is vol². */
export interface HestonParams {
  readonly kappa: number;
  readonly theta: number;
  readonly xi: number;
  readonly rho: number;
}

/** Model: Black–Scholes (σ = vol) or Heston (initial volatility √v₀ = vol, so vega is ∂V/∂√v₀). */
export type ModelSpec = { readonly kind: 'bs' } | ({ readonly kind: 'heston' } & HestonParams);

/** The product, paid at maturity unless said otherwise (knock-out rebates are paid at the hit). */
export interface PayoffSpec {
  readonly kind: PayoffName;
  readonly strike: number;
  /** Asian averages: 'arithmetic' (default) or 'geometric' over `fixings` dates iT/m, i = 1 … m. */
  readonly average?: 'arithmetic' | 'geometric';
  readonly fixings?: number;
  /** Barrier level H, monitored at the simulation dates iT/n, i = 1 … n (or continuously, see `monitoring`). */
  readonly barrier?: number;
  /**
   * 'discrete' (default): the barrier is observed at the n dates. 'continuous' (Black–Scholes only): observed
   * at all times, simulated exactly by the Brownian-bridge survival probability between the dates.
   */
  readonly monitoring?: 'discrete' | 'continuous';
  readonly barrierType?: BarrierType;
  /** The barrier option's underlying payoff, max(ω(S_T − K), 0): 'call' (default) or 'put'. */
  readonly option?: 'call' | 'put';
  /** Knock-outs pay it at the first monitoring date past the barrier; knock-ins at T if never knocked in. */
  readonly rebate?: number;
}

/** Market inputs the Greeks differentiate (spot, vol, rate, maturity) and the dividend yield q. */
export interface MarketSpec {
  readonly spot: number;
  readonly vol: number;
  readonly rate: number;
  readonly maturity: number;
  readonly dividend: number;
}

export interface GreeksOptions {
  readonly greeks?: readonly GreekName[];
  readonly methods?: readonly MethodName[];
  readonly paths?: number;
  readonly seed?: number;
  /** Time steps (Heston: the scheme's steps, default 100; BS barrier: monitoring dates, default 50). */
  readonly steps?: number;
  /** Quasi-Monte Carlo: scrambled Sobol points with the Brownian bridge, `replicates` independent scramblings. */
  readonly qmc?: 'sobol';
  readonly replicates?: number;
  /**
   * Paths evaluated at once (default 16384): a memory knob only; results are the same bits for any value.
   * `batch` is the older name.
   */
  readonly batchSize?: number;
  readonly batch?: number;
  /** Paths per block (default 16 384), the unit of work of the Monte Carlo driver; part of the run's definition. */
  readonly blockSize?: number;
  /** Called after each block with the number of paths done so far (progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Refuse, with a PathwiseRangeError before any work, a request estimated to hold more than this many bytes
   * at once (80 MB for any run, plus a batch of paths and its estimators' arrays, plus QMC's Sobol columns for
   * every date: a rough upper bound). Default 2e9 (2 GB); `Infinity` turns the check off.
   */
  readonly maxMemory?: number;
  /**
   * Refuse, with a PathwiseRangeError before any work, a request estimated to need more than this many
   * path-steps (one path moved one date by the value or one estimator; with a fixed cost per date and batch,
   * and the pilot; whole runs took 0.1–0.4 µs per unit here). Default 1e10, about 15–70 minutes of one core;
   * raise it for longer runs, `Infinity` turns the check off. E.g. `paths: 1e12` or an Asian with
   * `fixings: 1e8` is refused.
   */
  readonly maxWork?: number;
}

/** Result keys: the methods, plus 'mixed-pwlr' (pathwise on the LR delta), the second mixed gamma estimator. */
export type ResultMethod = MethodName | 'mixed-pwlr';

/** One Greek by one method: the estimate, and why it must not be trusted when it is biased. */
export interface MethodEstimate extends Estimate {
  readonly biased?: boolean;
  readonly reason?: string;
  /** For `auto`: the method it chose. */
  readonly chosen?: Exclude<ResultMethod, 'auto'>;
}

export interface GreeksResult {
  /** Where the blocks were computed (greeksAsync). */
  readonly execution?: { readonly where: string; readonly workers: number; readonly reason: string };
  readonly price: Estimate;
  readonly greeks: Partial<Record<GreekName, Partial<Record<ResultMethod, MethodEstimate>>>>;
  /** Closed-form (or semi-analytic) values where one exists for this model and payoff. */
  readonly closedForm: Partial<Record<'price' | GreekName, number>>;
  /** Discontinuous operations the payoff applied to values derived from the inputs (pathwise is biased through them). */
  readonly discontinuities: readonly { readonly op: string; readonly sources: readonly string[] }[];
  /** Paths per batch, steps, and whether QMC was used. */
  readonly setup: { readonly paths: number; readonly steps: number; readonly qmc: boolean; readonly replicates?: number };
  /**
   * What the standard errors do not cover (e.g. the Heston scheme's bias when the Feller condition fails),
   * with what to do about it; absent when there is nothing to say. The CLI prints them.
   */
  readonly warnings?: readonly string[];
}
