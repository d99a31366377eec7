/**
 * Short training runs with fixed seeds, and the estimator study. Improvement margins are set from measured
 * runs (noted beside each): the runs are deterministic. Values are checked against an independent path
 * (the driver's estimate), never against the code's own earlier output.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../../src/index.js';
import {
  DIGITS_DVAE, DIGITS_VAE, DVAE_ESTIMATORS, TOY_DDPM, gradientVariance, initVae, rows, take, trainDiffusion, trainDvae,
  trainTestSplit, trainVae, vaeElboObjective,
} from '../../src/ml/index.js';
import { foldIn } from '../../src/random/key.js';
import { loadDigits } from '../../src/ml/node.js';

const { train, test } = trainTestSplit(loadDigits(), key(0), 0.2);

describe('Gaussian VAE', () => {
  it('the untrained test ELBO agrees with the driver\'s estimate, and two epochs improve it by more than 40 nats (measured −84.10 → −35)', () => {
    const { history } = trainVae(train.images, test.images, { config: DIGITS_VAE, epochs: 2, seed: 0 });
    // Epoch 0 is the ELBO of the initial parameters (trainVae: key(seed) folded with 0) with the evaluation
    // noise fixed, one z per test image; the driver estimates the same mean of E_z ELBO over the test images by
    // another path (a Normal site). The one-z-per-image spread bounds the first one's error from above (it
    // includes the spread between images, which a fixed image set does not have).
    const p0 = initVae(foldIn(key(0), 0), DIGITS_VAE);
    const o = vaeElboObjective(DIGITS_VAE);
    const D = test.images.shape[0]!;
    const onePerImage = o.value(p0, { data: test.images, samples: D, seed: 1 });
    const precise = o.value(p0, { data: test.images, samples: 40 * D, seed: 2 });
    expect(Math.abs(history[0]!.testElbo - precise.mean)).toBeLessThan(5 * Math.hypot(onePerImage.stderr, precise.stderr));
    expect(history[2]!.testElbo - history[0]!.testElbo).toBeGreaterThan(40);
    expect(history[2]!.trainElbo).toBeGreaterThan(history[1]!.trainElbo);
  });

  // Measured at these seeds: worst |z| 2.7 over q's 64 parameters and 3.0 over the 16,083 weights with a
  // nonzero gradient; mean z² 1.01 (t with 31 degrees of freedom has 1.07); variance ratios ≈ 49–57.
  it('score-function and pathwise ELBO gradients agree within 5 stderr on every weight; the score variance is ≥ 10× larger', () => {
    const p = initVae(key(3), DIGITS_VAE);
    const x = rows(test.images, [0, 1]);
    const r = gradientVariance(p, x, DIGITS_VAE, { samples: 4000, key: key(7) });
    const z = (a: { mean: Float64Array; stderr: Float64Array }, b: typeof a, c: number) =>
      Math.abs(a.mean[c]! - b.mean[c]!) / Math.hypot(a.stderr[c]!, b.stderr[c]!);
    let worstLatent = 0;
    for (let c = 0; c < r.latent.pathwise.mean.length; c++) worstLatent = Math.max(worstLatent, z(r.latent.pathwise, r.latent.score, c));
    expect(worstLatent).toBeLessThan(5);
    // A weight's gradient is exactly 0 for every sample when, in each image, its input pixel is 0 or its hidden
    // unit is off (ReLU pre-activation ≤ 0): there both estimators must give 0 ± 0, and everywhere else a
    // nonzero standard error.
    const l0 = p.encoder[0]!;
    const H = 256, I = 64, O = 64, images = [0, 1];
    const offIn = images.map((b) => Array.from({ length: H }, (_, j) => {
      let h = l0.b.data[j]!;
      for (let i = 0; i < I; i++) h += x.data[b * I + i]! * l0.w.data[i * H + j]!;
      return h <= 0;
    }));
    const off = (j: number) => images.every((b) => offIn[b]![j]!);
    const structural: boolean[] = [
      ...Array.from({ length: I * H }, (_, c) => images.every((b) => x.data[b * I + Math.floor(c / H)] === 0 || offIn[b]![c % H]!)),
      ...Array.from({ length: H }, (_, j) => off(j)),
      ...Array.from({ length: H * O }, (_, c) => off(Math.floor(c / O))),
      ...Array.from({ length: O }, () => false),
    ];
    expect(structural.length).toBe(r.encoder.names.length);
    let worstWeight = 0, sumZ2 = 0, counted = 0;
    for (let c = 0; c < r.encoder.names.length; c++) {
      const { pathwise: pw, score: sc } = r.encoder;
      if (structural[c]) {
        expect([pw.mean[c], pw.stderr[c], sc.mean[c], sc.stderr[c]], r.encoder.names[c]).toEqual([0, 0, 0, 0]);
        continue;
      }
      expect(pw.stderr[c]! > 0 && sc.stderr[c]! > 0, r.encoder.names[c]).toBe(true);
      const v = z(pw, sc, c);
      worstWeight = Math.max(worstWeight, v);
      sumZ2 += v * v;
      counted++;
    }
    expect(counted).toBeGreaterThan(10_000);
    expect(worstWeight).toBeLessThan(5);
    // Honest standard errors make z² average about 1 (t₃₁: 1.07); a stderr off by 25 % would show.
    expect(sumZ2 / counted).toBeGreaterThan(0.8);
    expect(sumZ2 / counted).toBeLessThan(1.3);
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
