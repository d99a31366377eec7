/**
 * `pathwise train vae|dvae|diffusion`: trains one of the ml/ models on data shipped or generated in code,
 * with a progress bar per epoch on stderr, a summary table (or one JSON object with --json) on stdout,
 * and, with --report DIR, an HTML/JSON report with the curves and pictures.
 */
import type { Command } from 'commander';
import * as ml from '../ml/index.js';
import { loadDigits } from '../ml/node.js';
import { key } from '../random/key.js';
import { formatTable, imageGrid, linePlot, scatterPlot, type ReportSection, type Table } from '../report/index.js';
import { BASE_MEMORY, budgetOf, checkBudget, count, type Cost } from './budget.js';
import {
  oneOf, parseOption, positiveInteger, printJson, progress, refuseUnused, sampleCount, seed as seedSchema, useColor,
  type CliContext, type CliIo, type GlobalOptions,
} from './common.js';
import { addParallelFlags, parallelFlags } from './parallel-flags.js';
import type { ParallelOptions } from '../montecarlo/execute.js';
import { checkOutputFolder, writeReportTo } from './report-output.js';
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
  workers?: string;
  cluster?: string;
  timeout?: string;
}

/**
 * The vae's variance study is cut into this many blocks per estimator run (of whole draws per image), so
 * that --workers and --cluster have blocks to share; part of the study's definition, like its seed.
 */
const STUDY_BLOCKS = 8;

interface Outcome {
  readonly json: Record<string, unknown>;
  readonly tables: Table[];
  readonly sections: ReportSection[];
}

/**
 * Work per epoch in sample-steps (≈ µs here; measured under load: vae 20–35 s, dvae about 17 s,
 * diffusion about 9 s per epoch): one pass over the 1437 training digits (vae; dvae three times, once per
 * estimator, with its latent samples) or the toy data set with its 100 noise levels (diffusion); the vae's
 * variance table costs per sample of z and image. Memory: the vae's variance table holds every sample's
 * gradient of the encoder outputs and the decoder's activations for them.
 */
const EPOCH_WORK: Record<Model, number> = { vae: 3e7, dvae: 2e7, diffusion: 1e7 };

export function trainCost(model: Model, epochs: number, samples: number): Cost {
  const variance = model === 'vae' ? samples : 0;
  return {
    work: epochs * EPOCH_WORK[model] + 4 * 3000 * variance,
    memory: BASE_MEMORY + 150e6 + 8 * variance * 5000,
    detail: `${count(epochs)} epoch${epochs === 1 ? '' : 's'} of ${model}${model === 'vae' ? `, ${count(samples)} samples of z per image` : ''}`,
  };
}

export function registerTrain(program: Command, ctx: CliContext): void {
  const cmd = program
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
    .option('--quiet', 'print nothing but errors');
  // Training steps run one after the other on this thread; --workers and --cluster share the blocks of the
  // vae's score-vs-pathwise variance study (the estimator study).
  addParallelFlags(cmd)
    .addHelpText('after', '\nExamples:\n  $ pathwise train vae --epochs 20 --report vae-report\n  $ pathwise train vae --samples 8000 --workers 2\n  $ pathwise train dvae --json > dvae.json\n  $ pathwise train diffusion --dataset spiral')
    .action(async (modelArg: string, flags: TrainFlags, command: Command) => {
      const model = parseOption('model', modelArg, oneOf<Model>(MODELS));
      if (model !== 'vae') refuseUnused(command, ['likelihood', 'samples'], `--likelihood and --samples belong to train vae (got train ${model})`);
      if (model !== 'diffusion') refuseUnused(command, ['dataset'], `the data set is chosen for train diffusion only (got train ${model})`);
      if (model !== 'vae') refuseUnused(command, ['workers', 'cluster', 'timeout'], `they share the blocks of train vae's variance study; ${model} training runs on one thread (got train ${model})`);
      const parallel = parallelFlags(flags);
      const epochs = flags.epochs === undefined ? DEFAULT_EPOCHS[model] : parseOption('--epochs', flags.epochs, positiveInteger);
      const seed = parseOption('--seed', flags.seed, seedSchema);
      const likelihood = parseOption('--likelihood', flags.likelihood, oneOf<ml.Likelihood>(['bernoulli', 'continuous-bernoulli']));
      const dataset = parseOption('--dataset', flags.dataset, oneOf<ml.ToyDataset>(ml.TOY_DATASETS));
      const samples = parseOption('--samples', flags.samples, sampleCount);
      checkBudget(trainCost(model, epochs, samples), budgetOf(command));
      if (flags.report !== undefined) await checkOutputFolder(ctx, '--report', flags.report);
      if (ctx.checkOnly) return;
      const g: GlobalOptions = { json: flags.json === true, quiet: flags.quiet === true };
      const out = model === 'vae' ? await trainVaeCommand(ctx.io, epochs, seed, likelihood, samples, parallel, g)
        : model === 'dvae' ? trainDvaeCommand(ctx.io, epochs, seed, g) : trainDiffusionCommand(ctx.io, epochs, seed, dataset, g);
      if (!g.json && !g.quiet) ctx.io.stdout.write(`${out.tables.map((t) => formatTable(t, { color: useColor(ctx.io) })).join('\n\n')}\n`);
      let written: { htmlPath: string; jsonPath: string } | undefined;
      if (flags.report !== undefined) {
        const meta = { seed, createdAt: new Date().toISOString(), version: VERSION, model, epochs };
        written = await writeReportTo(ctx, { title: `pathwise train ${model}`, sections: out.sections, meta }, flags.report);
        if (!g.json && !g.quiet) ctx.io.stdout.write(`Report: ${written.htmlPath}\n`);
      }
      if (g.json) printJson(ctx.io, { model, epochs, seed, ...out.json, ...(written !== undefined ? { files: written } : {}) });
    });
}

function digitsSplit(seed: number): { train: ml.ImageDataset; test: ml.ImageDataset } {
  return ml.trainTestSplit(loadDigits(), key(seed), 0.2);
}

function where(e: { where: string; workers: number; reason: string } | undefined): string {
  if (e === undefined) return 'the calling thread';
  return e.where === 'worker threads' ? `${e.workers} worker threads` : e.where === 'cluster' ? 'a cluster' : `the calling thread: ${e.reason}`;
}

function curve(title: string, yLabel: string, series: { name: string; x: number[]; y: number[] }[]) {
  return linePlot({ title, xLabel: 'epoch', yLabel, series });
}

async function trainVaeCommand(io: CliIo, epochs: number, seed: number, likelihood: ml.Likelihood, samples: number, parallel: ParallelOptions, g: GlobalOptions): Promise<Outcome> {
  const digits = loadDigits();
  const { train, test } = ml.trainTestSplit(digits, key(seed), 0.2);
  const config: ml.VaeConfig = { ...ml.DIGITS_VAE, likelihood };
  const bar = progress(io, epochs, 'vae epochs', g);
  const { params, history } = ml.trainVae(train.images, test.images, { config, epochs, seed, onEpoch: (e) => e.epoch > 0 && bar.tick() });
  bar.stop();
  const probe = ml.rows(test.images, [0, 1, 2, 3]);
  // The probe images by their rows in the shipped digits, so that workers load them rather than receive them.
  const source = { dataset: 'digits' as const, rows: Array.from(ml.splitIndices(digits.labels.length, key(seed), 0.2).test.subarray(0, 4)) };
  const blockSize = Math.ceil(samples / STUDY_BLOCKS);
  const studyBar = progress(io, 4 * Math.ceil(samples / blockSize), 'variance study blocks', g);
  let last = 0;
  const gv = await ml.gradientVarianceAsync(params, probe, config, {
    samples, key: key(seed + 1), blockSize, source, ...parallel, handleSigint: true,
    onProgress: (done) => { studyBar.tick(done - last); last = done; },
  }).finally(() => studyBar.stop());
  const epochTable: Table = {
    caption: `Gaussian VAE on the 8×8 digits (64-256-32 encoder, symmetric decoder, ${likelihood} pixels): ELBO per image (nats)`,
    columns: ['epoch', 'train ELBO', 'test ELBO', 'seconds'],
    rows: history.map((e) => [e.epoch, e.trainElbo, e.testElbo, e.seconds]),
  };
  const varTable: Table = {
    caption: `ELBO gradient per-sample variance, 4 test images, ${samples} samples of z each: score function (leave-one-out baseline) against pathwise (blocks on ${where(gv.execution)})`,
    columns: [{ name: 'parameter', align: 'left' }, { name: 'size', digits: 6 }, 'pathwise variance', 'score variance', 'ratio'],
    rows: gv.rows.map((r) => [r.parameter, r.size, r.pathwiseVariance, r.scoreVariance, r.ratio]),
  };
  const recon = ml.reconstruct(params, probe.concat([ml.rows(test.images, [4, 5, 6, 7])], 0), config);
  const originals = Array.from({ length: 8 }, (_, i) => test.images.data.slice(i * 64, (i + 1) * 64));
  const pictures = ml.sampleVae(params, key(seed + 2), 16, config);
  const x = history.map((e) => e.epoch);
  return {
    json: { history, gradientVariance: { samples: gv.samples, images: gv.images, rows: gv.rows, ...(gv.execution !== undefined ? { execution: gv.execution } : {}) } },
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

function trainDvaeCommand(io: CliIo, epochs: number, seed: number, g: GlobalOptions): Outcome {
  const { train, test } = digitsSplit(seed);
  const bar = progress(io, epochs * ml.DVAE_ESTIMATORS.length, 'dvae epochs', g);
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

function trainDiffusionCommand(io: CliIo, epochs: number, seed: number, dataset: ml.ToyDataset, g: GlobalOptions): Outcome {
  const bar = progress(io, epochs, 'diffusion epochs', g);
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
