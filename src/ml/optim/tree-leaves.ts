/** Flattening parameter and gradient pytrees into tensors, shared by the optimisers and clipping. */
import { PathwiseRangeError, PathwiseTypeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { concrete } from '../../ad/trace.js';
import { flatten, type Tree } from '../../ad/pytree.js';

export interface TensorLeaves {
  readonly leaves: Tensor[];
  readonly rebuild: (leaves: readonly Tensor[]) => Tree;
}

/** The tensor leaves of a tree (number leaves are refused: a parameter must be a tensor to be updated). */
export function tensorLeaves(tree: Tree, fn: string, what: string): TensorLeaves {
  const f = flatten(tree, fn);
  const leaves = f.leaves.map((l, i) => {
    if (!(l instanceof Tensor)) throw new PathwiseTypeError(`${fn}: ${what} leaf ${i} must be a Tensor, got ${show(l)}`);
    return concrete(l);
  });
  return { leaves, rebuild: f.rebuild };
}

/** Parameters and gradients leaf by leaf, with matching sizes checked once. */
export function pairLeaves(params: Tree, grads: Tree, fn: string): { p: TensorLeaves; g: Tensor[] } {
  const p = tensorLeaves(params, fn, 'params');
  const g = tensorLeaves(grads, fn, 'grads').leaves;
  if (g.length !== p.leaves.length) {
    throw new PathwiseRangeError(`${fn}: grads have ${g.length} leaves but params have ${p.leaves.length}`);
  }
  for (let i = 0; i < g.length; i++) {
    if (g[i]!.size !== p.leaves[i]!.size) {
      throw new PathwiseRangeError(`${fn}: grad leaf ${i} has ${g[i]!.size} values but its parameter has ${p.leaves[i]!.size}`);
    }
  }
  return { p, g };
}

/** A learning rate: a constant or a function of the (1-based) step number. */
export type LearningRate = number | ((step: number) => number);

export function checkRate(fn: string, lr: LearningRate): void {
  if (typeof lr === 'function') return;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new PathwiseRangeError(`${fn}: lr must be a finite number > 0 or a function of the step, got ${show(lr)}`);
}

export function rateAt(lr: LearningRate, step: number): number {
  return typeof lr === 'function' ? lr(step) : lr;
}
