/**
 * Helpers for the common shapes of derivative rules (as JAX's defjvp family): an elementwise op declares,
 * per input, its partial derivative ∂out/∂input as a function of the inputs and the output; the VJP
 * (g · ∂) and the JVP (Σ t_i · ∂_i) both follow from that one definition. A partial that is exactly 1 or
 * −1 is given as a number so that no multiply is spent on it; a null partial is a symbolic zero.
 */
import { definePrimitive, type Primitive, type Smoothness } from '../primitive.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mapBinary, mapUnary, type BinaryKernel, type UnaryKernel } from '../kernels/elementwise.js';
import { add, mul, neg } from './arithmetic.js';
import * as dmath from '../kernels/scalar-math.js';

export type Partial = ((inputs: readonly Tensor[], out: Tensor) => Tensor | number) | null;

function scale(t: Tensor, d: Tensor | number): Tensor {
  if (d === 1) return t;
  if (d === -1) return neg(t);
  return mul(t, d);
}

/** The loop of an elementwise primitive: one input, or two with broadcasting. */
export type ElementwiseLoop =
  | { readonly unary: UnaryKernel; readonly expr?: (x: string) => string }
  | { readonly binary: BinaryKernel; readonly expr?: (a: string, b: string) => string };

/**
 * Defines an elementwise primitive from its loop (or a whole-tensor kernel) and its partial derivatives.
 * A loop runs both on whole tensors (eagerly) and on tiles (inside `fuse`), so both give the same bits;
 * a whole-tensor kernel is called on tile-sized tensors by `fuse`.
 */
export function elementwise(
  name: string,
  smoothness: Smoothness,
  loop: ElementwiseLoop | ((inputs: readonly Tensor[]) => Tensor),
  partials: readonly Partial[],
): Primitive {
  let impl: (inputs: readonly Tensor[]) => Tensor;
  if (typeof loop === 'function') impl = loop;
  else if ('unary' in loop) impl = ([x]) => mapUnary(loop.unary, x!);
  else {
    const binary = (loop.expr && specialize(loop.expr)) || loop.binary;
    impl = ([a, b]) => mapBinary(binary, a!, b!, name);
  }
  return definePrimitive({
    name,
    smoothness,
    elementwise: typeof loop === 'function' ? {} : loop,
    impl,
    vjp: (g, inputs, out, _p, needs) =>
      partials.map((d, i) => (needs[i] && d !== null ? scale(g, d(inputs, out)) : null)),
    jvp: (tangents, inputs, out) => jvpLanes([tangents], inputs, out)[0]!,
    jvpLanes: (lanes, inputs, out) => jvpLanes(lanes, inputs, out),
  });

  // Each partial is computed once, on first need, and shared by every lane.
  function jvpLanes(lanes: readonly (readonly (Tensor | null)[])[], inputs: readonly Tensor[], out: Tensor): (Tensor | null)[] {
    const ds: (Tensor | number | undefined)[] = [];
    return lanes.map((tangents) => {
      let acc: Tensor | null = null;
      for (let i = 0; i < partials.length; i++) {
        const t = tangents[i];
        const d = partials[i];
        if (t === null || t === undefined || d === null || d === undefined) continue;
        const term = scale(t, (ds[i] ??= d(inputs, out)));
        acc = acc === null ? term : add(acc, term);
      }
      return acc;
    });
  }
}

/**
 * The binary loop generated from its expression with one loop per operand pattern (both contiguous, one
 * a scalar): the general strided loop keeps V8 from hoisting the scalar and costs about twice as much
 * per element. Same operation per element, so the same bits. Null where generated code is refused.
 */
function specialize(expr: (a: string, b: string) => string): BinaryKernel | null {
  const e = expr('x', 'y');
  try {
    // The expression may call the engine-independent scalar functions as dmath.f(…) (pow).
    return new Function('dmath', `return function (a, ai, as, b, bi, bs, o, oi, n) {
if (as === 1 && bs === 1) { for (let i = 0; i < n; i++) { const x = a[ai + i], y = b[bi + i]; o[oi + i] = ${e}; } return; }
if (as === 1 && bs === 0) { const y = b[bi]; for (let i = 0; i < n; i++) { const x = a[ai + i]; o[oi + i] = ${e}; } return; }
if (as === 0 && bs === 1) { const x = a[ai]; for (let i = 0; i < n; i++) { const y = b[bi + i]; o[oi + i] = ${e}; } return; }
for (let i = 0; i < n; i++, ai += as, bi += bs) { const x = a[ai], y = b[bi]; o[oi + i] = ${e}; }
};`)(dmath) as BinaryKernel;
  } catch {
    return null;
  }
}

/** Defines a primitive whose derivative is zero everywhere it exists (comparisons, floor, sign). */
export function piecewiseConstant(name: string, arity: number, loop: ElementwiseLoop): Primitive {
  return elementwise(name, 'discontinuous', loop, new Array<Partial>(arity).fill(null));
}
