/**
 * A denoising diffusion probabilistic model (Ho, Jain & Abbeel, "Denoising Diffusion Probabilistic
 * Models", NeurIPS 2020) for low-dimensional data.
 * - Forward noising in closed form: x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, ᾱ_t = Π_{s≤t} (1 − β_s) (their eq. 4).
 * - The network ε_θ(x_t, t) predicts ε from x_t and a sinusoidal embedding of t (Vaswani et al. 2017),
 *   trained on the "simple" loss E‖ε − ε_θ(x_t, t)‖² with t uniform (their eq. 14). Its gradient is a
 *   pathwise one: x_t is a reparameterized sample of q(x_t | x₀).
 * - Ancestral sampling (their Algorithm 2): x_T ~ N(0, I), then
 *   x_{t−1} = (x_t − β_t/√(1 − ᾱ_t) · ε_θ(x_t, t)) / √α_t + σ_t z with σ_t² = β_t.
 * The β schedule is linear, with Ho et al.'s endpoints 10⁻⁴ and 0.02 for T = 1000 scaled by 1000/T, so
 * that a short chain (T = 100) still ends close to N(0, I) (the scaling of Nichol & Dhariwal 2021, §2.4).
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { tidy } from '../../tensor/pool.js';
import { concat, mean, mul, square, sub, add } from '../../ad/ops/index.js';
import { foldIn, split, type Key } from '../../random/key.js';
import { normal } from '../../random/normal.js';
import { uniform } from '../../random/uniform.js';
import { initMlp, mlp, type Activation, type DenseParams } from '../layers.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

export interface DdpmConfig {
  /** Data dimension (2 for the toy sets). */
  readonly dim: number;
  /** Number of diffusion steps T. */
  readonly steps: number;
  /** Size of the sinusoidal time embedding (even). */
  readonly embedDim: number;
  readonly hidden: readonly number[];
  readonly activation: Activation;
}

/** The 2-D toy DDPM: 100 noise levels, a 3×128 SiLU network. @example initDdpm(key(0), TOY_DDPM).length   // 4 */
export const TOY_DDPM: DdpmConfig = { dim: 2, steps: 100, embedDim: 16, hidden: [128, 128, 128], activation: 'silu' };

export interface Schedule {
  readonly betas: Float64Array;
  readonly alphas: Float64Array;
  readonly alphaBars: Float64Array;
}

/**
 * β_t, α_t = 1 − β_t and ᾱ_t for t = 1..T (index t − 1).
 * @example linearSchedule(100).alphaBars[99]   // ≈ 4e-5: x_T is almost pure noise
 */
export function linearSchedule(steps: number): Schedule {
  if (!Number.isSafeInteger(steps) || steps < 1) throw new PathwiseRangeError(`linearSchedule: steps must be a positive integer, got ${show(steps)}`);
  const scale = 1000 / steps;
  const lo = 1e-4 * scale, hi = Math.min(0.999, 0.02 * scale);
  const betas = new Float64Array(steps), alphas = new Float64Array(steps), alphaBars = new Float64Array(steps);
  let bar = 1;
  for (let t = 0; t < steps; t++) {
    betas[t] = steps === 1 ? lo : lo + ((hi - lo) * t) / (steps - 1);
    alphas[t] = 1 - betas[t]!;
    bar *= alphas[t]!;
    alphaBars[t] = bar;
  }
  return { betas, alphas, alphaBars };
}

/**
 * Sinusoidal embeddings [n, dim] of integer steps: sin and cos of t·ω_i, ω_i = 10000^{−i/(dim/2)}.
 * @example timeEmbedding(Int32Array.of(1, 50), 16).shape   // [2, 16]
 */
export function timeEmbedding(t: Int32Array, dim: number): Tensor {
  const half = dim >> 1;
  const out = new Float64Array(t.length * dim);
  for (let r = 0; r < t.length; r++) {
    for (let i = 0; i < half; i++) {
      const a = t[r]! * dmath.exp((-dmath.log(10000) * i) / half);
      out[r * dim + i] = dmath.sin(a);
      out[r * dim + half + i] = dmath.cos(a);
    }
  }
  return new Tensor(out, [t.length, dim]);
}

/**
 * The noise predictor's parameters: an MLP from [x, embedding(t)] to ε.
 * @example initDdpm(key(0), TOY_DDPM).length   // 4 layers
 */
export function initDdpm(k: Key, config: DdpmConfig): DenseParams[] {
  if (!Number.isSafeInteger(config.embedDim) || config.embedDim < 2 || config.embedDim % 2 !== 0) {
    throw new PathwiseRangeError(`initDdpm: embedDim must be an even integer ≥ 2, got ${show(config.embedDim)}`);
  }
  return initMlp(k, [config.dim + config.embedDim, ...config.hidden, config.dim], { activation: config.activation });
}

/**
 * ε_θ(x_t, t) for a batch x_t [B, dim] at steps t (1..T).
 * @example
 * const params = initDdpm(key(0), TOY_DDPM);
 * const xt = toyData('moons', key(1), 4);
 * const eps = predictNoise(params, xt, Int32Array.from({ length: 4 }, () => 50), TOY_DDPM);
 * eps.shape;   // [4, 2]
 */
export function predictNoise(p: readonly DenseParams[], xt: Tensor, t: Int32Array, config: DdpmConfig): Tensor {
  return mlp(p, concat([xt, timeEmbedding(t, config.embedDim)], 1), { activation: config.activation });
}

/**
 * Steps t ~ U{1..T} and noise ε for a batch of B rows, keyed.
 * @example const { t, eps } = ddpmNoise(key(1), 256, TOY_DDPM);   // t: Int32Array(256), eps: [256, 2]
 */
export function ddpmNoise(k: Key, batch: number, config: DdpmConfig): { t: Int32Array; eps: Tensor } {
  const [kt, ke] = split(k, 2) as [Key, Key];
  const u = uniform(kt, batch);
  const t = Int32Array.from(u, (v) => 1 + Math.min(config.steps - 1, Math.floor(v * config.steps)));
  return { t, eps: new Tensor(normal(ke, batch * config.dim), [batch, config.dim]) };
}

/**
 * The simple DDPM loss, mean over the batch and the coordinates of (ε − ε_θ(√ᾱ_t x₀ + √(1−ᾱ_t) ε, t))²,
 * with the steps and noise given (deterministic: gradient checks).
 * @example
 * const params = initDdpm(key(0), TOY_DDPM);
 * const x0 = toyData('moons', key(1), 64);
 * const schedule = linearSchedule(TOY_DDPM.steps);
 * const l = ddpmLoss(params, x0, ddpmNoise(key(1), x0.shape[0], TOY_DDPM), schedule, TOY_DDPM);
 */
export function ddpmLoss(p: readonly DenseParams[], x0: Tensor, noise: { t: Int32Array; eps: Tensor }, schedule: Schedule, config: DdpmConfig): Tensor {
  const B = x0.shape[0]!;
  const a = new Float64Array(B), s = new Float64Array(B);
  for (let i = 0; i < B; i++) {
    const bar = schedule.alphaBars[noise.t[i]! - 1]!;
    a[i] = Math.sqrt(bar);
    s[i] = Math.sqrt(1 - bar);
  }
  const xt = add(mul(x0, new Tensor(a, [B, 1])), mul(noise.eps, new Tensor(s, [B, 1])));
  return mean(square(sub(noise.eps, predictNoise(p, xt, noise.t, config))));
}

/**
 * n samples [n, dim] by ancestral sampling from x_T ~ N(0, I), the noise of step t drawn from foldIn(k, t).
 * @example
 * const params = initDdpm(key(0), TOY_DDPM);   // untrained here: its samples are noise
 * const x = sampleDdpm(params, key(3), 1000, linearSchedule(100), TOY_DDPM);
 * x.shape;   // [1000, 2]
 */
export function sampleDdpm(p: readonly DenseParams[], k: Key, n: number, schedule: Schedule, config: DdpmConfig): Tensor {
  const T = config.steps, d = config.dim;
  let x = new Float64Array(normal(foldIn(k, 0), n * d));
  const steps = new Int32Array(n);
  for (let t = T; t >= 1; t--) {
    steps.fill(t);
    const eps = tidy(() => Float64Array.from(predictNoise(p, new Tensor(x, [n, d]), steps, config).data));
    const beta = schedule.betas[t - 1]!, alpha = schedule.alphas[t - 1]!, bar = schedule.alphaBars[t - 1]!;
    const c = beta / Math.sqrt(1 - bar), inv = 1 / Math.sqrt(alpha), sigma = Math.sqrt(beta);
    const z = t > 1 ? normal(foldIn(k, t), n * d) : null;
    const next = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) next[i] = inv * (x[i]! - c * eps[i]!) + (z === null ? 0 : sigma * z[i]!);
    x = next;
  }
  return new Tensor(x, [n, d]);
}
