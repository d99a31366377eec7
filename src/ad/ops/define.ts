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
  const impl = typeof loop === 'function'
    ? loop
    : 'unary' in loop
      ? ([x]: readonly Tensor[]) => mapUnary(loop.unary, x!)
      : ([a, b]: readonly Tensor[]) => mapBinary(loop.binary, a!, b!, name);
  return definePrimitive({
    name,
    smoothness,
    elementwise: typeof loop === 'function' ? {} : loop,
    impl,
    vjp: (g, inputs, out, _p, needs) =>
      partials.map((d, i) => (needs[i] && d !== null ? scale(g, d(inputs, out)) : null)),
    jvp: (tangents, inputs, out) => {
      let acc: Tensor | null = null;
      for (let i = 0; i < partials.length; i++) {
        const t = tangents[i];
        const d = partials[i];
        if (t === null || t === undefined || d === null || d === undefined) continue;
        const term = scale(t, d(inputs, out));
        acc = acc === null ? term : add(acc, term);
      }
      return acc;
    },
  });
}

/** Defines a primitive whose derivative is zero everywhere it exists (comparisons, floor, sign). */
export function piecewiseConstant(name: string, arity: number, loop: ElementwiseLoop): Primitive {
  return elementwise(name, 'discontinuous', loop, new Array<Partial>(arity).fill(null));
}
