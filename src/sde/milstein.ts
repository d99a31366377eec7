/**
 * Milstein's scheme (G. N. Mil'shtein, "Approximate integration of stochastic differential equations",
 * Theory Probab. Appl. 19, 1975; Kloeden & Platen 1992, §10.3), for scalar and diagonal noise:
 *
 *   X_{n+1} = X_n + b h + σ ΔW + ½ L (ΔW² − h),   L_i = Σ_j σ_j ∂σ_i/∂x_j,
 *
 * where for diagonal noise σ_i depends on x_i only (so L_i = σ_i ∂σ_i/∂x_i) and ΔW is per component, and
 * for scalar noise ΔW is one increment shared by all components. L is the directional derivative of σ
 * along σ: one forward-mode JVP of the user's diffusion, so no derivative is written by hand. Strong
 * order 1.0, weak order 1. General noise would need the Lévy areas I_(j,k), j ≠ k: not supported.
 */
import { add, broadcastTo, mul, square, sub } from '../ad/ops/index.js';
import { jvp } from '../ad/transforms.js';
import { toTensor } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Scheme } from './scheme.js';

/**
 * Milstein: strong order 1 for scalar and diagonal noise (the Itô correction ½ g g′ per component).
 * @example milstein.noise   // ['scalar', 'diagonal']
 */
export const milstein: Scheme = {
  name: 'milstein',
  strongOrder: 1,
  weakOrder: 1,
  noise: ['scalar', 'diagonal'],
  needsLevyArea: false,
  step(sys, t, h, x, p, { dW }) {
    const b = toTensor(sys.drift(t, x, p), 'sde drift');
    const g = broadcastTo(toTensor(sys.diffusion(t, x, p), 'sde diffusion'), x.shape);
    const [, l] = jvp((y: Tensor) => broadcastTo(toTensor(sys.diffusion(t, y, p)), y.shape), x, g);
    const correction = mul(mul(l, 0.5), sub(square(dW), h));
    return add(add(add(x, mul(b, h)), mul(g, dW)), correction);
  },
};
