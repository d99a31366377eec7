/**
 * Each model's loss passes checkGrads on a tiny instance (smooth activations, fixed noise). For REINFORCE
 * and straight-through the encoder gradient is by design not the derivative of the surrogate's value
 * (the score term is zero in value; the hard sample is piecewise constant), so there only the decoder,
 * whose gradient is an ordinary derivative, is checked.
 */
import { describe, it } from 'vitest';
import { Tensor, key, mean, uniform } from '../../src/index.js';
import { checkGrads } from '../../src/testing/index.js';
import { flatten, type Tree } from '../../src/ad/pytree.js';
import {
  ddpmLoss, ddpmNoise, dvaeLoss, initDdpm, initDvae, initVae, linearSchedule, vaeElbo, vaeNoise,
  type DdpmConfig, type DvaeConfig, type DvaeEstimator, type VaeConfig,
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
  it('discrete VAE, Gumbel-softmax (every parameter)', () => {
    const [f, args] = onLeaves(initDvae(key(0), dcfg), (p) => dvaeLoss(p, dx, key(4), 0.7, 'gumbel-softmax', dcfg));
    checkGrads(f, args, { order: 1, name: 'dvae-gumbel' });
  });
  for (const est of ['reinforce', 'straight-through'] as DvaeEstimator[]) {
    it(`discrete VAE, ${est} (decoder)`, () => {
      const p0 = initDvae(key(0), dcfg);
      const [f, args] = onLeaves(p0.decoder, (dec) => dvaeLoss({ encoder: p0.encoder, decoder: dec }, dx, key(4), 0.7, est, dcfg));
      checkGrads(f, args, { order: 1, name: `dvae-${est}` });
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
