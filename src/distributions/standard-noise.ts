/**
 * Standard base variates for the location–scale families, each a fixed transform of one uniform per
 * element (inversion), so that element i of a sample is a pure function of (key, i) and rows keep their
 * values under any chunking (see sampling.ts). The transforms run as plain loops into a new buffer (the
 * uniform noise is shared within a batch and read-only); the result is a constant for differentiation,
 * only the affine map that follows is recorded.
 */
import { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import type { Key } from '../random/key.js';
import { uniformNoise } from './sampling.js';
import * as dmath from '../ad/kernels/scalar-math.js';

function transformed(key: Key, shape: Shape, rowOffset: number, f: (u: number) => number): Tensor {
  const u = uniformNoise(key, shape, rowOffset).data;
  const out = alloc(u.length);
  for (let i = 0; i < u.length; i++) out[i] = f(u[i]!);
  return new Tensor(out, shape);
}

/** Exp(1) variates, −log u (u ∈ (0, 1) is never 0, so the result is finite). */
export function exponentialNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return transformed(key, shape, rowOffset, (u) => -dmath.log(u));
}

/** Standard logistic variates, log u − log(1 − u), exact in both tails. */
export function logisticNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return transformed(key, shape, rowOffset, (u) => dmath.log(u) - dmath.log1p(-u));
}

/** Standard (max-)Gumbel variates, −log(−log u). */
export function gumbelNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return transformed(key, shape, rowOffset, (u) => -dmath.log(-dmath.log(u)));
}

/** Standard Laplace variates, −sign(u − ½)·log(1 − 2|u − ½|). */
export function laplaceNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return transformed(key, shape, rowOffset, (u) => {
    const v = u - 0.5;
    return v < 0 ? dmath.log1p(2 * v) : -dmath.log1p(-2 * v);
  });
}

/**
 * Standard Cauchy variates, tan(π(u − ½)), evaluated as −1/tan(πu) below ½ and 1/tan(π(1 − u)) above, so
 * that the tails do not inherit the rounding of π(u − ½) next to the pole (1 − u is exact there).
 */
export function cauchyNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return transformed(key, shape, rowOffset, (u) => (u < 0.5 ? -1 / dmath.tan(Math.PI * u) : 1 / dmath.tan(Math.PI * (1 - u))));
}
