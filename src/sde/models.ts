/**
 * Built-in SDE problems, documented and exported as `sde.models`, each with what is known in closed form:
 * - `geneExpression`: stochastic gene expression (chemical Langevin equation, Gillespie 2000) —
 *   ∂E[p(T)]/∂k_m from the linear moment equations (continuous, and their Euler recursion, which the
 *   discrete scheme's mean tangent equals exactly);
 * - `gbm`: geometric Brownian motion dX = μX dt + σX dW — ∂E[X_T]/∂μ = T x0 e^{μT}, ∂E[X_T]/∂σ = 0;
 * - `heston`: Heston's stochastic volatility in (ln S, v), stepped by full-truncation Euler (Lord,
 *   Koekkoek & van Dijk 2010): only v⁺ = max(v, 0) enters drift and diffusion, which is what the Euler scheme
 *   of this system does.
 * The systems themselves (`hestonSystem`, `logGbmSystem`) are exported for code that steps a scheme directly,
 * as the Greeks of `pathwise/finance` do.
 * Each returns options for `sde.solve` / `sde.sensitivity` (add `loss` and `mode` for the latter).
 */
import { PathwiseRangeError, show } from '../errors.js';
import '../ad/methods.js';   // the models' drift and diffusion call the Tensor methods
import type { Tensor } from '../tensor/tensor.js';
import { key as makeKey } from '../random/key.js';
import { maximum, mul, neg, reshape, sqrt } from '../ad/ops/index.js';
import { component, fromComponents } from './components.js';
import type { SdeSystem } from './scheme.js';
import type { ParamTensors, SensitivityOptions } from './types.js';
import * as dmath from '../ad/kernels/scalar-math.js';

export type Gene = { km: number; gm: number; kp: number; gp: number };
/**
 * Transcription, mRNA decay, translation and protein decay rates of the gene-expression model.
 * @example sde.models.GENE.km   // 20
 */
export const GENE: Gene = { km: 20, gm: 1, kp: 2, gp: 0.5 };
const GENE_T = 2;
const pos = (v: Tensor): Tensor => maximum(v, 1e-300);   // propensities are clipped at 0

/**
 * Stochastic gene expression (mRNA m, protein p) as a chemical Langevin equation with four reactions,
 * started at the stationary means; the loss is the protein count at T = 2.
 * @example sde.sensitivity({ ...sde.models.geneExpression(2000, 50, 1), mode: 'forward' }).grad.km
 */
export function geneExpression(paths: number, steps: number, seed: number): SensitivityOptions<Gene> {
  return {
    drift: (_t, x, p: ParamTensors<Gene>) => {
      const m = component(x, 0), pr = component(x, 1);
      return fromComponents([p.km.sub(p.gm.mul(m)), p.kp.mul(m).sub(p.gp.mul(pr))]);
    },
    diffusion: (_t, x, p: ParamTensors<Gene>) => {
      const m = pos(component(x, 0)), pr = pos(component(x, 1));
      return reshape(fromComponents([
        sqrt(p.km), neg(sqrt(p.gm.mul(m))), null, null,
        null, null, sqrt(p.kp.mul(m)), neg(sqrt(p.gp.mul(pr))),
      ]), [x.shape[0]!, 2, 4]);
    },
    loss: (x) => component(x, 1),
    x0: [GENE.km / GENE.gm, (GENE.kp * GENE.km) / (GENE.gm * GENE.gp)],
    params: GENE, t1: GENE_T, steps, paths, noise: 'general', brownianDims: 4, key: makeKey(seed), wrt: ['km'], autonomous: true,
  };
}

/**
 * ∂E[p(T)]/∂k_m from s_m' = 1 − γ_m s_m, s_p' = k_p s_m − γ_p s_p: continuous, and the Euler recursion.
 * @example
 * const { continuous, euler } = sde.models.geneSensitivity(200);
 * Math.abs(euler - continuous) < 0.05 * Math.abs(continuous);   // true: the Euler recursion converges
 */
export function geneSensitivity(steps: number): { continuous: number; euler: number } {
  const { gm, kp, gp } = GENE;
  const T = GENE_T;
  const continuous = (kp / gm) * ((1 - dmath.exp(-gp * T)) / gp - (dmath.exp(-gm * T) - dmath.exp(-gp * T)) / (gp - gm));
  const h = T / steps;
  let sm = 0, sp = 0;
  for (let n = 0; n < steps; n++) [sm, sp] = [sm + (1 - gm * sm) * h, sp + (kp * sm - gp * sp) * h];
  return { continuous, euler: sp };
}

export type Gbm = { mu: number; sigma: number };
/** The drift and volatility of the built-in GBM model. @example sde.models.GBM   // used by sde.models.gbm(paths, steps, seed) */
export const GBM: Gbm = { mu: 0.05, sigma: 0.3 };
const GBM_T = 1, GBM_X0 = 1;

/**
 * Geometric Brownian motion dX = μX dt + σX dW from X0 = 1 to T = 1 (Milstein), loss X_T.
 * @example sde.sensitivity({ ...sde.models.gbm(10_000, 64, 1), mode: 'adjoint' }).grad.mu
 */
export function gbm(paths: number, steps: number, seed: number): SensitivityOptions<Gbm> {
  return {
    drift: (_t, x, p: ParamTensors<Gbm>) => x.mul(p.mu),
    diffusion: (_t, x, p: ParamTensors<Gbm>) => x.mul(p.sigma),
    loss: (x) => x,
    x0: [GBM_X0], params: GBM, t1: GBM_T, steps, paths, noise: 'diagonal', method: 'milstein', key: makeKey(seed), autonomous: true,
  };
}

/**
 * ∂E[X_T]/∂μ = T x0 e^{μT} and ∂E[X_T]/∂σ = 0 (continuous); Euler/Milstein: x0·T·(1 + μh)^{N−1}.
 * @example sde.models.gbmSensitivity(64).mu   // ≈ 1.0513 (e^{0.05})
 */
export function gbmSensitivity(steps: number): { mu: number; muEuler: number; sigma: number } {
  const h = GBM_T / steps;
  return { mu: GBM_T * GBM_X0 * dmath.exp(GBM.mu * GBM_T), muEuler: GBM_X0 * GBM_T * dmath.pow(1 + GBM.mu * h, steps - 1), sigma: 0 };
}

export type Heston = { rate: number; kappa: number; theta: number; xi: number; rho: number };
/**
 * A Heston parameter set that satisfies Feller's condition 2κθ > ξ² (2·2·0.04 = 0.16 > 0.09).
 * @example 2 * sde.models.HESTON.kappa * sde.models.HESTON.theta > sde.models.HESTON.xi ** 2   // true
 */
export const HESTON: Heston = { rate: 0.03, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };

/**
 * Heston's dynamics in (ln S, v) as an SDE system for a scheme's `step` (general noise, d = m = 2), with full
 * truncation: only v⁺ = max(v, 0) enters drift and diffusion, so the Euler scheme of this system is the
 * full-truncation Euler scheme of Lord, Koekkoek & van Dijk (2010). `rate` is the drift of ln S besides −v⁺/2
 * (r − q for a dividend payer). √v⁺ has a floor of 1e−300: √ has an infinite slope at 0, and the floor keeps a
 * truncated path's tangent at 0 instead of 0/0 (the value moves by at most 1e−150). The Greeks of
 * `pathwise/finance` step their Heston paths with this system.
 * @example
 * const p = { rate: scalar(0.02), kappa: scalar(2), theta: scalar(0.04), xi: scalar(0.3), rho: scalar(-0.7) };
 * eulerMaruyama.step(hestonSystem, 0, 0.01, tensor([[Math.log(100), 0.04]]), p, { dW: tensor([[0.1, -0.05]]), i10: null });
 */
export const hestonSystem: SdeSystem = {
  drift: (_t, x, p) => {
    const v = maximum(component(x, 1), 0);
    return fromComponents([p.rate!.sub(v.mul(0.5)), p.kappa!.mul(p.theta!.sub(v))]);
  },
  diffusion: (_t, x, p) => {
    const sv = sqrt(maximum(component(x, 1), 1e-300));
    const vol = p.xi!.mul(sv);
    return reshape(fromComponents([sv, null, vol.mul(p.rho!), vol.mul(sqrt(neg(p.rho!.mul(p.rho!)).add(1)))]), [x.shape[0]!, 2, 2]);
  },
  noise: 'general', d: 2, m: 2, autonomous: true,
};

/**
 * Geometric Brownian motion in ln S as an SDE system (scalar noise, d = m = 1): d ln S = (rate − σ²/2) dt + σ dW,
 * with parameters `rate` (r − q for a dividend payer) and `sigma`. Its coefficients are constant, so the Euler
 * scheme of this system is exact at any step size (Glasserman 2004, §3.2); `pathwise/finance` steps its
 * Black–Scholes paths with it.
 * @example
 * eulerMaruyama.step(logGbmSystem, 0, 1, tensor([[Math.log(100)]]), { rate: scalar(0.05), sigma: scalar(0.2) }, { dW: tensor([[0.3]]), i10: null });
 */
export const logGbmSystem: SdeSystem = {
  drift: (_t, _x, p) => p.rate!.sub(p.sigma!.mul(p.sigma!).mul(0.5)),
  diffusion: (_t, _x, p) => p.sigma!,
  noise: 'scalar', d: 1, m: 1, autonomous: true,
};

/**
 * Heston in (ln S, v): d ln S = (r − v⁺/2) dt + √v⁺ dW₁, dv = κ(θ − v⁺) dt + ξ√v⁺ (ρ dW₁ + √(1 − ρ²) dW₂),
 * S0 = 100, v0 = 0.04, T = 1; the loss is the discounted call payoff e^{−rT} max(S_T − 100, 0). Memory in
 * forward mode is O(paths × state × parameters), whatever the number of steps. The dynamics are
 * {@link hestonSystem}.
 * @example sde.sensitivity({ ...sde.models.heston(2000, 50, 1), mode: 'forward' }).grad.kappa
 */
export function heston(paths: number, steps: number, seed: number, params: Heston = HESTON): SensitivityOptions<Heston> {
  const T = 1, strike = 100;
  return {
    drift: hestonSystem.drift as SensitivityOptions<Heston>['drift'],
    diffusion: hestonSystem.diffusion as SensitivityOptions<Heston>['diffusion'],
    loss: (x) => {
      const payoff = maximum(component(x, 0).exp().sub(strike), 0);
      return mul(payoff, dmath.exp(-params.rate * T));
    },
    x0: [dmath.log(100), 0.04], params, t1: T, steps, paths, noise: 'general', brownianDims: 2, key: makeKey(seed),
    wrt: ['kappa', 'theta', 'xi'], autonomous: true,
  };
}

/** The built-in models by name. @example sde.models.MODEL_NAMES   // ['gbm', 'geneExpression', 'heston'] */
export const MODEL_NAMES = ['gbm', 'geneExpression', 'heston'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/**
 * A built-in model from JSON arguments: how worker threads and cluster workers rebuild it.
 * @example byName({ name: 'gbm', paths: 1000, steps: 10, seed: 1 }).steps   // 10
 */
export function byName(args: { name: ModelName; paths: number; steps: number; seed: number }): SensitivityOptions<Record<string, number>> {
  const { name, paths, steps, seed } = args;
  const make = name === 'gbm' ? gbm : name === 'heston' ? heston : name === 'geneExpression' ? geneExpression : null;
  if (make === null) throw new PathwiseRangeError(`sde.models: unknown model ${show(name)}; one of ${MODEL_NAMES.join(', ')}`);
  return make(paths, steps, seed) as unknown as SensitivityOptions<Record<string, number>>;
}

/**
 * The `from` of `sde.sensitivityAsync` for a built-in model, so that its runs can go to worker threads.
 * @example await sde.sensitivityAsync({ ...sde.models.heston(20_000, 32, 1), mode: 'forward' }, { workers: 2, from: sde.models.portable('heston', 20_000, 32, 1) })
 */
export function portable(name: ModelName, paths: number, steps: number, seed: number): { module: string; export: string; args: unknown } {
  return { module: import.meta.url, export: 'byName', args: { name, paths, steps, seed } };
}
