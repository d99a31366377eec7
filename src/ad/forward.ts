/**
 * Forward mode. A ForwardTracer carries a primal and its tangent (null: a symbolic zero); each primitive
 * computes its primal one level down and its tangent by its JVP rule. No tape: memory does not grow with
 * the length of the computation.
 */
import type { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Primitive } from './primitive.js';
import { bindInner, Trace, Tracer, runRule } from './trace.js';
import { broadcastTo } from './ops/structure.js';

export class ForwardTracer extends Tracer {
  constructor(
    trace: ForwardTrace,
    primal: Tensor,
    readonly tangent: Tensor | null,
  ) {
    super(trace, primal);
  }
}

export class ForwardTrace extends Trace {
  lift(x: Tensor, tangent: Tensor | null): ForwardTracer {
    const t = new ForwardTracer(this, x, tangent);
    t.sources = x.sources;
    return t;
  }

  process<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
    const mine = (x: Tensor): x is ForwardTracer => x instanceof ForwardTracer && x.trace === this;
    const primals = inputs.map((x) => (mine(x) ? x.primal : x));
    const tangents = inputs.map((x) => (mine(x) ? x.tangent : null));
    const out = bindInner(prim, primals, params);
    if (tangents.every((t) => t === null)) return out;
    let t = runRule(() => prim.jvp(tangents, primals, out, params));
    if (t === null) return out;
    if (!shapesEqual(t.shape, out.shape)) t = runRule(() => broadcastTo(t!, out.shape));
    return new ForwardTracer(this, out, t);
  }
}
