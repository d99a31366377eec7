/**
 * Pytrees: the arguments and results of transformed functions may be a tensor, a number, or arrays and
 * plain records of them. Transformations flatten a tree into its leaves and rebuild the same structure.
 */
import { PathwiseTypeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';

export type Leaf = Tensor | number;
export type Tree = Leaf | readonly Tree[] | { readonly [key: string]: Tree };

/** The tree type with every leaf replaced by L (numbers stay numbers where the leaf was a number). */
export type MapLeaves<T> = T extends number ? number : T extends Tensor ? Tensor : { [K in keyof T]: MapLeaves<T[K]> };

export interface Flat {
  readonly leaves: Leaf[];
  /** Rebuilds the structure from new leaves (in the same order). */
  readonly rebuild: (leaves: readonly Leaf[]) => Tree;
}

export function flatten(tree: Tree, where: string): Flat {
  const leaves: Leaf[] = [];
  const build = (t: Tree, path: string): ((ls: readonly Leaf[]) => Tree) => {
    if (t instanceof Tensor || typeof t === 'number') {
      const i = leaves.length;
      leaves.push(t);
      return (ls) => ls[i]!;
    }
    if (Array.isArray(t)) {
      const parts = (t as readonly Tree[]).map((c, i) => build(c, `${path}[${i}]`));
      return (ls) => parts.map((p) => p(ls));
    }
    if (t !== null && typeof t === 'object' && Object.getPrototypeOf(t) === Object.prototype) {
      const keys = Object.keys(t);
      const parts = keys.map((k) => build((t as Record<string, Tree>)[k]!, `${path}.${k}`));
      return (ls) => Object.fromEntries(keys.map((k, i) => [k, parts[i]!(ls)]));
    }
    throw new PathwiseTypeError(`${where}: arguments must be tensors, numbers, arrays or plain objects of them; got ${show(t)} at ${path || 'the root'}`);
  };
  const rebuild = build(tree, '');
  return { leaves, rebuild };
}
