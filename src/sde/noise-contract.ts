/**
 * The contraction (σ·w)_{p,i} = Σ_j σ_{p,i,j} w_{p,j} of a diffusion [paths, d, m] with a per-path
 * weight [paths, m] (a Brownian increment), as a primitive with its own kernel. Composed from ops it is
 * a broadcast multiply whose innermost rows have length m (2 for Heston) followed by a reduction: two
 * passes and a per-row loop. Here it is one pass.
 *
 * The weight is a parameter of the primitive, not an input: it is sampled noise, never differentiated.
 * The op is linear in σ, so its derivative rules are the op itself and its transpose, the outer product
 * c_{p,i} w_{p,j}, and each is the other's derivative: derivatives of any order compose.
 */
import { Tensor } from '../tensor/tensor.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import { bind } from '../ad/trace.js';
import { refusePlaceholder } from './fused-step.js';

/** out[p,i] = Σ_j g[p·gStride + i·m + j]·w[p·m + j]; gStride 0 shares one σ among all paths. */
function contractKernel(g: Float64Array, w: Float64Array, paths: number, d: number, m: number, gStride: number): Float64Array {
  const out = alloc(paths * d);
  if (m === 1) {
    for (let p = 0, o = 0; p < paths; p++) {
      const wp = w[p]!;
      for (let i = 0, gi = p * gStride; i < d; i++, gi++, o++) out[o] = g[gi]! * wp;
    }
    return out;
  }
  if (m === 2) {
    for (let p = 0, o = 0; p < paths; p++) {
      const w0 = w[2 * p]!, w1 = w[2 * p + 1]!;
      for (let i = 0, gi = p * gStride; i < d; i++, gi += 2, o++) out[o] = g[gi]! * w0 + g[gi + 1]! * w1;
    }
    return out;
  }
  for (let p = 0, o = 0; p < paths; p++) {
    const wo = p * m;
    for (let i = 0, gi = p * gStride; i < d; i++, o++) {
      let s = 0;
      for (let j = 0; j < m; j++, gi++) s += g[gi]! * w[wo + j]!;
      out[o] = s;
    }
  }
  return out;
}

interface Weight {
  readonly w: Float64Array;
  readonly paths: number;
  readonly m: number;
  /** The weight as a tensor, for a fused step (fused-step.ts) whose recording computes it. */
  readonly weight?: Tensor;
}

/** σ [paths, d, m] (or any shape of size d·m, shared by all paths) contracted with w → [paths, d]. */
const contractP: Primitive<Weight> = definePrimitive<Weight>({
  name: 'sde.noiseContract',
  smoothness: 'smooth',
  impl: ([g], { w, paths, m }) => {
    refusePlaceholder(w);
    const shared = g!.ndim < 3;  // one σ of size d·m for every path
    const d = shared ? g!.size / m : g!.size / (paths * m);
    return new Tensor(contractKernel(g!.data, w, paths, d, m, shared ? 0 : d * m), [paths, d]);
  },
  vjp: (c, _inputs, _out, params) => [bind(outerP, [c], params)],
  jvp: ([t], _inputs, _out, params) => (t === null || t === undefined ? null : bind(contractP, [t], params)),
});

/** The transpose: c [paths, d] → c_{p,i} w_{p,j} [paths, d, m]. */
const outerP: Primitive<Weight> = definePrimitive<Weight>({
  name: 'sde.noiseOuter',
  smoothness: 'smooth',
  impl: ([c], { w, paths, m }) => {
    refusePlaceholder(w);
    const cd = c!.data;
    const d = cd.length / paths;
    const out = alloc(paths * d * m);
    for (let p = 0; p < paths; p++) {
      for (let i = 0; i < d; i++) {
        const ci = cd[p * d + i]!;
        for (let j = 0; j < m; j++) out[(p * d + i) * m + j] = ci * w[p * m + j]!;
      }
    }
    return new Tensor(out, [paths, d, m]);
  },
  vjp: (g, _inputs, _out, params) => [bind(contractP, [g], params)],
  jvp: ([t], _inputs, _out, params) => (t === null || t === undefined ? null : bind(outerP, [t], params)),
});

/**
 * Σ_j σ_{p,i,j} w_{p,j} for σ of shape [paths, d, m] or of size d·m (shared by every path); w is a
 * concrete [paths, m] tensor.
 * @example
 * noiseContract(tensor([[[1, 2], [3, 4]]]), tensor([[1, 10]])).toArray();   // [[21, 43]]
 */
export function noiseContract(g: Tensor, w: Tensor): Tensor {
  const [paths, m] = w.shape as [number, number];
  const out = bind(contractP, [g], { w: w.data, paths, m, weight: w });
  // w is a parameter, not an input, so the engine cannot see that the result depends on the noise:
  // carry its random-source names along, for the discontinuity tracking downstream.
  if (w.sources !== null) out.sources = g.sources === null ? w.sources : new Set([...g.sources, ...w.sources]);
  return out;
}
