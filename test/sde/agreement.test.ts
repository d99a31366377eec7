/**
 * Forward (tangent) and adjoint modes compute the exact derivative of the same discrete scheme on the
 * same Brownian increments, so they must agree to round-off (1e-10 relative), per parameter, in mean and
 * standard error, for every scheme and noise type and any checkpoint spacing. Central finite differences
 * with common random numbers are the independent third check; the Euler likelihood ratio and the
 * pathwise derivative are each held against the exact derivative of the Euler scheme for GBM.
 */
import { describe, expect, it } from 'vitest';
import { maximum, reshape, sqrt } from '../../src/ad/ops/index.js';
import { key } from '../../src/random/key.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { component, fromComponents, sensitivity } from '../../src/sde/index.js';
import type { ParamTensors, SensitivityOptions, SdeParams } from '../../src/sde/index.js';
import { gbm, relDiff } from './helpers.js';

type Heston = { mu: number; kappa: number; theta: number; xi: number; rho: number };
const heston: SensitivityOptions<Heston> = {
  drift: (_t, x, p: ParamTensors<Heston>) => fromComponents([component(x, 0).mul(p.mu), p.kappa.mul(p.theta.sub(component(x, 1)))]),
  diffusion: (_t, x, p: ParamTensors<Heston>) => {
    const s = component(x, 0);
    const sv = sqrt(maximum(component(x, 1), 1e-300));
    const rhoBar = p.rho.square().neg().add(1).sqrt();
    return reshape(fromComponents([sv.mul(s), null, sv.mul(p.xi).mul(p.rho), sv.mul(p.xi).mul(rhoBar)]), [x.shape[0]!, 2, 2]);
  },
  loss: (x) => maximum(component(x, 0).sub(100), 0),
  x0: [100, 0.04], params: { mu: 0.02, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 },  // Feller: 2κθ > ξ², v rarely nears 0
  t1: 1, steps: 40, paths: 600, noise: 'general', key: key(12), chunkSize: 256,
};

type Pair = { a: number; s1: number; s2: number };
const coupled: SensitivityOptions<Pair> = {
  // diagonal noise, nonlinear coupling through the drift
  drift: (_t, x, p: ParamTensors<Pair>) => {
    const u = component(x, 0), v = component(x, 1);
    return fromComponents([u.mul(v).neg().add(u.mul(0.5)), p.a.mul(v.neg().add(1))]);
  },
  diffusion: (_t, x, p: ParamTensors<Pair>) => fromComponents([component(x, 0).mul(p.s1), component(x, 1).square().add(1).sqrt().mul(p.s2)]),
  loss: (x) => component(x, 0).mul(component(x, 1)),
  x0: [1, 0.5], params: { a: 2, s1: 0.3, s2: 0.4 }, t1: 1, steps: 30, paths: 500, noise: 'diagonal', key: key(13),
};

type Ou = { theta: number; sigma: number };
const ou: SensitivityOptions<Ou> = {
  drift: (_t, x, p: ParamTensors<Ou>) => p.theta.mul(x.sin().neg()),
  diffusion: (t, _x, p: ParamTensors<Ou>) => p.sigma.mul(1 + t),
  loss: (x) => x.square(), x0: 0.5, params: { theta: 1.2, sigma: 0.3 }, t1: 1, steps: 25, paths: 500,
  noise: 'additive', method: 'sra1', key: key(14),
};

const cases: [string, SensitivityOptions<SdeParams>][] = [
  ['GBM, Milstein (diagonal)', { ...gbm(key(11), 500, 50), method: 'milstein', loss: (x: Tensor) => x.square() } as unknown as SensitivityOptions<SdeParams>],
  ['GBM, Euler', { ...gbm(key(11), 500, 50), loss: (x: Tensor) => x.log1p() } as unknown as SensitivityOptions<SdeParams>],
  ['Heston, Euler (general 2×2)', heston as unknown as SensitivityOptions<SdeParams>],
  ['coupled pair, Milstein (diagonal, d = 2)', { ...coupled, method: 'milstein' } as unknown as SensitivityOptions<SdeParams>],
  ['nonlinear additive, SRA1', ou as unknown as SensitivityOptions<SdeParams>],
];

describe('forward, adjoint and finite differences agree on the same paths', () => {
  for (const [name, o] of cases) {
    it(name, () => {
      const fwd = sensitivity({ ...o, mode: 'forward' });
      const fd = sensitivity({ ...o, mode: 'fd', fdStep: 1e-5 });
      const plans = [{}, { checkpointEvery: 1 }, { checkpointEvery: 7 }, { checkpoints: 2 }, { checkpoints: 3 }];
      for (const plan of plans) {
        const adj = sensitivity({ ...o, mode: 'adjoint', ...plan });
        expect(adj.value).toEqual(fwd.value);
        for (const k of Object.keys(o.params)) {
          const f = fwd.grad[k]!, a = adj.grad[k]!;
          expect(relDiff(f.mean, a.mean), `${k}: forward ${f.mean} vs adjoint ${a.mean}`).toBeLessThan(1e-10);
          expect(relDiff(f.stderr, a.stderr), `${k}: stderr`).toBeLessThan(1e-8);
        }
      }
      for (const k of Object.keys(o.params)) {
        const f = fwd.grad[k]!, d = fd.grad[k]!;
        // O(δ²) truncation and O(ε/δ) rounding per path; paths within δ of a kink differ by O(1) each.
        expect(Math.abs(f.mean - d.mean), `${k}: forward ${f.mean} vs fd ${d.mean}`).toBeLessThan(1e-6 * Math.abs(f.mean) + 1e-3 * f.stderr + 1e-9);
      }
      expect(fwd.diagnostics.discontinuities).toEqual([]);
    });
  }

  it('the likelihood ratio and the pathwise derivative each agree with the exact Euler derivative (GBM)', () => {
    // Euler for GBM: E[X_N] = x0 (1 + μh)^N exactly, so ∂μ E[X_N] = x0·T·(1 + μh)^{N−1} and ∂σ E[X_N] = 0.
    const N = 20, mu = 0.05;
    const o = { ...gbm(key(21), 20_000, N, { mu, sigma: 0.3 }), loss: (x: Tensor) => x };
    const exact = { mu: (1 + mu / N) ** (N - 1), sigma: 0 };
    for (const mode of ['forward', 'score'] as const) {
      const r = sensitivity({ ...o, mode });
      for (const k of ['mu', 'sigma'] as const) {
        const g = r.grad[k]!;
        expect(g.stderr, `${mode} ${k}`).toBeGreaterThan(0);
        expect(Math.abs(g.mean - exact[k]), `${mode} ${k}: ${g.mean} ± ${g.stderr} vs ${exact[k]}`).toBeLessThanOrEqual(5 * g.stderr);
      }
    }
  });
});
