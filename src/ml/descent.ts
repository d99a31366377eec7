/**
 * From an `expectation(...).grad` result to an optimizer's gradient: the trainers maximize an ELBO, the
 * optimizers minimize, so the step direction is minus the estimated gradient's mean, leaf by leaf.
 */
import { Tensor } from '../tensor/tensor.js';
import { neg } from '../ad/ops/index.js';
import type { GradEstimate, GradTree } from '../estimators/types.js';

/**
 * Minus the mean of every leaf of a gradient tree (tensor leaves only): the loss gradient of a maximized objective.
 * @example
 * const o = expectation<{ mu: Tensor }>((p, s) => sum(square(s.sample('z', Normal(p.mu, 1))), 1));
 * const r = o.grad({ mu: tensor([1, -2]) }, { samples: 1000, seed: 1 });
 * ascentGradient(r.grad).mu;   // ≈ [-2, 4]: minus the gradient of E[|z|²] = |μ|² + 2
 */
export function ascentGradient<P>(tree: GradTree<P>): P {
  const walk = (t: unknown): unknown => {
    if (Array.isArray(t)) return t.map(walk);
    const e = t as GradEstimate<Tensor>;
    if (e.mean instanceof Tensor && e.stderr instanceof Tensor) return neg(e.mean);
    return Object.fromEntries(Object.entries(t as object).map(([k, v]) => [k, walk(v)]));
  };
  return walk(tree) as P;
}
