/**
 * checkGrads: verifies a function's derivatives the way JAX's check_grads does.
 * - forward mode: the JVP along seeded random tangents against central differences
 *   (f(x + εv) − f(x − εv)) / 2ε;
 * - reverse mode: the VJP by the dot-product identity ⟨c, J v⟩ = ⟨Jᵀ c, v⟩ for a random cotangent c;
 * - order 2: the same checks applied to the JVP and to the VJP as functions of x, which exercises
 *   forward-over-forward, forward-over-reverse, reverse-over-forward and reverse-over-reverse.
 */
import { PathwiseError, show } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { jvp, vjp } from '../ad/transforms.js';
import { add, mul } from '../ad/ops/arithmetic.js';
import { sum } from '../ad/ops/reduce.js';

export interface CheckGradsOptions {
  /** Highest derivative order to check (1 or 2). Default 2. */
  order?: 1 | 2;
  /** Modes to check. Default both. */
  modes?: readonly ('fwd' | 'rev')[];
  /** Finite-difference step. Default 1e-5 (float64 central differences). */
  eps?: number;
  /** Tolerance, absolute and relative. Default 1e-5. */
  tol?: number;
  /** Seed of the random directions. Default 0. */
  seed?: number;
  /** Name used in error messages. */
  name?: string;
}

/**
 * The error checkGrads throws; its message gives the check, the values and the tolerance.
 * @example new GradCheckError('f: gradient 2 vs finite difference 3') instanceof PathwiseError   // true
 */
export class GradCheckError extends PathwiseError {
  override name = 'GradCheckError';
}

type Fn = (...args: Tensor[]) => Tensor;

/** SplitMix64-style 32-bit mixing: deterministic directions without depending on the library's RNG. */
function directions(seed: number): () => number {
  let s = (seed * 0x9e3779b9 + 0x7f4a7c15) >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296 - 0.5;
  };
}

function randomLike(x: Tensor, rnd: () => number): Tensor {
  const d = new Float64Array(x.size);
  for (let i = 0; i < d.length; i++) d[i] = 2 * rnd();
  return new Tensor(d, x.shape);
}

function axpy(x: Tensor, a: number, v: Tensor): Tensor {
  const d = new Float64Array(x.size);
  for (let i = 0; i < d.length; i++) d[i] = x.data[i]! + a * v.data[i]!;
  return new Tensor(d, x.shape);
}

function dot(a: Tensor, b: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i]! * b.data[i]!;
  return s;
}

function assertClose(what: string, got: Tensor, want: Tensor, tol: number, name: string): void {
  for (let i = 0; i < want.size; i++) {
    const g = got.data[i]!, w = want.data[i]!;
    const err = Math.abs(g - w);
    if (!(err <= tol * (1 + Math.max(Math.abs(g), Math.abs(w))))) {
      throw new GradCheckError(`${name}: ${what} mismatch at index ${i}: got ${show(g)}, expected ${show(w)} (|diff| ${err.toExponential(2)} > tol ${tol} relative)`);
    }
  }
}

function checkJvp(f: Fn, args: Tensor[], eps: number, tol: number, rnd: () => number, name: string): void {
  const ts = args.map((a) => randomLike(a, rnd));
  const [, tOut] = jvp((xs: Tensor[]) => f(...xs), args, ts);
  const plus = f(...args.map((a, i) => axpy(a, eps, ts[i]!)));
  const minus = f(...args.map((a, i) => axpy(a, -eps, ts[i]!)));
  const d = new Float64Array(plus.size);
  for (let i = 0; i < d.length; i++) d[i] = (plus.data[i]! - minus.data[i]!) / (2 * eps);
  assertClose('JVP vs central differences', toTensor(tOut as Tensor), new Tensor(d, plus.shape), tol, name);
}

function checkVjp(f: Fn, args: Tensor[], tol: number, rnd: () => number, name: string): void {
  const ts = args.map((a) => randomLike(a, rnd));
  const [y, back] = vjp((xs: Tensor[]) => f(...xs), args);
  const c = randomLike(y, rnd);
  const cts = back(c) as Tensor[];
  const [, tOut] = jvp((xs: Tensor[]) => f(...xs), args, ts);
  const lhs = dot(c, tOut as Tensor);
  const rhs = cts.reduce((s, ct, i) => s + dot(ct, ts[i]!), 0);
  if (!(Math.abs(lhs - rhs) <= tol * (1 + Math.max(Math.abs(lhs), Math.abs(rhs))))) {
    throw new GradCheckError(`${name}: VJP fails the dot-product identity: <c, J v> = ${show(lhs)} but <J^T c, v> = ${show(rhs)} (tol ${tol})`);
  }
}

/**
 * Checks the derivatives of `f` at `args` to the given order in forward and reverse mode; throws
 * GradCheckError on the first mismatch. `f` may return any shape.
 * @example
 * checkGrads((x) => mul(sin(x), exp(x)), [tensor([0.3, 1.2])], { order: 2 });   // passes silently
 */
export function checkGrads(f: (...args: Tensor[]) => TensorLike, args: readonly TensorLike[], options: CheckGradsOptions = {}): void {
  const { order = 2, modes = ['fwd', 'rev'], eps = 1e-5, tol = 1e-5, seed = 0, name = 'checkGrads' } = options;
  const rnd = directions(seed);
  const xs = args.map((a) => toTensor(a, 'checkGrads'));
  const g: Fn = (...a) => toTensor(f(...a), 'checkGrads');
  if (modes.includes('fwd')) checkJvp(g, xs, eps, tol, rnd, name);
  if (modes.includes('rev')) checkVjp(g, xs, tol, rnd, name);
  if (order < 2) return;
  // Second order: the directional derivative and the pulled-back cotangent, as functions of x.
  const vs = xs.map((x) => randomLike(x, rnd));
  const y = g(...xs);
  const c = randomLike(y, rnd);
  const jvpFn: Fn = (...a) => jvp((z: Tensor[]) => g(...z), a, vs)[1] as Tensor;
  const vjpFn: Fn = (...a) => {
    const cts = vjp((z: Tensor[]) => g(...z), a)[1](c) as Tensor[];
    // Contract with fixed random weights so that the result is one tensor of a fixed size.
    return cts.reduce<Tensor>((s, ct, i) => add(s, sum(mul(ct, vs[i]!))), toTensor(0));
  };
  const sub = { ...options, order: 1 as const, seed: seed + 1 };
  checkGrads(jvpFn, xs, { ...sub, name: `${name} (order 2, JVP)` });
  checkGrads(vjpFn, xs, { ...sub, name: `${name} (order 2, VJP)` });
}
