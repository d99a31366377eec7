/**
 * dz/da and dz/db for z ~ Beta(a, b), by implicit reparameterization (Figurnov, Mohamed & Mnih, NeurIPS
 * 2018): dz/dθ = −(∂I_z(a, b)/∂θ)/q(z; a, b), with I the regularized incomplete beta function (the CDF).
 *
 * Method: Boik & Robison-Cox, "Derivatives of the incomplete beta function" (J. Statistical Software 3(1),
 * 1998): write I_x(p, q) = K·C with K = x^p (1−x)^q / (p B(p, q)) and C the continued fraction
 *
 *   C = 1/(1 + d_1/(1 + d_2/(1 + …))),  d_{2m+1} = −(p+m)(p+q+m)x / ((p+2m)(p+2m+1)),
 *                                        d_{2m}   = m(q−m)x / ((p+2m−1)(p+2m)),
 *
 * and differentiate the forward recurrence of its convergents in p and q alongside the values. The
 * density cancels analytically, I/q = x(1−x)·C/p, so neither tiny number is ever formed:
 *
 *   dz/da = −x(1−x)/a · (C·(log x + ψ(a+b) − ψ(a+1)) + ∂C/∂p),     (−1/a − ψ(a) = −ψ(a+1))
 *   dz/db = −x(1−x)/a · (C·(log(1−x) + ψ(a+b) − ψ(b)) + ∂C/∂q).
 *
 * The fraction converges fast for x < (a+1)/(a+b+2); above that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)
 * is used, with 1 − x computed exactly (x ≥ 1/2 there in the cases that matter). Cost grows like
 * √max(a, b) near the mode; ψ differences come from {@link digammaDifference}.
 */

import log1p from '@stdlib/math-base-special-log1p';
import { digammaDifference } from './digamma-difference.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

const EPS = Number.EPSILON;
const MAX_TERMS = 100_000;

// Scratch for the fraction: its two combined outputs, so the kernel allocates nothing.
const fraction = new Float64Array(2);

/**
 * Writes [dz/da, dz/db] for a Beta(a, b) sample z into `out` at `offset` (a new Float64Array(2) if not
 * given) and returns `out`. Kernel semantics: NaN for NaN input, a ≤ 0, b ≤ 0 or z ∉ [0, 1]; 0 at z = 0
 * and z = 1 (the limits, z log z → 0). Relative error below 1e-11 for a, b in 0.01 … 1000 (see the tests).
 *
 * For Dirichlet(α) the caller composes Gamma gradients instead (z_i = g_i / Σ g_j).
 *
 * @example
 * ```ts
 * betaSampleGrad(0.5, 2, 2);          // Float64Array [0.14771572685331…, -0.14771572685331…]  (by symmetry)
 * const out = new Float64Array(4);
 * betaSampleGrad(0.3, 1, 1, out, 2);  // out = [0, 0, 0.361191841297781, -0.24967246075711283]
 * betaSampleGrad(0, 0.5, 0.5);            // Float64Array [0, 0]
 * betaSampleGrad(1.5, 1, 1);              // Float64Array [NaN, NaN]
 * ```
 */
export function betaSampleGrad(
  z: number,
  a: number,
  b: number,
  out: Float64Array = new Float64Array(2),
  offset = 0,
): Float64Array {
  if (Number.isNaN(z) || !(a > 0) || !(b > 0) || !(z >= 0 && z <= 1)) {
    out[offset] = Number.NaN;
    out[offset + 1] = Number.NaN;
    return out;
  }
  if (z === 0 || z === 1) {
    out[offset] = 0;
    out[offset + 1] = 0;
    return out;
  }
  if (z < (a + 1) / (a + b + 2)) {
    const y = 1 - z;
    const la = dmath.log(z) + digammaShifted(a, b);
    const lb = log1p(-z) + digammaDifference(b, a);
    betaFraction(z, a, b, la, lb);
    const scale = (-z * y) / a;
    out[offset] = scale * fraction[0]!;
    out[offset + 1] = scale * fraction[1]!;
  } else {
    // I_z(a, b) = 1 − I_y(b, a): the fraction's first parameter is now b.
    const y = 1 - z;
    const lb = dmath.log(y) + digammaShifted(b, a);
    const la = dmath.log(z) + digammaDifference(a, b);
    betaFraction(y, b, a, lb, la);
    const scale = (z * y) / b;
    out[offset] = scale * fraction[1]!;
    out[offset + 1] = scale * fraction[0]!;
  }
  return out;
}

/**
 * ψ(p + q) − ψ(p + 1), which is −1/p + ψ(p + q) − ψ(p) without the two O(1/p) terms that cancel for small p.
 */
function digammaShifted(p: number, q: number): number {
  return q >= 1 ? digammaDifference(p + 1, q - 1) : -digammaDifference(p + q, 1 - q);
}

/**
 * Sets fraction = [C·lp + ∂C/∂p, C·lq + ∂C/∂q] for the continued fraction C(x; p, q) of the file comment.
 * Convergents A_n/B_n follow A_{n+1} = A_n + d_n A_{n−1} (same for B) from (A_0, B_0) = (0, 1),
 * (A_1, B_1) = (1, 1); the P and Q suffixes are derivatives in p and q. Everything is rescaled by 1/B each
 * step, so B stays 1 and the convergent is A.
 */
function betaFraction(x: number, p: number, q: number, lp: number, lq: number): void {
  let aPrev = 0;
  let bPrev = 1;
  let aPrevP = 0;
  let bPrevP = 0;
  let aPrevQ = 0;
  let bPrevQ = 0;
  let aCur = 1;
  let aCurP = 0;
  let bCurP = 0;
  let aCurQ = 0;
  let bCurQ = 0;
  let vp = Number.NaN;
  let vq = Number.NaN;
  for (let n = 1; n < MAX_TERMS; n++) {
    let d: number;
    let dP: number;
    let dQ: number;
    if (n % 2 === 1) {
      const m = (n - 1) / 2;
      const pm = p + m;
      const pqm = p + q + m;
      const p2m = p + 2 * m;
      d = (-pm * pqm * x) / (p2m * (p2m + 1));
      // ∂log d/∂p = 1/(p+m) − 1/(p+2m) + 1/(p+q+m) − 1/(p+2m+1), the first pair written without
      // cancellation (and exactly 0 at m = 0, where p·p may underflow).
      const pair = m === 0 ? 0 : m / (pm * p2m);
      dP = d * (pair + 1 / pqm - 1 / (p2m + 1));
      dQ = d / pqm;
    } else {
      const m = n / 2;
      const den = (p + 2 * m - 1) * (p + 2 * m);
      d = (m * (q - m) * x) / den;
      dP = -d * (1 / (p + 2 * m - 1) + 1 / (p + 2 * m));
      dQ = (m * x) / den; // not d/(q − m): exact also when q is the integer m
    }
    const aNext = aCur + d * aPrev;
    const bNext = 1 + d * bPrev;
    const aNextP = aCurP + d * aPrevP + dP * aPrev;
    const bNextP = bCurP + d * bPrevP + dP * bPrev;
    const aNextQ = aCurQ + d * aPrevQ + dQ * aPrev;
    const bNextQ = bCurQ + d * bPrevQ + dQ * bPrev;
    const s = 1 / bNext;
    aPrev = aCur * s;
    bPrev = s;
    aPrevP = aCurP * s;
    bPrevP = bCurP * s;
    aPrevQ = aCurQ * s;
    bPrevQ = bCurQ * s;
    aCur = aNext * s;
    aCurP = aNextP * s;
    bCurP = bNextP * s;
    aCurQ = aNextQ * s;
    bCurQ = bNextQ * s;
    // With B = 1: C = A, ∂C = ∂A − C·∂B.
    const c = aCur;
    const nextVp = c * lp + (aCurP - c * bCurP);
    const nextVq = c * lq + (aCurQ - c * bCurQ);
    const done = Math.abs(nextVp - vp) <= EPS * Math.abs(nextVp) && Math.abs(nextVq - vq) <= EPS * Math.abs(nextVq);
    vp = nextVp;
    vq = nextVq;
    if (done) break;
  }
  fraction[0] = vp;
  fraction[1] = vq;
}
