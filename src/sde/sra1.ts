/**
 * SRA1, the two-stage stochastic Runge–Kutta method of A. Rößler, "Runge–Kutta methods for the strong
 * approximation of solutions of stochastic differential equations", SIAM J. Numer. Anal. 48(3), 2010,
 * for additive noise (σ = σ(t), any Brownian dimension m). Strong order 1.5, weak order 2. Tableau:
 * c⁰ = (0, ¾), A⁰₂₁ = ¾, B⁰₂₁ = 3/2, α = (⅓, ⅔), c¹ = (1, 0), β¹ = (1, 0), β² = (−1, 1):
 *
 *   H₂ = X_n + ¾ b(t_n, X_n) h + (3/2) σ(t_n + h)·I₁₀/h
 *   X_{n+1} = X_n + h (⅓ b(t_n, X_n) + ⅔ b(t_n + ¾h, H₂)) + σ(t_n + h)·(ΔW − I₁₀/h) + σ(t_n)·I₁₀/h
 *
 * with I₁₀ = ∫ (W(s) − W(t_n)) ds over the step. Expanding matches the order-1.5 Itô–Taylor scheme for
 * additive noise: b'σ I₁₀, σ' (hΔW − I₁₀) and ¼ b''σ² h² (using E I₁₀² = h³/3).
 */
import { add, div, mul, sub } from '../ad/ops/index.js';
import { toTensor } from '../tensor/create.js';
import { noiseProduct } from './noise-product.js';
import type { Scheme } from './scheme.js';

/**
 * Rößler's SRA1: strong order 3/2, weak order 2, for additive noise.
 * @example [sra1.strongOrder, sra1.weakOrder, sra1.noise]   // [1.5, 2, ['additive']]
 */
export const sra1: Scheme = {
  name: 'sra1',
  strongOrder: 1.5,
  weakOrder: 2,
  noise: ['additive'],
  needsLevyArea: true,
  step(sys, t, h, x, p, { dW, i10 }) {
    const area = div(i10!, h);
    const gEnd = toTensor(sys.diffusion(t + h, x, p), 'sde diffusion');
    const gStart = toTensor(sys.diffusion(t, x, p), 'sde diffusion');
    const b1 = toTensor(sys.drift(t, x, p), 'sde drift');
    const h2 = add(add(x, mul(b1, 0.75 * h)), mul(noiseProduct(sys.noise, gEnd, area, sys.d), 1.5));
    const b2 = toTensor(sys.drift(t + 0.75 * h, h2, p), 'sde drift');
    const driftPart = add(mul(b1, h / 3), mul(b2, (2 * h) / 3));
    const noisePart = add(noiseProduct(sys.noise, gEnd, sub(dW, area), sys.d), noiseProduct(sys.noise, gStart, area, sys.d));
    return add(add(x, driftPart), noisePart);
  },
};
