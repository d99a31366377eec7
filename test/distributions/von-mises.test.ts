/**
 * The von Mises sampler (Best & Fisher 1979) and distribution: KS against the cdf integrated numerically
 * from the density, circular moments E[cos(z − μ)] = I₁(κ)/I₀(κ) and E[sin(z − μ)] = 0 within 5 standard
 * errors across κ from 1e-3 to 1e8, samples in [−π, π), and the gradients in μ and κ.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import { jvp } from '../../src/ad/transforms.js';
import { cos, sin, sub } from '../../src/ad/ops/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { VonMises } from '../../src/distributions/index.js';
import { besselRatio, logBesselI0 } from '../../src/distributions/bessel-i0.js';
import { logBesselI0Scalar } from '../../src/distributions/bessel-i0.js';
import { expectKS } from '../random/stat-helpers.js';
import { expectClose, expectWithin5Se, meanAndStderr } from './helpers.js';

const N = 20_000;

/** The cdf of vonMises(0, κ) on [−π, π], by the trapezoidal rule on a fine grid (exact to ~1e-9 here). */
function numericCdf(kappa: number): (x: number) => number {
  const m = 20_000;
  const h = (2 * Math.PI) / m;
  const logNorm = Math.log(2 * Math.PI) + logBesselI0Scalar(kappa);
  const pdf = (t: number): number => Math.exp(kappa * Math.cos(t) - logNorm);
  const F = new Float64Array(m + 1);
  for (let i = 1; i <= m; i++) F[i] = F[i - 1]! + (h / 2) * (pdf(-Math.PI + (i - 1) * h) + pdf(-Math.PI + i * h));
  return (x: number) => {
    const s = (x + Math.PI) / h;
    const i = Math.min(m - 1, Math.max(0, Math.floor(s)));
    return F[i]! + (s - i) * (F[i + 1]! - F[i]!);
  };
}

describe('log I₀ and I₁/I₀', () => {
  // mpmath at 30 digits: log(besseli(0, κ)) and besseli(1, κ)/besseli(0, κ), across both series.
  const ref: [number, number, number][] = [
    [1e-6, 2.4999999999998434e-13, 4.999999999999375e-7],
    [0.5, 0.06154971918548131, 0.24249961258080194],
    [5, 3.3046817758225333, 0.8933831370440852],
    [19.999, 17.58863575837834, 0.974669223949034],
    [20, 17.589610428244274, 0.9746705078898071],
    [35, 32.30701147548524, 0.9856091909312683],
    [300, 296.22958759300224, 0.9983319397905335],
    [1e5, 99993.32459998432, 0.9999949999874999],
  ];
  it('match mpmath to 1e-14 relative', () => {
    for (const [k, logI0, a] of ref) {
      expectClose(`log I0(${k})`, logBesselI0(k).item(), logI0, 1e-14);
      expectClose(`A(${k})`, besselRatio(k).item(), a, 1e-14);
    }
  });
});

describe('VonMises sampler', () => {
  for (const kappa of [1e-3, 0.5, 2, 50]) {
    it(`KS against the numerical cdf, κ = ${kappa}`, () => {
      const z = VonMises(0, kappa).sample(key(31), N).data;
      expectKS(`vonMises κ=${kappa}`, z, numericCdf(kappa));
    });
  }

  for (const [loc, kappa] of [[0.5, 1e-3], [3, 2], [-2, 1000], [1, 1e8]] as const) {
    it(`circular moments, μ = ${loc}, κ = ${kappa}`, () => {
      const dist = VonMises(loc, kappa);
      const z = dist.sample(key(32), N);
      expect(z.data.every((v) => v >= -Math.PI && v < Math.PI)).toBe(true);
      const c = meanAndStderr(cos(sub(z, loc)).data);
      const s = meanAndStderr(sin(sub(z, loc)).data);
      const a = besselRatio(kappa).item();
      expectWithin5Se('E cos', c.mean, a, Math.max(c.stderr, 1e-15));
      expectWithin5Se('E sin', s.mean, 0, Math.max(s.stderr, 1e-15));
      expect(dist.variance().item()).toBeCloseTo(1 - a, 14);
    });
  }
});

describe('VonMises rsample gradients', () => {
  it('d/dμ E[sin z] = A(κ)·cos μ (pathwise through the wrap)', () => {
    const kappa = 2;
    const mu = 2.5;
    const [, t] = jvp((m: Tensor) => sin(VonMises(m, kappa).rsample(key(33), N)), tensor(mu), tensor(1)) as unknown as [Tensor, Tensor];
    const g = meanAndStderr(t.data);
    expectWithin5Se('d/dμ', g.mean, besselRatio(kappa).item() * Math.cos(mu), g.stderr);
  });

  for (const kappa of [0.3, 2, 200]) {
    it(`d/dκ E[cos(z − μ)] = A'(κ) = 1 − A/κ − A², κ = ${kappa}`, () => {
      const [, t] = jvp((k: Tensor) => cos(sub(VonMises(1, k).rsample(key(34), N), 1)), tensor(kappa), tensor(1)) as unknown as [Tensor, Tensor];
      const g = meanAndStderr(t.data);
      const a = besselRatio(kappa).item();
      expectWithin5Se('d/dκ', g.mean, 1 - a / kappa - a * a, g.stderr);
    });
  }
});
