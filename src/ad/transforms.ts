/**
 * The user-facing transformations: grad, valueAndGrad, vjp (reverse mode) and jvp (forward mode). They
 * accept pytrees (tensors, numbers, arrays and records of them) and nest freely: grad(grad(f)),
 * jvp of grad (forward-over-reverse Hessian–vector products) and grad of jvp.
 */
import { ShapeError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { ones, toTensor, zeros } from '../tensor/create.js';
import { shapesEqual } from '../tensor/shape.js';
import { enterTrace, exitTrace, live, Tracer } from './trace.js';
import { ReverseTrace, ReverseTracer, type TapeNode } from './reverse.js';
import { ForwardTrace, ForwardTracer } from './forward.js';
import { flatten, type Leaf, type MapLeaves, type Tree } from './pytree.js';

const asTensor = (l: Leaf): Tensor => (typeof l === 'number' ? toTensor(l) : l);

/** A gradient leaf comes back as a number where the input leaf was a number and the result is concrete. */
function restore(input: Leaf, g: Tensor): Leaf {
  return typeof input === 'number' && !(live(g) instanceof Tracer) ? g.data[0]! : g;
}

interface Recorded {
  readonly trace: ReverseTrace;
  readonly inputs: Leaf[];
  readonly leafNodes: TapeNode[];
  readonly rebuild: (ls: readonly Leaf[]) => Tree;
}

function recordReverse<A, O>(f: (x: A) => O, x: A, where: string): [O, Recorded] {
  const { leaves, rebuild } = flatten(x as Tree, where);
  const trace = enterTrace((l) => new ReverseTrace(l));
  try {
    const tracers = leaves.map((l) => trace.leaf(asTensor(l)));
    const out = f(rebuild(tracers) as A);
    return [out, { trace, inputs: leaves, leafNodes: tracers.map((t) => t.node), rebuild }];
  } finally {
    exitTrace(trace);
  }
}

/** The tracer of `trace` inside `out` (looking through finished inner traces), or null. */
function own(out: Tensor, trace: ReverseTrace | ForwardTrace): Tracer | null {
  let o = out;
  while (o instanceof Tracer && o.trace !== trace && !o.trace.active) o = o.primal;
  return o instanceof Tracer && o.trace === trace ? o : null;
}

function pull(rec: Recorded, out: Tensor, ct: Tensor): Tree {
  const o = own(out, rec.trace);
  if (o instanceof ReverseTracer) rec.trace.backward(o.node, ct);
  else for (const n of rec.leafNodes) n.ct = null;  // the output does not depend on the inputs
  return rec.rebuild(rec.leafNodes.map((n, i) => restore(rec.inputs[i]!, n.ct ?? zeros(n.out.shape))));
}

function primalOf(out: Tensor, trace: ReverseTrace | ForwardTrace): Tensor {
  return own(out, trace)?.primal ?? live(out);
}

function valueAndGradAt(f: (x: Tree) => TensorLike, x: Tree): [Tensor, Tree] {
  const [raw, rec] = recordReverse(f, x, 'grad');
  const out = toTensor(raw, 'grad');
  if (out.size !== 1) {
    throw new ShapeError(`grad: the function must return a scalar (one element), got shape ${show(out.shape)}; use vjp for non-scalar outputs`);
  }
  return [primalOf(out, rec.trace), pull(rec, out, ones(out.shape))];
}

/**
 * Value and gradient of a scalar-valued f with respect to its first argument (a pytree).
 * @example
 * const [v, g] = valueAndGrad((x: Tensor) => sum(square(x)))(tensor([1, 2]));   // v = 5, g = [2, 4]
 */
export function valueAndGrad<A, R extends unknown[]>(
  f: (x: A, ...rest: R) => TensorLike,
): (x: A, ...rest: R) => [Tensor, MapLeaves<A>] {
  return (x: A, ...rest: R) => valueAndGradAt((a) => f(a as A, ...rest), x as Tree) as [Tensor, MapLeaves<A>];
}

/**
 * The gradient of a scalar-valued f with respect to its first argument, in the same structure.
 * Number leaves get number gradients (tensors when called under another transformation).
 * @example grad((x: Tensor) => mul(x, x))(3)   // 6
 */
export function grad<A, R extends unknown[]>(
  f: (x: A, ...rest: R) => TensorLike,
): (x: A, ...rest: R) => MapLeaves<A> {
  return (x: A, ...rest: R) => valueAndGradAt((a) => f(a as A, ...rest), x as Tree)[1] as MapLeaves<A>;
}

/**
 * Reverse mode for non-scalar outputs: returns f(x) and a pullback mapping an output cotangent (same
 * shape as f(x)) to the cotangent of x. The pullback may be called several times.
 * @example
 * const [y, back] = vjp((x: Tensor) => mul(x, 2), tensor([1, 2]));
 * back(tensor([1, 1]))   // tensor [2, 2]
 */
export function vjp<A>(f: (x: A) => TensorLike, x: A): [Tensor, (ct: TensorLike) => MapLeaves<A>] {
  const [raw, rec] = recordReverse(f, x, 'vjp');
  const out = toTensor(raw, 'vjp');
  const pullback = (ct: TensorLike): MapLeaves<A> => {
    const c = toTensor(ct, 'vjp pullback');
    if (!shapesEqual(c.shape, out.shape)) {
      throw new ShapeError(`vjp pullback: cotangent shape ${show(c.shape)} differs from the output shape ${show(out.shape)}`);
    }
    return pull(rec, out, c) as MapLeaves<A>;
  };
  return [primalOf(out, rec.trace), pullback];
}

function isZero(t: Tensor): boolean {
  const d = t.data;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) return false;
  return true;
}

/**
 * Forward mode: f(primals) and its directional derivative along `tangents` (same structure as primals).
 * No tape is kept, so memory does not grow with the length of the computation.
 * @example jvp((x: Tensor) => mul(x, x), tensor([3]), tensor([1]))   // [tensor [9], tensor [6]]
 */
export function jvp<A, O>(f: (x: A) => O, primals: A, tangents: A): [MapLeaves<O>, MapLeaves<O>] {
  const [out, [t]] = jvpMany(f, primals, [tangents]);
  return [out, t!];
}

/**
 * Forward mode along several directions at once: f(primals) and one directional derivative per entry
 * of `tangentsList`, computing the primal only once (a Jacobian's columns for the cost of one primal
 * pass plus one tangent pass each).
 * @example
 * const [y, [dx, dy]] = jvpMany(([x, y]: Tensor[]) => mul(x, y), [tensor(2), tensor(3)],
 *                               [[tensor(1), tensor(0)], [tensor(0), tensor(1)]]);   // y = 6, dx = 3, dy = 2
 */
export function jvpMany<A, O>(f: (x: A) => O, primals: A, tangentsList: readonly A[]): [MapLeaves<O>, MapLeaves<O>[]] {
  const p = flatten(primals as Tree, 'jvp');
  const lanes = tangentsList.map((t) => flatten(t as Tree, 'jvp'));
  if (lanes.length === 0) throw new ShapeError('jvpMany: needs at least one tangent direction');
  for (const t of lanes) {
    if (p.leaves.length !== t.leaves.length) {
      throw new ShapeError(`jvp: primals have ${p.leaves.length} leaves but tangents have ${t.leaves.length}`);
    }
  }
  const trace = enterTrace((l) => new ForwardTrace(l, lanes.length));
  try {
    const lifted = p.leaves.map((l, i) => {
      const x = asTensor(l);
      const ts = lanes.map((t) => {
        const dx = asTensor(t.leaves[i]!);
        if (!shapesEqual(x.shape, dx.shape)) {
          throw new ShapeError(`jvp: tangent ${i} has shape ${show(dx.shape)} but its primal has shape ${show(x.shape)}`);
        }
        return isZero(dx) ? null : dx;   // a symbolic zero: rules skip it instead of multiplying by 0
      });
      return trace.lift(x, ts);
    });
    const out = f(p.rebuild(lifted) as A);
    const o = flatten(out as Tree, 'jvp output');
    const prim: Leaf[] = [];
    const tans: Leaf[][] = lanes.map(() => []);
    for (const leaf of o.leaves) {
      const v = live(asTensor(leaf));
      const mine = v instanceof ForwardTracer && v.trace === trace;
      // The primal keeps the random-source names its tracer carried (discontinuity tracking goes on).
      if (mine && v.sources !== null && v.primal.sources === null) v.primal.sources = v.sources;
      prim.push(mine ? restore(leaf, v.primal) : leaf);
      tans.forEach((lane, k) => lane.push(restore(leaf, (mine ? v.tangents[k] : null) ?? zeros(v.shape))));
    }
    return [o.rebuild(prim) as MapLeaves<O>, tans.map((lane) => o.rebuild(lane) as MapLeaves<O>)];
  } finally {
    exitTrace(trace);
  }
}
