/**
 * Short training runs with fixed seeds. Margins are set from measured runs (noted beside each), with
 * room for nothing but a change of behaviour: the runs are deterministic.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/index.js';
import {
  DIGITS_DVAE, DIGITS_VAE, DVAE_ESTIMATORS, TOY_DDPM, gradientVariance, initVae, rows, take, trainDiffusion, trainDvae,
  trainTestSplit, trainVae,
} from '../../src/ml/index.js';
import { loadDigits } from '../../src/ml/node.js';

const { train, test } = trainTestSplit(loadDigits(), key(0), 0.2);

describe('Gaussian VAE', () => {
  it('two epochs improve the test ELBO by more than 40 nats (measured −84.10 → −34.51)', () => {
    const { history } = trainVae(train.images, test.images, { config: DIGITS_VAE, epochs: 2, seed: 0 });
    expect(history[0]!.testElbo).toBeCloseTo(-84.10, 1);
    expect(history[2]!.testElbo - history[0]!.testElbo).toBeGreaterThan(40);
    expect(history[2]!.trainElbo).toBeGreaterThan(history[1]!.trainElbo);
  });

  // Measured worst |z| over q's 64 parameters: 4.05 with 1000 samples, 2.30 with 4000, 2.40 with 16 000 (no
  // trend, so no bias: the score function's heavy tails make small-sample maxima jumpy); ratios ≈ 45.
  it('score-function and pathwise ELBO gradients agree within 5 stderr; the score variance is ≥ 10× larger', () => {
    const p = initVae(key(3), DIGITS_VAE);
    const r = gradientVariance(p, rows(test.images, [0, 1]), DIGITS_VAE, { samples: 4000, key: key(7) });
    const z = (a: { mean: Float64Array; stderr: Float64Array }, b: typeof a, c: number) =>
      Math.abs(a.mean[c]! - b.mean[c]!) / Math.hypot(a.stderr[c]!, b.stderr[c]!);
    let worstLatent = 0;
    for (let c = 0; c < r.latent.pathwise.mean.length; c++) worstLatent = Math.max(worstLatent, z(r.latent.pathwise, r.latent.score, c));
    let worstWeight = 0;
    for (let c = 0; c < r.encoder.names.length; c++) {
      if (r.encoder.score.stderr[c]! > 0) worstWeight = Math.max(worstWeight, z(r.encoder.pathwise, r.encoder.score, c));
    }
    expect(worstLatent).toBeLessThan(5);
    expect(worstWeight).toBeLessThan(5);
    for (const row of r.rows) expect(row.ratio).toBeGreaterThan(10);
  });
});

describe('discrete VAE', () => {
  it('each estimator improves the discrete test ELBO in two epochs on 400 images', () => {
    const small = take(train, 400);
    for (const estimator of DVAE_ESTIMATORS) {
      const { history } = trainDvae(small.images, take(test, 200).images, { config: DIGITS_DVAE, estimator, epochs: 2, seed: 0, batchSize: 64 });
      expect(history[2]!.testElbo - history[0]!.testElbo, estimator).toBeGreaterThan(10);
    }
  });
});

describe('diffusion', () => {
  for (const dataset of ['moons', 'spiral'] as const) {
    it(`${dataset}: trained samples are far closer to the data than the untrained model's (measured ≈ 0.017 vs 7498)`, () => {
      const r = trainDiffusion({ config: { ...TOY_DDPM, hidden: [64, 64], steps: 50 }, dataset, epochs: 15, seed: 0, points: 2048, evalSamples: 300 });
      expect(r.distance.trained).toBeLessThan(0.05);
      expect(r.distance.trained).toBeLessThan(1e-3 * r.distance.untrained);
    });
  }
});
