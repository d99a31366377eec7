/**
 * The engine. Each active transformation (a reverse-mode `grad`/`vjp` or a forward-mode `jvp`) is a
 * Trace with a level; a value under a transformation is a Tracer of that trace wrapping its primal, a
 * value of the level below. Applying a primitive dispatches to the highest-level trace among its inputs,
 * which computes the primal one level down (recursively) and records what its mode needs: a tape node
 * (reverse) or a tangent (forward). Because derivative rules are themselves written with ops, the
 * backward pass of an inner transformation is traced by the outer ones: grad(grad(f)), jvp(grad(f)) and
 * grad(jvp(f)) all work (Siskind & Pearlmutter's perturbation confusion is avoided by the levels).
 * The design follows JAX's tracing interpreters, applied eagerly to batched float64 tensors.
 */
import { Tensor } from '../tensor/tensor.js';
import { checkOutput, debugEnabled } from './debug.js';
import type { Primitive } from './primitive.js';
import { recordEvent, trackingSuspended, unionSources, untracked } from './tracking.js';

export abstract class Trace {
  active = true;
  constructor(readonly level: number) {}
  abstract process<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor;
}

export class Tracer extends Tensor {
  constructor(
    readonly trace: Trace,
    readonly primal: Tensor,
  ) {
    super(primal.data, primal.shape);
  }
}

const stack: Trace[] = [];

/** Pushes a new trace of the given kind at the next level; pair with `exitTrace`. */
export function enterTrace<T extends Trace>(make: (level: number) => T): T {
  const t = make(stack.length + 1);
  stack.push(t);
  return t;
}

export function exitTrace(t: Trace): void {
  t.active = false;
  const i = stack.lastIndexOf(t);
  if (i >= 0) stack.splice(i, 1);
}

/** Peels tracers of finished transformations (values that leaked out of a grad/jvp). */
export function live(x: Tensor): Tensor {
  while (x instanceof Tracer && !x.trace.active) x = x.primal;
  return x;
}

/** The innermost concrete tensor under all tracers. */
export function concrete(x: Tensor): Tensor {
  while (x instanceof Tracer) x = x.primal;
  return x;
}

function runKernel<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
  const out = prim.impl(inputs, params);
  if (debugEnabled()) checkOutput(prim.name, inputs, out);
  return out;
}

/** Applies `prim` below the tracking layer (used by traces to compute primals one level down). */
export function bindInner<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
  let top: Trace | null = null;
  let liveInputs: Tensor[] | null = null;
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i]!;
    const l = live(x);
    if (l !== x) (liveInputs ??= [...inputs])[i] = l;
    if (l instanceof Tracer && (top === null || l.trace.level > top.level)) top = l.trace;
  }
  const args = liveInputs ?? inputs;
  return top === null ? runKernel(prim, args, params) : top.process(prim, args, params);
}

/**
 * Applies a primitive: the entry point of every op. Propagates random-source names and records a
 * discontinuity event when a discontinuous primitive consumes a sampled value.
 */
export function bind<P>(prim: Primitive<P>, inputs: readonly Tensor[], params: P): Tensor {
  if (trackingSuspended()) return bindInner(prim, inputs, params);
  const sources = unionSources(inputs);
  if (sources !== null && prim.smoothness === 'discontinuous') recordEvent(prim.name, sources);
  const out = bindInner(prim, inputs, params);
  if (sources !== null) out.sources = sources;
  return out;
}

/** Runs a derivative rule: its ops are bookkeeping, not the user's computation, so they are untracked. */
export function runRule<T>(fn: () => T): T {
  return untracked(fn);
}

