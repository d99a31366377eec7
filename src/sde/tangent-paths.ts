/**
 * `tangentPaths`: the terminal state X_N of every path together with its tangents ∂X_N/∂θ_k, per path
 * (forward mode). For users who need per-path derivatives (a control variate, a custom estimator) and
 * for the tests that compare per-path tangents with the exact solution's derivatives.
 */
import { PathwiseRangeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { BrownianSource } from './brownian-source.js';
import { forwardChunk } from './forward.js';
import { forEachChunk } from './grid.js';
import { prepare } from './problem.js';
import type { SdeOptions, SdeParams } from './types.js';

/** Result of `tangentPaths`: X_N [paths, d] and ∂X_N/∂θ [paths, d] per parameter. */
export interface TangentPaths<P extends SdeParams> {
  readonly x: Tensor;
  readonly tangents: { readonly [K in keyof P]?: Tensor };
}

/**
 * X at t1 and its per-path derivatives with respect to the parameters in `wrt` (default all).
 *
 * @example
 * ```ts
 * // GBM: ∂X_T/∂σ → X_T (W_T − σT) per path as the step shrinks
 * const r = tangentPaths({
 *   drift: (t, x, p) => x.mul(p.mu), diffusion: (t, x, p) => x.mul(p.sigma),
 *   x0: 1, params: { mu: 0.05, sigma: 0.2 }, t1: 1, steps: 64, paths: 1000,
 *   noise: 'diagonal', method: 'milstein', key: key(1), wrt: ['sigma'],
 * });
 * r.tangents.sigma!.shape;   // [1000, 1]
 * r.x.shape;                 // [1000, 1]
 * ```
 */
export function tangentPaths<P extends SdeParams>(options: SdeOptions<P> & { readonly wrt?: readonly (keyof P & string)[] }): TangentPaths<P> {
  const pr = prepare('sde.tangentPaths', options);
  const names = [...(options.wrt ?? Object.keys(pr.params))];
  for (const k of names) if (!(k in pr.params)) throw new PathwiseRangeError(`sde.tangentPaths: wrt names ${show(k)}, which is not in params`);
  const d = pr.sys.d;
  const x = new Float64Array(pr.paths * d);
  const ts = names.map(() => new Float64Array(pr.paths * d));
  const source = new BrownianSource(pr.key, pr.sys.m, pr.h, pr.substeps, pr.scheme.needsLevyArea, false);
  forEachChunk(pr.paths, pr.chunkSize, (first, n) => {
    const r = forwardChunk(pr, names, source, first, n);
    x.set(r.x.data, first * d);
    names.forEach((_, k) => ts[k]!.set(r.tangents[k]!.data, first * d));
  });
  return {
    x: new Tensor(x, [pr.paths, d]),
    tangents: Object.fromEntries(names.map((k, i) => [k, new Tensor(ts[i]!, [pr.paths, d])])) as TangentPaths<P>['tangents'],
  };
}
