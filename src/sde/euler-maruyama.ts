/**
 * Euler–Maruyama: X_{n+1} = X_n + b(t_n, X_n) h + σ(t_n, X_n) ΔW_n (Maruyama, "Continuous Markov
 * processes and stochastic equations", Rend. Circ. Mat. Palermo 4, 1955; orders in Kloeden & Platen,
 * "Numerical Solution of Stochastic Differential Equations", Springer 1992, §10.2 and §14.1).
 * Strong order 0.5 in general (1.0 for additive noise), weak order 1; every noise type.
 */
import { add, mul } from '../ad/ops/index.js';
import { toTensor } from '../tensor/create.js';
import { noiseProduct } from './noise-product.js';
import type { Scheme } from './scheme.js';

/**
 * Euler–Maruyama: strong order 1/2, weak order 1, every noise type.
 * @example [eulerMaruyama.strongOrder, eulerMaruyama.weakOrder]   // [0.5, 1]
 */
export const eulerMaruyama: Scheme = {
  name: 'euler',
  strongOrder: 0.5,
  weakOrder: 1,
  noise: ['scalar', 'diagonal', 'additive', 'general'],
  needsLevyArea: false,
  step(sys, t, h, x, p, { dW }) {
    const b = toTensor(sys.drift(t, x, p), 'sde drift');
    const g = toTensor(sys.diffusion(t, x, p), 'sde diffusion');
    return add(add(x, mul(b, h)), noiseProduct(sys.noise, g, dW, sys.d));
  },
};
