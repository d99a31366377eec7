/**
 * Each model's loss passes checkGrads on a tiny instance (smooth activations, fixed noise). The discrete VAE's
 * objective runs through `expectation`: its reverse-mode gradient is checked against the driver's central
 * finite differences on the same samples (common random numbers). For REINFORCE and straight-through the
 * encoder gradient is by design not the derivative of a sample's value (the hard sample is piecewise
 * constant), so there only the decoder, whose gradient is an ordinary derivative, is compared.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, key, mean, uniform } from '../../src/index.js';
import { checkGrads } from '../../src/testing/index.js';
import { flatten, type Tree } from '../../src/ad/pytree.js';
import {
  ddpmLoss, ddpmNoise, dvaeElboObjective, initDdpm, initDvae, initVae, linearSchedule, vaeElbo, vaeNoise,
  type DdpmConfig, type DvaeConfig, type DvaeEstimator, type DvaeParams, type VaeConfig,
} from '../../src/ml/index.js';

/** f as a function of the tree's tensor leaves, for checkGrads. */
function onLeaves<T>(tree: T, f: (t: T) => Tensor): [(...xs: Tensor[]) => Tensor, Tensor[]] {
  const { leaves, rebuild } = flatten(tree as Tree, 'test');
  return [(...xs) => f(rebuild(xs) as T), leaves as Tensor[]];
}

const pixels = (n: number, d: number, seed: number) => new Tensor(uniform(key(seed), n * d), [n, d]);

describe('checkGrads of the models', () => {
  for (const likelihood of ['bernoulli', 'continuous-bernoulli'] as const) {
    it(`VAE ELBO (${likelihood})`, () => {
      const config: VaeConfig = { inputDim: 5, hidden: [4], latentDim: 2, likelihood, activation: 'tanh' };
      const x = pixels(3, 5, 1);
      const eps = vaeNoise(key(2), 3, 2);
      const [f, args] = onLeaves(initVae(key(0), config), (p) => mean(vaeElbo(p, x, eps, config)));
      checkGrads(f, args, { order: 2, name: `vae-${likelihood}` });
    });
  }

  const dcfg: DvaeConfig = { inputDim: 5, hidden: [4], latentDim: 3, activation: 'tanh', samples: 2 };
  const dx = pixels(2, 5, 3);
  /** Reverse mode against central differences (h = 1e-5, same samples) on the components `which` picks. */
  const againstFd = (est: DvaeEstimator, which: (p: DvaeParams) => Tensor[]) => {
    const o = dvaeElboObjective(dcfg, est);
    const p0 = initDvae(key(0), dcfg);
    const options = { data: dx, samples: 4 * dcfg.samples, seed: 4, estimator: est === 'reinforce' ? 'score' as const : 'pathwise' as const };
    o.grad(p0, dx, key(4), 0.7);   // sets the temperature of the program
    const rev = o.objective.grad(p0, { ...options, mode: 'reverse' }).grad;
    const fd = o.objective.grad(p0, { ...options, estimator: 'fd', fdStep: 1e-5 }).grad;
    const r = which(flattenGrad(rev, 'mean')), f = which(flattenGrad(fd, 'mean'));
    let worst = 0, scale = 0;
    r.forEach((t, i) => t.data.forEach((v, j) => {
      worst = Math.max(worst, Math.abs(v - f[i]!.data[j]!));
      scale = Math.max(scale, Math.abs(v));
    }));
    expect(scale).toBeGreaterThan(1e-3);
    // Central differences of smooth per-sample functions: O(h²) truncation, O(ε/h) round-off ≈ 1e-10.
    expect(worst / scale).toBeLessThan(1e-6);
  };
  const flattenGrad = (g: unknown, field: 'mean'): DvaeParams => {
    const t = g as { encoder: { w: Record<string, Tensor>; b: Record<string, Tensor> }[]; decoder: { w: Record<string, Tensor>; b: Record<string, Tensor> }[] };
    const pick = (l: { w: Record<string, Tensor>; b: Record<string, Tensor> }) => ({ w: l.w[field]!, b: l.b[field]! });
    return { encoder: t.encoder.map(pick), decoder: t.decoder.map(pick) };
  };
  it('discrete VAE, Gumbel-softmax: every parameter against finite differences', () => {
    againstFd('gumbel-softmax', (p) => [...p.encoder, ...p.decoder].flatMap((l) => [l.w, l.b]));
  });
  for (const est of ['reinforce', 'straight-through'] as DvaeEstimator[]) {
    it(`discrete VAE, ${est}: the decoder against finite differences`, () => {
      againstFd(est, (p) => p.decoder.flatMap((l) => [l.w, l.b]));
    });
  }

  it('DDPM noise-prediction loss', () => {
    const config: DdpmConfig = { dim: 2, steps: 10, embedDim: 4, hidden: [5], activation: 'silu' };
    const x0 = pixels(4, 2, 5);
    const noise = ddpmNoise(key(6), 4, config);
    const [f, args] = onLeaves(initDdpm(key(0), config), (p) => ddpmLoss(p, x0, noise, linearSchedule(10), config));
    checkGrads(f, args, { order: 2, name: 'ddpm' });
  });
});
