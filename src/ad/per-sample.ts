/**
 * Per-sample gradients from one reverse pass. A Monte Carlo objective sums a per-sample cost over a
 * leading sample axis of m rows: s = Σᵢ fᵢ. Its reverse pass sums the samples' contributions where a
 * parameter-side value (computed from the parameters alone, no sample axis) is broadcast into a
 * row-wise value: the cotangent arriving there still has the sample axis, row i holding ∂fᵢ/∂(that value).
 * Keeping those cotangents unsummed at every such boundary, and pulling each row back through the small
 * parameter-side graph, gives every ∂fᵢ/∂φ exactly — the per-sample gradients that forward mode gives with
 * one tangent lane per component, at the cost of one reverse pass plus small passes over the parameter
 * graph (one per row, or one per boundary element when there are fewer of those).
 *
 * Row-wise values are the noise and sampled values (`markRowIndexed`, site sources) and everything
 * computed from them. The decomposition needs every row-wise → parameter-side edge to be a broadcast over
 * the sample axis; a rule that reduces over the samples itself (a matmul of samples with a weight matrix,
 * a gather into a parameter vector) makes the gradient not separable by rows: `perSampleGrad` then returns
 * null and the caller uses batch means. The test is structural, so it answers the same for every batch.
 */
import { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import { enterTrace, exitTrace, runRule, Tracer } from './trace.js';
import { pullThrough, ReverseTrace, ReverseTracer, type TapeNode } from './reverse.js';
import { add } from './ops/arithmetic.js';
import { reshape, sumToShape } from './ops/structure.js';

const rowIndexed = new WeakSet<Tensor>();

/** Marks a constant whose leading axis is the Monte Carlo sample axis (noise drawn per row). */
export function markRowIndexed<T extends Tensor>(x: T): T {
  rowIndexed.add(x);
  return x;
}

/** Source names that mark parameters, not samples (see estimators/context.ts). */
const PARAM_SOURCE = 'param:';

function rowwiseConstant(x: Tensor): boolean {
  if (rowIndexed.has(x)) return true;
  if (x.sources === null) return false;
  for (const s of x.sources) if (!s.startsWith(PARAM_SOURCE)) return true;
  return false;
}

export interface PerSampleGrads {
  /** ∂fᵢ/∂φ for every row i and flattened parameter component k, at [i·K + k]. */
  readonly rows: Float64Array;
  readonly components: number;
}

/**
 * How the rows are pulled back through the parameter graph: 'rows' runs one small pass per sample row,
 * 'jacobian' one per boundary element (then a product). Choose from the run's definition (its block
 * size), never from the batch, so that the bits do not depend on the batch size.
 */
export type PullStrategy = 'rows' | 'jacobian';

/**
 * Per-sample gradients of s(φ) = Σᵢ fᵢ(φ) over `rows` samples, or null when the gradient is not separable
 * by rows (see the module comment). `f` returns the scalar s.
 */
export function perSampleGrad(
  f: (leaves: Tensor[]) => Tensor,
  leaves: readonly Tensor[],
  rows: number,
  pull: PullStrategy | ((boundaryElements: number) => PullStrategy),
): PerSampleGrads | null {
  const trace = enterTrace((l) => new ReverseTrace(l));
  let out: Tensor;
  let tracers: ReverseTracer[];
  try {
    tracers = leaves.map((x) => trace.leaf(x));
    out = f(tracers);
  } finally {
    exitTrace(trace);
  }
  const K = leaves.reduce((a, x) => a + x.size, 0);
  const root = out instanceof ReverseTracer && out.trace === trace ? out.node : null;
  if (root === null || out.size !== 1) return null;
  const tape = trace.tape;
  const rowwise = new Set<TapeNode>();
  for (const n of tape) {
    for (let j = 0; j < n.parents.length; j++) {
      const p = n.parents[j];
      if (p !== null && p !== undefined ? rowwise.has(p) : rowwiseConstant(n.lowered[j]!)) {
        rowwise.add(n);
        break;
      }
    }
  }
  if (!rowwise.has(root)) return null;
  return runRule(() => {
    const boundary = backwardRowwise(tape, root, rowwise, rows);
    if (boundary === null) return null;
    const paramNodes = tape.filter((n) => !rowwise.has(n));
    const leafNodes = tracers.map((t) => t.node);
    const result = new Float64Array(rows * K);
    const entries = [...boundary.entries()];
    const P = entries.reduce((a, [p]) => a + p.out.size, 0);
    const strategy = typeof pull === 'function' ? pull(P) : pull;
    if (strategy === 'rows') {
      for (let i = 0; i < rows; i++) {
        const seeds = entries.map(([p, per]): [TapeNode, Tensor] => {
          const s = p.out.size;
          return [p, new Tensor(per.data.slice(i * s, (i + 1) * s), p.out.shape)];
        });
        pullBack(paramNodes, leafNodes, seeds, result, i * K);
      }
    } else {
      // J[e, k] = ∂(boundary element e)/∂φ_k, kept sparse: a mean-field family's J has one entry per row.
      const jac: { readonly ks: Int32Array; readonly vs: Float64Array }[] = [];
      const dense = new Float64Array(K);
      for (const [p] of entries) {
        for (let j = 0; j < p.out.size; j++) {
          const d = new Float64Array(p.out.size);
          d[j] = 1;
          dense.fill(0);
          pullBack(paramNodes, leafNodes, [[p, new Tensor(d, p.out.shape)]], dense, 0);
          const ks: number[] = [];
          for (let k = 0; k < K; k++) if (dense[k] !== 0) ks.push(k);
          jac.push({ ks: Int32Array.from(ks), vs: Float64Array.from(ks, (k) => dense[k]!) });
        }
      }
      for (let i = 0; i < rows; i++) {
        let e = 0;
        for (const [p, per] of entries) {
          const s = p.out.size;
          for (let j = 0; j < s; j++, e++) {
            const t = per.data[i * s + j]!;
            const { ks, vs } = jac[e]!;
            for (let q = 0; q < ks.length; q++) result[i * K + ks[q]!]! += t * vs[q]!;
          }
        }
      }
    }
    return { rows: result, components: K };
  });
}

/**
 * The reverse pass over the row-wise part of the tape. At every row-wise → parameter-side edge the
 * cotangent is kept per row ([rows, ...shape of the parameter-side value]) instead of summed; null when an
 * edge is not a broadcast over the sample axis.
 */
function backwardRowwise(tape: readonly TapeNode[], root: TapeNode, rowwise: ReadonlySet<TapeNode>, rows: number): Map<TapeNode, Tensor> | null {
  for (const n of tape) n.ct = null;
  root.ct = new Tensor(new Float64Array([1]), root.out.shape);
  const boundary = new Map<TapeNode, Tensor>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    const g = node.ct;
    if (g === null || node.prim === null || !rowwise.has(node)) continue;
    node.ct = null;
    const needs = node.parents.map((p) => p !== null);
    const cts = node.prim.vjp(g, node.lowered, node.out, node.params, needs);
    for (let j = 0; j < node.parents.length; j++) {
      const p = node.parents[j];
      const c = cts[j];
      if (p === null || p === undefined || c === null || c === undefined) continue;
      if (rowwise.has(p)) {
        const cs = shapesEqual(c.shape, p.out.shape) ? c : sumToShape(c, p.out.shape);
        p.ct = p.ct === null ? cs : add(p.ct, cs);
        continue;
      }
      const per = perRow(c, p.out.shape, rows);
      if (per === null) return null;
      const prev = boundary.get(p);
      boundary.set(p, prev === undefined ? per : add(prev, per));
    }
  }
  return boundary;
}

/** c (a cotangent broadcast from `shape` over the sample axis) summed to [rows, ...shape], or null. */
function perRow(c: Tensor, shape: readonly number[], rows: number): Tensor | null {
  const lived = c instanceof Tracer ? null : c;
  if (lived === null || c.ndim === 0 || c.shape[0] !== rows) return null;
  if (c.ndim > shape.length) {
    const target = [rows, ...new Array<number>(c.ndim - shape.length - 1).fill(1), ...shape];
    return reshape(sumToShape(c, target), [rows, ...shape]);
  }
  if (c.ndim === shape.length && shape[0] === 1) {
    return reshape(sumToShape(c, [rows, ...shape.slice(1)]), [rows, ...shape]);
  }
  return null;
}

/** Pulls seed cotangents back through the parameter-side nodes; adds the leaves' cotangents at `out[at…]`. */
function pullBack(paramNodes: readonly TapeNode[], leafNodes: readonly TapeNode[], seeds: readonly [TapeNode, Tensor][], out: Float64Array, at: number): void {
  for (const n of paramNodes) n.ct = null;
  for (const n of leafNodes) n.ct = null;
  for (const [p, s] of seeds) p.ct = p.ct === null ? s : add(p.ct, s);
  for (let i = paramNodes.length - 1; i >= 0; i--) {
    const node = paramNodes[i]!;
    const g = node.ct;
    if (g === null || node.prim === null) continue;
    node.ct = null;
    pullThrough(node, g);
  }
  let k = at;
  for (const n of leafNodes) {
    const d = n.ct?.data;
    if (d !== undefined) for (let j = 0; j < n.out.size; j++) out[k + j]! += d[j]!;
    k += n.out.size;
  }
}
