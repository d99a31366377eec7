/**
 * A primitive is the unit of differentiation: one definition holds its forward kernel, its
 * vector–Jacobian product (reverse mode), its Jacobian–vector product (forward mode) and its smoothness.
 * The rules are written with the differentiable ops themselves, so derivatives of any order compose.
 * The engine (trace.ts) never special-cases a primitive by name.
 */
import type { Tensor } from '../tensor/tensor.js';
import type { BinaryKernel, UnaryKernel } from './kernels/elementwise.js';

/**
 * `smooth`: differentiable everywhere on its domain. `kinked`: continuous, not differentiable at isolated
 * points (abs, relu, maximum): pathwise gradients stay unbiased. `discontinuous`: jumps (step, comparisons,
 * floor, sign): a pathwise gradient through it is biased, so consuming a sampled value is recorded.
 */
export type Smoothness = 'smooth' | 'kinked' | 'discontinuous';

/**
 * Marks an elementwise primitive (output element i depends on input element i only, inputs broadcast),
 * which `fuse` may run tile by tile. Its expression is inlined into a generated loop; else its loop runs on
 * tile buffers; otherwise the fused kernel calls `impl` on tile-sized tensors.
 */
export interface ElementwiseKernel {
  readonly unary?: UnaryKernel;
  readonly binary?: BinaryKernel;
  /**
   * The loop's body as a JavaScript expression of its operands' names (plain identifiers), computing
   * exactly what the loop computes per element; `fuse` inlines it into generated tile loops.
   */
  readonly expr?: (...operands: string[]) => string;
}

export interface Primitive<P = undefined> {
  readonly name: string;
  readonly smoothness: Smoothness;
  /** Present on elementwise primitives only (see ElementwiseKernel). */
  readonly elementwise?: ElementwiseKernel;
  /** Forward kernel on concrete tensors; must return a new Tensor object (it may share input data). */
  impl(inputs: readonly Tensor[], params: P): Tensor;
  /**
   * Cotangents of the inputs given the output cotangent `g` (shaped like `out`). The engine sums a
   * cotangent down to its input's shape when the op broadcast it. `needs[i]` false: input i needs none
   * (return null to skip the work); null also means a symbolic zero.
   */
  vjp(g: Tensor, inputs: readonly Tensor[], out: Tensor, params: P, needs: readonly boolean[]): readonly (Tensor | null)[];
  /** Tangent of the output; `tangents[i]` null is a symbolic zero. Return null for a zero tangent. */
  jvp(tangents: readonly (Tensor | null)[], inputs: readonly Tensor[], out: Tensor, params: P): Tensor | null;
  /**
   * Optional: the tangents of several lanes at once (one list of input tangents per lane), so that work
   * shared by the lanes (an elementwise op's partial derivatives) is done once. Same values as `jvp`.
   */
  jvpLanes?(lanes: readonly (readonly (Tensor | null)[])[], inputs: readonly Tensor[], out: Tensor, params: P): (Tensor | null)[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPrimitive = Primitive<any>;

const registry = new Map<string, AnyPrimitive>();

/** Registers a primitive under its unique name. */
export function definePrimitive<P = undefined>(p: Primitive<P>): Primitive<P> {
  if (registry.has(p.name)) throw new Error(`definePrimitive: primitive '${p.name}' is defined twice`);
  registry.set(p.name, p as AnyPrimitive);
  return p;
}

/**
 * Every registered primitive, by name (used by the table-driven gradient tests).
 * @example primitives().get('step')?.smoothness   // 'discontinuous'
 */
export function primitives(): ReadonlyMap<string, AnyPrimitive> {
  return registry;
}
