/**
 * Gradient clipping by global norm (Pascanu, Mikolov & Bengio, "On the difficulty of training recurrent
 * neural networks", ICML 2013, Algorithm 1): if ‖g‖₂ over all leaves exceeds c, every leaf is scaled by
 * c/‖g‖, which keeps the direction. Score-function gradients with rare huge values are the use case here.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { MapLeaves, Tree } from '../../ad/pytree.js';
import { tensorLeaves } from './tree-leaves.js';

/**
 * The global L2 norm of a gradient tree.
 * @example globalNorm({ a: tensor([3]), b: tensor([4]) })   // 5
 */
export function globalNorm(grads: Tree): number {
  let s = 0;
  for (const g of tensorLeaves(grads, 'globalNorm', 'grads').leaves) {
    const d = g.data;
    for (let i = 0; i < d.length; i++) s += d[i]! * d[i]!;
  }
  return Math.sqrt(s);
}

/**
 * Scales `grads` so that its global norm is at most `maxNorm`; returns the (possibly) scaled tree and
 * the norm before clipping. A NaN norm passes through unscaled (so the caller sees it).
 * @example
 * clipGradNorm({ a: tensor([3]), b: tensor([4]) }, 1)   // { grads: { a: [0.6], b: [0.8] }, norm: 5 }
 * clipGradNorm({ a: tensor([1]) }, 0)                   // throws PathwiseRangeError
 */
export function clipGradNorm<G extends Tree>(grads: G, maxNorm: number): { grads: MapLeaves<G>; norm: number } {
  if (!(maxNorm > 0)) throw new PathwiseRangeError(`clipGradNorm: maxNorm must be > 0, got ${show(maxNorm)}`);
  const norm = globalNorm(grads);
  if (!(norm > maxNorm)) return { grads: grads as unknown as MapLeaves<G>, norm };
  const scale = maxNorm / norm;
  const t = tensorLeaves(grads, 'clipGradNorm', 'grads');
  const out = t.leaves.map((g) => {
    const y = new Float64Array(g.size);
    for (let i = 0; i < y.length; i++) y[i] = g.data[i]! * scale;
    return new Tensor(y, g.shape);
  });
  return { grads: t.rebuild(out) as MapLeaves<G>, norm };
}
