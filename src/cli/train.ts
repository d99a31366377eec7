/**
 * `pathwise train vae|dvae|diffusion`: trains one of the ml/ models on data shipped or generated in code,
 * with a progress bar per epoch on stderr, a summary table (or one JSON object with --json) on stdout,
 * and, with --report DIR, an HTML/JSON report with the curves and pictures.
 */
import type { Command } from 'commander';
import * as ml from '../ml/index.js';
import { loadDigits } from '../ml/node.js';
import { key } from '../random/key.js';
import { formatTable, imageGrid, linePlot, scatterPlot, writeReport, type ReportSection, type Table } from '../report/index.js';
import { oneOf, parseOption, positiveInteger, printJson, progress, seed as seedSchema, useColor, type GlobalOptions } from './common.js';
import { VERSION } from './version.js';

const MODELS = ['vae', 'dvae', 'diffusion'] as const;
type Model = (typeof MODELS)[number];
const DEFAULT_EPOCHS: Record<Model, number> = { vae: 30, dvae: 30, diffusion: 150 };

interface TrainFlags {
  epochs?: string;
  seed: string;
  likelihood: string;
  dataset: string;
  samples: string;
  report?: string;
  json?: boolean;
  quiet?: boolean;
}

interface Outcome {
  readonly json: Record<string, unknown>;
  readonly tables: Table[];
  readonly sections: ReportSection[];
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .argument('<model>', `the model: ${MODELS.join(', ')}`)
    .description('train a VAE, a discrete-latent VAE or a toy diffusion model and report its curves')
    .option('--epochs <n>', 'training epochs (default: vae 30, dvae 30, diffusion 150)')
    .option('--seed <s>', 'integer seed', '0')
    .option('--likelihood <l>', 'vae pixel likelihood: bernoulli, continuous-bernoulli', 'bernoulli')
    .option('--dataset <d>', `diffusion data: ${ml.TOY_DATASETS.join(', ')}`, 'moons')
    .option('--samples <n>', 'vae: samples of z per image for the score-vs-pathwise variance table', '2000')
    .option('--report <dir>', 'also write an HTML/JSON report with curves and pictures')
    .option('--json', 'print one JSON object, nothing else')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  $ pathwise train vae --epochs 20 --report vae-report\n  $ pathwise train dvae --json > dvae.json\n  $ pathwise train diffusion --dataset spiral')
    .action(async (modelArg: string, flags: TrainFlags) => {
      const model = parseOption('model', modelArg, oneOf<Model>(MODELS));
      const epochs = flags.epochs === undefined ? DEFAULT_EPOCHS[model] : parseOption('--epochs', flags.epochs, positiveInteger);
      const seed = parseOption('--seed', flags.seed, seedSchema);
      const likelihood = parseOption('--likelihood', flags.likelihood, oneOf<ml.Likelihood>(['bernoulli', 'continuous-bernoulli']));
      const dataset = parseOption('--dataset', flags.dataset, oneOf<ml.ToyDataset>(ml.TOY_DATASETS));
      const samples = parseOption('--samples', flags.samples, positiveInteger);
      const g: GlobalOptions = { json: flags.json === true, quiet: flags.quiet === true };
      const out = model === 'vae' ? trainVaeCommand(epochs, seed, likelihood, samples, g)
        : model === 'dvae' ? trainDvaeCommand(epochs, seed, g) : trainDiffusionCommand(epochs, seed, dataset, g);
      if (g.json) printJson({ model, epochs, seed, ...out.json });
      else if (!g.quiet) process.stdout.write(`${out.tables.map((t) => formatTable(t, { color: useColor() })).join('\n\n')}\n`);
      if (flags.report !== undefined) {
        const meta = { seed, createdAt: new Date().toISOString(), version: VERSION, model, epochs };
        const written = await writeReport({ title: `pathwise train ${model}`, sections: out.sections, meta }, flags.report);
        if (!g.json && !g.quiet) process.stdout.write(`Report: ${written.htmlPath}\n`);
      }
    });
}

function digitsSplit(seed: number): { train: ml.ImageDataset; test: ml.ImageDataset } {
  return ml.trainTestSplit(loadDigits(), key(seed), 0.2);
}

function curve(title: string, yLabel: string, series: { name: string; x: number[]; y: number[] }[]) {
  return linePlot({ title, xLabel: 'epoch', yLabel, series });
}

function trainVaeCommand(epochs: number, seed: number, likelihood: ml.Likelihood, samples: number, g: GlobalOptions): Outcome {
  const { train, test } = digitsSplit(seed);
  const config: ml.VaeConfig = { ...ml.DIGITS_VAE, likelihood };
  const bar = progress(epochs, 'vae epochs', g);
  const { params, history } = ml.trainVae(train.images, test.images, { config, epochs, seed, onEpoch: (e) => e.epoch > 0 && bar.tick() });
  bar.stop();
  const probe = ml.rows(test.images, [0, 1, 2, 3]);
  const gv = ml.gradientVariance(params, probe, config, { samples, key: key(seed + 1) });
  const epochTable: Table = {
    caption: `Gaussian VAE on the 8×8 digits (64-256-32 encoder, symmetric decoder, ${likelihood} pixels): ELBO per image (nats)`,
    columns: ['epoch', 'train ELBO', 'test ELBO', 'seconds'],
    rows: history.map((e) => [e.epoch, e.trainElbo, e.testElbo, e.seconds]),
  };
  const varTable: Table = {
    caption: `ELBO gradient per-sample variance, 4 test images, ${samples} samples of z each: score function (leave-one-out baseline) against pathwise`,
    columns: [{ name: 'parameter', align: 'left' }, { name: 'size', digits: 6 }, 'pathwise variance', 'score variance', 'ratio'],
    rows: gv.rows.map((r) => [r.parameter, r.size, r.pathwiseVariance, r.scoreVariance, r.ratio]),
  };
  const recon = ml.reconstruct(params, probe.concat([ml.rows(test.images, [4, 5, 6, 7])], 0), config);
  const originals = Array.from({ length: 8 }, (_, i) => test.images.data.slice(i * 64, (i + 1) * 64));
  const pictures = ml.sampleVae(params, key(seed + 2), 16, config);
  const x = history.map((e) => e.epoch);
  return {
    json: { history, gradientVariance: { samples: gv.samples, images: gv.images, rows: gv.rows } },
    tables: [epochTable, varTable],
    sections: [
      { id: 'elbo', title: 'ELBO per epoch', tables: [epochTable], plots: [{ spec: curve('ELBO per image', 'ELBO (nats)', [{ name: 'train', x, y: history.map((e) => e.trainElbo) }, { name: 'test', x, y: history.map((e) => e.testElbo) }]) }] },
      {
        id: 'pictures', title: 'Reconstructions and samples',
        plots: [
          { spec: imageGrid({ images: [...originals, ...recon], width: 8, height: 8, columns: 8, title: 'Test images (top) and reconstructions at z = μ(x) (bottom)' }) },
          { spec: imageGrid({ images: pictures, width: 8, height: 8, columns: 8, title: 'Decoded prior samples z ~ N(0, I)' }) },
        ],
      },
      { id: 'variance', title: 'Why the reparameterization trick matters', text: 'Per-sample variance of the ELBO gradient with respect to the encoder, by the pathwise estimator and by the score function with the leave-one-out baseline, at the trained parameters (decoder gradients are identical for both).', tables: [varTable] },
    ],
  };
}

function trainDvaeCommand(epochs: number, seed: number, g: GlobalOptions): Outcome {
  const { train, test } = digitsSplit(seed);
  const bar = progress(epochs * ml.DVAE_ESTIMATORS.length, 'dvae epochs', g);
  const runs = ml.DVAE_ESTIMATORS.map((estimator) => ({
    estimator,
    history: ml.trainDvae(train.images, test.images, { config: ml.DIGITS_DVAE, estimator, epochs, seed, onEpoch: (e) => e.epoch > 0 && bar.tick() }).history,
  }));
  bar.stop();
  const table: Table = {
    caption: `Bernoulli-latent VAE (32 binary latents, ${ml.DIGITS_DVAE.samples} samples per image): discrete test ELBO per image (nats) by epoch`,
    columns: ['epoch', ...runs.map((r) => r.estimator), 'temperature'],
    rows: runs[0]!.history.map((e, i) => [e.epoch, ...runs.map((r) => r.history[i]!.testElbo), e.temperature]),
  };
  const x = runs[0]!.history.map((e) => e.epoch);
  return {
    json: { runs },
    tables: [table],
    sections: [{
      id: 'elbo', title: 'Discrete ELBO of the three estimators', tables: [table],
      text: 'REINFORCE with the leave-one-out baseline (unbiased), Gumbel-softmax with an annealed temperature and straight-through (both biased), judged by the same discrete ELBO with hard samples.',
      plots: [
        { spec: curve('Test ELBO per image', 'ELBO (nats)', runs.map((r) => ({ name: r.estimator, x, y: r.history.map((e) => e.testElbo) }))) },
        { spec: curve('Train ELBO per image', 'ELBO (nats)', runs.map((r) => ({ name: r.estimator, x, y: r.history.map((e) => e.trainElbo) }))) },
      ],
    }],
  };
}

function trainDiffusionCommand(epochs: number, seed: number, dataset: ml.ToyDataset, g: GlobalOptions): Outcome {
  const bar = progress(epochs, 'diffusion epochs', g);
  const r = ml.trainDiffusion({ config: ml.TOY_DDPM, dataset, epochs, seed, onEpoch: () => bar.tick() });
  bar.stop();
  const table: Table = {
    caption: `DDPM on ${dataset} (T = ${ml.TOY_DDPM.steps}, MLP 18-128-128-128-2): squared energy distance of 1000 samples to held-out data`,
    columns: [{ name: 'model', align: 'left' }, 'energy distance²'],
    rows: [['untrained network', r.distance.untrained], ['Gaussian with the data\'s mean and covariance', r.distance.gaussian], ['trained network', r.distance.trained], ['held-out data (sampling floor)', r.distance.dataToData]],
  };
  const col = (t: { data: Float64Array }, c: number) => Array.from({ length: t.data.length / 2 }, (_, i) => t.data[2 * i + c]!);
  return {
    json: { dataset, history: r.history, distance: r.distance },
    tables: [table],
    sections: [
      { id: 'distance', title: 'Samples against data', tables: [table], plots: [{ spec: scatterPlot({ title: `DDPM samples against ${dataset} data`, xLabel: 'x₁', yLabel: 'x₂', series: [{ name: 'data', x: col(r.data, 0), y: col(r.data, 1) }, { name: 'samples', x: col(r.samples, 0), y: col(r.samples, 1) }] }) }] },
      { id: 'loss', title: 'Training loss', plots: [{ spec: curve('Noise-prediction loss', 'mean squared error', [{ name: 'loss', x: r.history.map((e) => e.epoch), y: r.history.map((e) => e.loss) }]) }] },
    ],
  };
}
