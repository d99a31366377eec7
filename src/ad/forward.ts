/**
 * Forward mode. A ForwardTracer carries a primal and one tangent per lane (null: a symbolic zero); each
 * primitive computes its primal once, one level down, and each lane's tangent by its JVP rule. Several
 * lanes share one primal computation — the directional derivatives along K directions cost one primal
 * pass plus K tangent passes instead of K of each. No tape: memory does not grow with the length of the
 * computation.
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
    /** One tangent per lane of the trace. */
    readonly tangents: readonly (Tensor | null)[],
  ) {
    super(trace, primal);
  }
}

export class ForwardTrace extends Trace {
  constructor(level: number, readonly lanes: number) {
    super(level);
  }

  lift(x: Tensor, tangents: readonly (Tensor | null)[]): ForwardTracer {
    const t = new ForwardTracer(this, x, tangents);
    t.sources = x.sources;
    return t;
  }

  process<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
    const mine = (x: Tensor): x is ForwardTracer => x instanceof ForwardTracer && x.trace === this;
    const primals = inputs.map((x) => (mine(x) ? x.primal : x));
    const out = bindInner(prim, primals, params);
    const lanes: (Tensor | null)[] = new Array(this.lanes).fill(null);
    const live: number[] = [];
    const laneTangents: (Tensor | null)[][] = [];
    for (let k = 0; k < this.lanes; k++) {
      const tangents = inputs.map((x) => (mine(x) ? x.tangents[k]! : null));
      if (tangents.every((t) => t === null)) continue;
      live.push(k);
      laneTangents.push(tangents);
    }
    if (live.length === 0) return out;
    const ts = runRule(() => (live.length > 1 && prim.jvpLanes !== undefined
      ? prim.jvpLanes(laneTangents, primals, out, params)
      : laneTangents.map((tangents) => prim.jvp(tangents, primals, out, params))));
    let any = false;
    live.forEach((k, j) => {
      let t = ts[j]!;
      if (t === null) return;
      if (!shapesEqual(t.shape, out.shape)) t = runRule(() => broadcastTo(t!, out.shape));
      lanes[k] = t;
      any = true;
    });
    return any ? new ForwardTracer(this, out, lanes) : out;
  }
}
