/**
 * The `probs | { logits }` argument shared by the Bernoulli-like families (Binomial, Geometric, the
 * relaxations): probabilities are validated against `rule`, log-odds must be finite; whichever is given,
 * the other is derived, and `fromLogits` says which one is exact (log-densities prefer the log-odds).
 */
import { PathwiseTypeError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { log, log1p, neg, sigmoid, sub } from '../ad/ops/index.js';
import { isReal, param, type Check } from './validate.js';

export type ProbsOrLogits = TensorLike | { readonly logits: TensorLike };

export interface BinaryParams {
  readonly probs: Tensor;
  readonly logits: Tensor;
  readonly fromLogits: boolean;
}

/** Parses and validates `probs` or `{ logits }` for the distribution `dist`. */
export function binaryParams(dist: string, arg: ProbsOrLogits, check: Check, rule: string): BinaryParams {
  if (typeof arg === 'object' && !(arg instanceof Tensor)) {
    if (arg === null || !('logits' in arg)) throw new PathwiseTypeError(`${dist}: expected probs or { logits }, got ${show(arg)}`);
    const logits = param(dist, 'logits', arg.logits, isReal, 'finite');
    return { probs: sigmoid(logits), logits, fromLogits: true };
  }
  const probs = param(dist, 'probs', arg, check, rule);
  return { probs, logits: sub(log(probs), log1p(neg(probs))), fromLogits: false };
}

/** True when the argument is `{ logits }` rather than probabilities. */
export function isLogitsArg(arg: ProbsOrLogits): arg is { readonly logits: TensorLike } {
  return typeof arg === 'object' && !(arg instanceof Tensor);
}
