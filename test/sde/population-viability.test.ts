/**
 * Population viability (conservation ecology): a stochastic logistic population
 * dX = r X (1 − X/K) dt + σ X dW that goes extinct — is absorbed — once it falls below a threshold c.
 * The quantity of interest is the probability of extinction by T, E[1{X_T ≤ c}], and its gradient in
 * the growth rate r. The indicator (and the absorption) are discontinuous in the path, so the pathwise
 * derivative is 0 on almost every path and silently wrong; the tracking reports the discontinuity, and
 * 'auto' uses the Euler likelihood ratio instead, checked against finite differences with common random
 * numbers on many paths.
 */
import { describe, expect, it } from 'vitest';
import { greater, less, where } from '../../src/ad/ops/index.js';
import { key } from '../../src/random/key.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { sensitivity } from '../../src/sde/index.js';
import type { ParamTensors, SensitivityOptions } from '../../src/sde/index.js';

type Logistic = { r: number; sigma: number };
const C = 0.2;   // extinction threshold (K = 1)
const viability = (paths: number): SensitivityOptions<Logistic> => ({
  drift: (_t, x, p: ParamTensors<Logistic>) => where(greater(x, C), p.r.mul(x).mul(x.neg().add(1)), 0),
  diffusion: (_t, x, p: ParamTensors<Logistic>) => where(greater(x, C), p.sigma.mul(x), 0),
  loss: (x: Tensor) => less(x, C + 1e-12),   // absorbed paths stay at their first value ≤ c
  x0: 0.5, params: { r: 0.5, sigma: 0.6 }, t1: 2, steps: 50, paths, noise: 'diagonal', key: key(51), wrt: ['r'],
});

describe('population viability: gradient of an extinction probability', () => {
  it('pathwise (forward and adjoint) reports the discontinuity, and its gradient is the biased 0', () => {
    for (const mode of ['forward', 'adjoint'] as const) {
      const r = sensitivity({ ...viability(2000), mode });
      const ops = r.diagnostics.discontinuities.map((e) => e.op).sort();
      expect(ops, mode).toEqual(['greater', 'less']);
      for (const e of r.diagnostics.discontinuities) expect(e.sources).toEqual(['W']);
      expect(r.grad.r!.mean).toBe(0);
    }
  });

  it("'auto' switches to the likelihood ratio, which agrees with finite differences (CRN, many paths)", () => {
    const auto = sensitivity({ ...viability(40_000), mode: 'auto' });
    expect(auto.diagnostics.mode).toBe('score');
    expect(auto.diagnostics.discontinuities.length).toBeGreaterThan(0);
    expect(auto.value.mean).toBeGreaterThan(0.05);   // a problem where extinction is neither rare nor certain
    // fd on independent paths (its own key): the difference's stderr is then the hypot of the two
    const fd = sensitivity({ ...viability(40_000), key: key(52), mode: 'fd', fdStep: 0.05 });
    const a = auto.grad.r!, f = fd.grad.r!;
    expect(a.mean).toBeLessThan(-5 * a.stderr);       // growth lowers the extinction risk, detectably
    const se = Math.hypot(a.stderr, f.stderr);
    expect(Math.abs(a.mean - f.mean), `score ${a.mean} ± ${a.stderr} vs fd ${f.mean} ± ${f.stderr}`).toBeLessThanOrEqual(5 * se);
  });
});
