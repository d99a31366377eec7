/**
 * Reverse mode. A ReverseTrace records one tape node per primitive application on its tracers; the
 * backward pass walks the tape in reverse creation order (a valid topological order), calls each
 * primitive's VJP and sums cotangents down to the input's shape when the op broadcast it. Cotangents are
 * ordinary values one level down, so an outer transformation differentiates the backward pass itself.
 */
import type { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Primitive } from './primitive.js';
import { bindInner, Trace, Tracer, runRule } from './trace.js';
import { add } from './ops/arithmetic.js';
import { sumToShape } from './ops/structure.js';

export interface TapeNode {
  readonly prim: Primitive<unknown> | null;  // null for an input (leaf)
  readonly params: unknown;
  readonly parents: readonly (TapeNode | null)[];
  readonly lowered: readonly Tensor[];
  readonly out: Tensor;
  ct: Tensor | null;
}

export class ReverseTracer extends Tracer {
  constructor(
    trace: ReverseTrace,
    primal: Tensor,
    readonly node: TapeNode,
  ) {
    super(trace, primal);
  }
}

export class ReverseTrace extends Trace {
  readonly tape: TapeNode[] = [];
  readonly leaves: TapeNode[] = [];

  /** Wraps an input of the differentiated function as a leaf. */
  leaf(x: Tensor): ReverseTracer {
    const node: TapeNode = { prim: null, params: undefined, parents: [], lowered: [], out: x, ct: null };
    this.leaves.push(node);
    const t = new ReverseTracer(this, x, node);
    t.sources = x.sources;
    return t;
  }

  process<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
    const lowered = inputs.map((x) => (x instanceof ReverseTracer && x.trace === this ? x.primal : x));
    const parents = inputs.map((x) => (x instanceof ReverseTracer && x.trace === this ? x.node : null));
    const out = bindInner(prim, lowered, params);
    const node: TapeNode = { prim: prim as Primitive<unknown>, params, parents, lowered, out, ct: null };
    this.tape.push(node);
    return new ReverseTracer(this, out, node);
  }

  /** Propagates the cotangent `seed` of `root` back to every node; leaves keep their `ct`. */
  backward(root: TapeNode, seed: Tensor): void {
    for (const n of this.tape) n.ct = null;
    for (const n of this.leaves) n.ct = null;
    root.ct = seed;
    runRule(() => {
      for (let i = this.tape.length - 1; i >= 0; i--) {
        const node = this.tape[i]!;
        const g = node.ct;
        if (g === null || node.prim === null) continue;
        if (node !== root) node.ct = null;  // free intermediate cotangents as soon as they are used
        pullThrough(node, g);
      }
    });
  }
}

/**
 * One node of a backward pass: the primitive's VJP of `g`, each parent's cotangent summed down to the parent's
 * shape (where the op broadcast it) and added to what the parent already holds. Call inside `runRule`.
 */
export function pullThrough(node: TapeNode, g: Tensor): void {
  const needs = node.parents.map((p) => p !== null);
  const cts = node.prim!.vjp(g, node.lowered, node.out, node.params, needs);
  for (let j = 0; j < node.parents.length; j++) {
    const p = node.parents[j];
    let c = cts[j];
    if (p === null || p === undefined || c === null || c === undefined) continue;
    if (!shapesEqual(c.shape, p.out.shape)) c = sumToShape(c, p.out.shape);
    p.ct = p.ct === null ? c : add(p.ct, c);
  }
}
