/**
 * Gauss–Legendre rules on [−1, 1], computed once at module load. The von Mises gradient integrates smooth,
 * non-oscillating functions on a few fixed panels, where an n-point rule is exact for polynomials of degree
 * 2n − 1 and converges geometrically for analytic integrands.
 */
import * as dmath from '../../ad/kernels/scalar-math.js';

/** Nodes and weights of an n-point rule on [−1, 1]. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The n-point Gauss–Legendre rule: nodes are the roots of the Legendre polynomial P_n, found by Newton's
 * method from the asymptotic guesses cos(π(i + 3/4)/(n + 1/2)); weights 2/((1 − x²) P_n'(x)²).
 *
 * @example
 * ```ts
 * const { nodes, weights } = gaussLegendre(3);
 * // nodes ≈ [0.7745966692, 0, -0.7745966692], weights ≈ [5/9, 8/9, 5/9]
 * let s = 0;
 * for (let i = 0; i < 3; i++) s += weights[i]! * nodes[i]! ** 4;   // 2/5, exact up to degree 5
 * ```
 */
export function gaussLegendre(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = dmath.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // P_n(x) and P_{n−1}(x) by the three-term recurrence.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}
