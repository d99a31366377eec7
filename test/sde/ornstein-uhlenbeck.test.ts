/**
 * Ornstein–Uhlenbeck dX = θ(μ − X) dt + σ dW, additive noise, solved by SRA1: the closed-form mean
 * μ + (x0 − μ)e^{−θT} and variance σ²(1 − e^{−2θT})/(2θ), and their sensitivities to θ, μ and σ through
 * E[X_T] and E[X_T²] = Var + mean². SRA1's weak error (order 2) at 50 steps is ~1e-4 of these values,
 * far below the standard errors.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { estimateOf } from '../../src/stats/estimate.js';
import { sensitivity, solve } from '../../src/sde/index.js';
import type { ParamTensors, SdeOptions } from '../../src/sde/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { expectWithin } from './helpers.js';

type Ou = { theta: number; mu: number; sigma: number };
const P: Ou = { theta: 1.5, mu: 0.3, sigma: 0.4 };
const X0 = 1, T = 1, PATHS = 20_000;
const ou: SdeOptions<Ou> = {
  drift: (_t, x, p: ParamTensors<Ou>) => p.theta.mul(p.mu.sub(x)),
  diffusion: (_t, _x, p: ParamTensors<Ou>) => p.sigma,
  x0: X0, params: P, t1: T, steps: 50, paths: PATHS, noise: 'additive', method: 'sra1', key: key(31),
};

const e1 = Math.exp(-P.theta * T), e2 = Math.exp(-2 * P.theta * T);
const mean = P.mu + (X0 - P.mu) * e1;
const variance = (P.sigma ** 2 / (2 * P.theta)) * (1 - e2);
const dMean = { theta: -T * (X0 - P.mu) * e1, mu: 1 - e1, sigma: 0 };
// SRA1 on a linear drift propagates the mean exactly by a = 1 − θh + (θh)²/2 per step (the noise has mean
// zero), so the scheme's own ∂E[X_N]/∂μ = 1 − a^N; it is deterministic per path (standard error 0).
const H = T / 50;
const a = 1 - P.theta * H + (P.theta * H) ** 2 / 2;
const dVar = {
  theta: -(P.sigma ** 2 / (2 * P.theta ** 2)) * (1 - e2) + (P.sigma ** 2 / P.theta) * T * e2,
  mu: 0,
  sigma: (P.sigma / P.theta) * (1 - e2),
};

describe('Ornstein–Uhlenbeck', () => {
  it('closed-form mean and variance', () => {
    const x = solve(ou).values.data;
    expectWithin(estimateOf(x), mean);
    const sq = x.map((v) => (v - mean) ** 2);   // E[(X − m)²] = Var, with its own standard error
    expectWithin(estimateOf(sq), variance);
  });

  it('∂E[X_T] and ∂E[X_T²] with respect to θ, μ, σ (forward mode)', () => {
    const first = sensitivity({ ...ou, loss: (x: Tensor) => x, mode: 'forward' });
    const second = sensitivity({ ...ou, loss: (x: Tensor) => x.square(), mode: 'forward' });
    for (const k of ['theta', 'mu', 'sigma'] as const) {
      if (k !== 'mu') expectWithin(first.grad[k], dMean[k]);
      expectWithin(second.grad[k], dVar[k] + 2 * mean * dMean[k]);
    }
    expect(first.grad.mu!.stderr).toBeLessThan(1e-12);
    expect(Math.abs(first.grad.mu!.mean - (1 - a ** 50))).toBeLessThan(1e-12);
    expect(Math.abs(first.grad.mu!.mean - dMean.mu)).toBeLessThan(1e-4);   // the O(h²) weak error
  });
});
