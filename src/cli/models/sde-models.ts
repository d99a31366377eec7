/**
 * Built-in SDE problems with closed-form sensitivities, shared by `pathwise sde` and the demo:
 * - gene: stochastic gene expression (chemical Langevin equation, Gillespie 2000) — ∂E[p(T)]/∂k_m from
 *   the linear moment equations (continuous, and their Euler recursion, which the discrete scheme's
 *   mean tangent equals exactly);
 * - gbm: geometric Brownian motion dX = μX dt + σX dW — ∂E[X_T]/∂μ = T x0 e^{μT}, ∂E[X_T]/∂σ = 0.
 */
import * as pw from '../../index.js';
import { component, fromComponents, type ParamTensors, type SensitivityOptions } from '../../sde/index.js';

export type Gene = { km: number; gm: number; kp: number; gp: number };
export const GENE: Gene = { km: 20, gm: 1, kp: 2, gp: 0.5 };
const GENE_T = 2;
const pos = (v: pw.Tensor): pw.Tensor => pw.maximum(v, 1e-300);   // propensities are clipped at 0

export function geneProblem(paths: number, steps: number, seed: number): SensitivityOptions<Gene> {
  return {
    drift: (_t, x, p: ParamTensors<Gene>) => {
      const m = component(x, 0), pr = component(x, 1);
      return fromComponents([p.km.sub(p.gm.mul(m)), p.kp.mul(m).sub(p.gp.mul(pr))]);
    },
    diffusion: (_t, x, p: ParamTensors<Gene>) => {
      const m = pos(component(x, 0)), pr = pos(component(x, 1));
      return pw.reshape(fromComponents([
        p.km.sqrt(), p.gm.mul(m).sqrt().neg(), null, null,
        null, null, p.kp.mul(m).sqrt(), p.gp.mul(pr).sqrt().neg(),
      ]), [x.shape[0]!, 2, 4]);
    },
    loss: (x) => component(x, 1),
    x0: [GENE.km / GENE.gm, (GENE.kp * GENE.km) / (GENE.gm * GENE.gp)],   // the stationary means
    params: GENE, t1: GENE_T, steps, paths, noise: 'general', brownianDims: 4, key: pw.key(seed), wrt: ['km'],
  };
}

/** ∂E[p(T)]/∂k_m from s_m' = 1 − γ_m s_m, s_p' = k_p s_m − γ_p s_p: continuous, and the Euler recursion. */
export function geneSensitivity(steps: number): { continuous: number; euler: number } {
  const { gm, kp, gp } = GENE;
  const T = GENE_T;
  const continuous = (kp / gm) * ((1 - Math.exp(-gp * T)) / gp - (Math.exp(-gm * T) - Math.exp(-gp * T)) / (gp - gm));
  const h = T / steps;
  let sm = 0, sp = 0;
  for (let n = 0; n < steps; n++) [sm, sp] = [sm + (1 - gm * sm) * h, sp + (kp * sm - gp * sp) * h];
  return { continuous, euler: sp };
}

export type Gbm = { mu: number; sigma: number };
export const GBM: Gbm = { mu: 0.05, sigma: 0.3 };
const GBM_T = 1, GBM_X0 = 1;

export function gbmProblem(paths: number, steps: number, seed: number): SensitivityOptions<Gbm> {
  return {
    drift: (_t, x, p: ParamTensors<Gbm>) => x.mul(p.mu),
    diffusion: (_t, x, p: ParamTensors<Gbm>) => x.mul(p.sigma),
    loss: (x) => x,
    x0: [GBM_X0], params: GBM, t1: GBM_T, steps, paths, noise: 'diagonal', method: 'milstein', key: pw.key(seed),
  };
}

/** ∂E[X_T]/∂μ = T x0 e^{μT} and ∂E[X_T]/∂σ = 0 (continuous); Euler/Milstein: x0·T·(1 + μh)^{N−1}. */
export function gbmSensitivity(steps: number): { mu: number; muEuler: number; sigma: number } {
  const h = GBM_T / steps;
  return { mu: GBM_T * GBM_X0 * Math.exp(GBM.mu * GBM_T), muEuler: GBM_X0 * GBM_T * (1 + GBM.mu * h) ** (steps - 1), sigma: 0 };
}
