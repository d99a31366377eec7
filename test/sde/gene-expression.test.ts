/**
 * Stochastic gene expression: the chemical Langevin equation (Gillespie, "The chemical Langevin
 * equation", J. Chem. Phys. 113, 2000) for mRNA m and protein p with reactions
 * ∅ → m (rate k_m), m → ∅ (γ_m m), m → m + p (k_p m), p → ∅ (γ_p p): one Brownian motion per reaction,
 *
 *   dm = (k_m − γ_m m) dt + √k_m dW₁ − √(γ_m m) dW₂,   dp = (k_p m − γ_p p) dt + √(k_p m) dW₃ − √(γ_p p) dW₄.
 *
 * The drift is linear, so the means obey the linear moment equations m' = k_m − γ_m m,
 * p' = k_p m − γ_p p, and s = ∂(means)/∂k_m obeys s_m' = 1 − γ_m s_m, s_p' = k_p s_m − γ_p s_p:
 *
 *   ∂E[p(T)]/∂k_m = (k_p/γ_m) [ (1 − e^{−γ_p T})/γ_p − (e^{−γ_m T} − e^{−γ_p T})/(γ_p − γ_m) ].
 *
 * Under Euler the noise terms have mean zero given the state, so the mean tangent follows the Euler
 * discretization of the same equations exactly; Richardson extrapolation over two step sizes on one
 * Brownian path (substeps) removes the O(h) gap to the continuous value.
 */
import { describe, expect, it } from 'vitest';
import { maximum, reshape } from '../../src/ad/ops/index.js';
import { key } from '../../src/random/key.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { component, fromComponents, sensitivity } from '../../src/sde/index.js';
import type { ParamTensors, SensitivityOptions } from '../../src/sde/index.js';
import { expectWithin, relDiff } from './helpers.js';

type Gene = { km: number; gm: number; kp: number; gp: number };
const P: Gene = { km: 20, gm: 1, kp: 2, gp: 0.5 };
const T = 2;
const pos = (v: Tensor): Tensor => maximum(v, 1e-300);   // the CLE's propensities are clipped at 0

const cle = (steps: number, substeps = 1): SensitivityOptions<Gene> => ({
  drift: (_t, x, p: ParamTensors<Gene>) => {
    const m = component(x, 0), pr = component(x, 1);
    return fromComponents([p.km.sub(p.gm.mul(m)), p.kp.mul(m).sub(p.gp.mul(pr))]);
  },
  diffusion: (_t, x, p: ParamTensors<Gene>) => {
    const m = pos(component(x, 0)), pr = pos(component(x, 1));
    return reshape(fromComponents([
      p.km.sqrt(), p.gm.mul(m).sqrt().neg(), null, null,
      null, null, p.kp.mul(m).sqrt(), p.gp.mul(pr).sqrt().neg(),
    ]), [x.shape[0]!, 2, 4]);
  },
  loss: (x) => component(x, 1),
  x0: [P.km / P.gm, (P.kp * P.km) / (P.gm * P.gp)],   // start at the stationary means
  params: P, t1: T, steps, substeps, paths: 3000, noise: 'general', brownianDims: 4, key: key(41),
  wrt: ['km'], chunkSize: 1024,
});

function analytic(): number {
  const { gm, kp, gp } = P;
  return (kp / gm) * ((1 - Math.exp(-gp * T)) / gp - (Math.exp(-gm * T) - Math.exp(-gp * T)) / (gp - gm));
}

/** The Euler recursion of the sensitivity equations (what E[tangent] equals exactly under Euler). */
function eulerMoments(steps: number): number {
  const h = T / steps;
  let sm = 0, sp = 0;
  for (let n = 0; n < steps; n++) [sm, sp] = [sm + (1 - P.gm * sm) * h, sp + (P.kp * sm - P.gp * sp) * h];
  return sp;
}

describe('stochastic gene expression (chemical Langevin equation)', () => {
  it('∂E[p(T)]/∂k_m by forward and adjoint equals the linear moment equations', () => {
    const coarse = 40, fine = 80;
    const fwd = sensitivity({ ...cle(fine), mode: 'forward' });
    const adj = sensitivity({ ...cle(fine), mode: 'adjoint' });
    expect(relDiff(fwd.grad.km!.mean, adj.grad.km!.mean)).toBeLessThan(1e-10);
    for (const r of [fwd, adj]) expectWithin(r.grad.km, eulerMoments(fine));
    // Richardson over h and h/2: 2·E_{h/2} − E_h = continuous + O(h²). The coarse run has its own key, so the two
    // estimates are independent and the stderr of the combination is exactly the hypot below.
    const c = sensitivity({ ...cle(coarse, 2), key: key(42), mode: 'forward' });
    const f = fwd;
    const extrapolated = { mean: 2 * f.grad.km!.mean - c.grad.km!.mean, stderr: Math.hypot(2 * f.grad.km!.stderr, c.grad.km!.stderr), n: 3000 };
    expect(Math.abs(2 * eulerMoments(fine) - eulerMoments(coarse) - analytic())).toBeLessThan(0.1 * extrapolated.stderr);
    expectWithin(extrapolated, analytic());
  });
});
