/**
 * The ends of float64 as sample values. A family whose true sample can fall below the smallest positive
 * double (Gamma, Beta and Dirichlet at small shapes) or beyond the largest (StudentT at small df) returns
 * the nearest representable end instead, Number.MIN_VALUE or ±Number.MAX_VALUE (BETA_MAX = 1 − 2^−53
 * just below 1 for Beta), never 0, 1 or ±Infinity. Such an end value is then an atom of the law of the
 * returned sample: it stands for every true value beyond it. logProb at an atom is the log of the atom's
 * probability (not a density), and the reparameterized sample does not move there (gradient 0). The law
 * of the returned sample is thus exactly the true law rounded to doubles, with a log density/mass that
 * is finite at every returned value, so the score-function estimator stays unbiased and no estimator
 * meets 0·∞.
 */
import { Tensor } from '../tensor/tensor.js';
import { concrete } from '../ad/trace.js';
import { exp, maximum, minimum } from '../ad/ops/index.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/** The smallest positive double; samples below it are returned as it. */
export const TINY = Number.MIN_VALUE;
/** log(1.5·TINY): every true value below 1.5·TINY rounds to TINY (or below it), the lower atom's edge. */
export const LOG_TINY_EDGE = dmath.log(1.5) + dmath.log(Number.MIN_VALUE);
/** log(Number.MAX_VALUE). */
export const LOG_MAX = dmath.log(Number.MAX_VALUE);

/**
 * e^y for log-space samples: values below TINY become TINY (gradient 0 there, an atom), and y is capped
 * at log(MAX_VALUE) first so that neither the value nor its derivative overflows.
 * @example expAtLeastTiny(tensor([-1e6, 0])).toArray()   // [5e-324, 1]
 */
export function expAtLeastTiny(y: Tensor): Tensor {
  return maximum(exp(minimum(y, LOG_MAX)), TINY);
}

/**
 * A constant 0/1 mask, 1 where the concrete value of x equals `v`: it selects atoms without recording a
 * comparison on a sampled value (the mask is piecewise constant, and no gradient flows through it).
 * @example atomMask(tensor([5e-324, 0.5]), 5e-324).toArray()   // [1, 0]
 */
export function atomMask(x: Tensor, ...values: number[]): Tensor {
  const d = concrete(x).data;
  const m = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) m[i] = values.includes(d[i]!) ? 1 : 0;
  return new Tensor(m, x.shape);
}

/** True when any element of a mask is set (to skip the atom branch entirely in the common case). */
export function anySet(mask: Tensor): boolean {
  const d = mask.data;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) return true;
  return false;
}
