/** Flattening the user's parameters into scalar components, and rebuilding trees of results. */
import { PathwiseTypeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { flatten, type Tree } from '../ad/pytree.js';
import type { GradEstimate, Params } from './types.js';

export interface FlatParams {
  /** One tensor per leaf (numbers become scalar tensors). */
  readonly leaves: Tensor[];
  /** Dotted path of each leaf, e.g. "mu" or "w[1]". */
  readonly paths: string[];
  /** Whether each leaf was given as a number. */
  readonly scalarLeaf: boolean[];
  /** Offset of each leaf's first component in the flat component list. */
  readonly offsets: number[];
  /** Total number of scalar components. */
  readonly size: number;
  readonly rebuild: (leaves: readonly (Tensor | number | object)[]) => unknown;
}

export function flattenParams(params: Params, where: string): FlatParams {
  const { leaves, rebuild } = flatten(params as Tree, where);
  const paths: string[] = [];
  collectPaths(params, '', paths);
  const tensors = leaves.map((l, i) => {
    if (typeof l === 'number') {
      if (!Number.isFinite(l)) throw new PathwiseTypeError(`${where}: parameter ${paths[i]} must be finite, got ${show(l)}`);
      return new Tensor(new Float64Array([l]), []);
    }
    return l;
  });
  const offsets: number[] = [];
  let size = 0;
  for (const t of tensors) {
    offsets.push(size);
    size += t.size;
  }
  return {
    leaves: tensors, paths, scalarLeaf: leaves.map((l) => typeof l === 'number'), offsets, size,
    rebuild: (ls) => rebuild(ls as never),
  };
}

function collectPaths(t: unknown, path: string, out: string[]): void {
  if (t instanceof Tensor || typeof t === 'number') out.push(path === '' ? 'params' : path);
  else if (Array.isArray(t)) t.forEach((c, i) => collectPaths(c, `${path}[${i}]`, out));
  else if (t !== null && typeof t === 'object') for (const [k, v] of Object.entries(t)) collectPaths(v, path === '' ? k : `${path}.${k}`, out);
}

/** Component names, e.g. "mu", "w[0]", "w[1]" for a tensor leaf w of size 2. */
export function componentNames(fp: FlatParams): string[] {
  const names: string[] = [];
  fp.leaves.forEach((t, i) => {
    if (t.size === 1 && t.ndim === 0) names.push(fp.paths[i]!);
    else for (let j = 0; j < t.size; j++) names.push(`${fp.paths[i]}[${j}]`);
  });
  return names;
}

/** The tree of per-leaf estimates from flat per-component means, stderrs and variances. */
export function gradTree(fp: FlatParams, mean: Float64Array, stderr: Float64Array, variance: Float64Array, n: number): unknown {
  const leaves = fp.leaves.map((t, i): GradEstimate<number> | GradEstimate<Tensor> => {
    const o = fp.offsets[i]!;
    if (fp.scalarLeaf[i]) return { mean: mean[o]!, stderr: stderr[o]!, variance: variance[o]!, n };
    const slice = (a: Float64Array) => new Tensor(a.slice(o, o + t.size), t.shape);
    return { mean: slice(mean), stderr: slice(stderr), variance: slice(variance), n };
  });
  return fp.rebuild(leaves);
}
