/**
 * What a Greeks estimator is: a rule that turns one batch of paths into per-path samples of a Greek (their
 * mean is the estimate, their spread its standard error), reading the batch's shared quantities (values,
 * forward tangents, bumped values, path scores) so that each is computed once whatever reads it. Every
 * estimator is one file in this folder, registered in table.ts; `auto` chooses among them (method-status.ts).
 */
import type { InputName } from '../../models/inputs.js';
import type { GreekName } from '../../types.js';
import type { Batch, Variant } from '../batch.js';
import type { ConcreteMethod } from '../method-status.js';

/** The forward lane an estimator reads: the tangent of a variant's stream with respect to one input. */
export interface Lane {
  readonly variant: Variant;
  readonly input: InputName;
}

export interface GreekEstimator {
  readonly method: ConcreteMethod;
  /**
   * The forward lane the estimator reads for `greek`, if any: a batch carries all the lanes of one variant
   * in one pass over time, so it asks every estimator of the run up front.
   */
  lane(greek: GreekName): Lane | null;
  /** Per-path samples of `greek` on one batch (method-status.ts has checked that the method applies). */
  perPath(batch: Batch, greek: GreekName): Float64Array;
}

/** Theta is −∂V/∂T; the other Greeks are plain derivatives. */
export const SIGN: Readonly<Record<GreekName, 1 | -1>> = { delta: 1, gamma: 1, vega: 1, rho: 1, theta: -1 };

/**
 * A tangent as the Greek's samples: negated for theta.
 * @example signed('theta', new Float64Array([2]));   // Float64Array [-2]
 */
export function signed(greek: GreekName, a: Float64Array): Float64Array {
  return SIGN[greek] === 1 ? a : a.map((v) => -v);
}
