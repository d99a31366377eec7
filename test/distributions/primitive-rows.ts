/**
 * Rows for the primitive table (test/ad/primitives.test.ts) for the primitives that src/distributions
 * registers. The implicit-reparameterization rows recompute z = F⁻¹(u; θ) at fixed uniforms from the
 * concrete parameters (bisection on an accurate cdf), so that central differences see dz/dθ (first order).
 */
import betainc from '@stdlib/math-base-special-betainc';
import { tensor } from '../../src/tensor/create.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { concrete } from '../../src/ad/trace.js';
import { betaSample } from '../../src/distributions/implicit-beta-sample.js';
import { vonMisesSample } from '../../src/distributions/implicit-sample.js';
import { gaussLegendre } from '../../src/distributions/implicit/gauss-legendre.js';

const U = [0.05, 0.4, 0.93];

/** The root of the increasing function g on [lo, hi], by bisection to adjacent doubles. */
function bisect(g: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** betaSample at z = I⁻¹(u; a, b). */
export function betaAt(a: Tensor, b: Tensor): Tensor {
  const ad = concrete(a).data;
  const bd = concrete(b).data;
  const z = tensor(U.map((u, i) => bisect((x) => betainc(x, ad[i]!, bd[i]!) - u, 0, 1)));
  return betaSample(a, b, z, z.shape);
}

const GL = gaussLegendre(20);
const PANELS = 32;

/** ∫_{lo}^{hi} e^{κ(cos t − 1)} dt by composite 20-point Gauss–Legendre (exact to rounding for κ ≲ 50). */
function vonMisesMass(kappa: number, lo: number, hi: number): number {
  const h = (hi - lo) / PANELS;
  let s = 0;
  for (let p = 0; p < PANELS; p++) {
    const mid = lo + (p + 0.5) * h;
    for (let j = 0; j < GL.nodes.length; j++) s += GL.weights[j]! * Math.exp(kappa * (Math.cos(mid + 0.5 * h * GL.nodes[j]!) - 1));
  }
  return 0.5 * h * s;
}

/** vonMisesSample at ξ = F⁻¹(u; κ) of vonMises(0, κ). */
export function vonMisesAt(kappa: Tensor): Tensor {
  const kd = concrete(kappa).data;
  const xi = tensor(U.map((u, i) => {
    const k = kd[i]!;
    const total = vonMisesMass(k, -Math.PI, Math.PI);
    return bisect((x) => vonMisesMass(k, -Math.PI, x) / total - u, -Math.PI, Math.PI);
  }));
  return vonMisesSample(kappa, xi, xi.shape);
}
