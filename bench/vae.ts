/**
 * Issue [1/5] item 5 and [7/7] benchmark: one VAE training step (batch 128, 64-256-32 Gaussian encoder,
 * symmetric decoder, Bernoulli pixels, gradient + Adam), float64:
 * - through `expectation` (what `trainVae` does): pathwise site, reverse mode, TRAIN_GROUPS batch-means
 *   groups (and the default 32 groups, for the cost of a finer standard error);
 * - the hand-written step it replaced (kept here only as the baseline): valueAndGrad of minus the batch-mean
 *   single-sample ELBO;
 * - PyTorch CPU autograd for the same architecture and batch, one thread, float64 and float32.
 * Then the same short training on the digits in both, to compare final ELBOs.
 * Goals: the expectation step no slower than the hand-written one; ≤ 2× PyTorch float64.
 * The two pathwise steps are timed interleaved (one of each per round) so that a change of machine load
 * hits both; medians. PATHWISE_BENCH_CLOCK=cpu times CPU instead of wall time (a shared machine).
 * Run: npx tsx bench/vae.ts [epochs]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { key, mean, neg, tidy, valueAndGrad, type Tensor } from '../src/index.js';
import {
  Adam, DIGITS_VAE, TRAIN_GROUPS, ascentGradient, initVae, rows, trainTestSplit, trainVae, vaeElbo, vaeElboObjective, vaeNoise,
  type VaeParams,
} from '../src/ml/index.js';
import { loadDigits } from '../src/ml/node.js';
import { PY_TIMER, median, row, runPython, timeMedian } from './lib/harness.js';

const BATCH = 128;
const RUNS = 21;
const EPOCHS = Number(process.argv[2] ?? 10);

const { train, test } = trainTestSplit(loadDigits(), key(0), 0.2);
const x = rows(train.images, Array.from({ length: BATCH }, (_, i) => i));

// The baseline: the hand-written step that trainVae used before it went through `expectation`.
const handLoss = (p: VaeParams, xb: Tensor, k: ReturnType<typeof key>) => neg(mean(vaeElbo(p, xb, vaeNoise(k, xb.shape[0]!, DIGITS_VAE.latentDim), DIGITS_VAE)));
const handGrad = valueAndGrad(handLoss);
const elbo = vaeElboObjective(DIGITS_VAE);

interface Stepper { params: VaeParams; readonly opt: Adam; readonly step: (s: Stepper, i: number) => VaeParams }
const stepper = (step: Stepper['step']): Stepper => ({ params: initVae(key(1), DIGITS_VAE), opt: new Adam({ lr: 1e-3 }), step });
const hand = stepper((s, i) => s.opt.step(s.params, handGrad(s.params, x, key(i))[1]));
const through = (groups: number) => stepper((s, i) => s.opt.step(s.params, ascentGradient<VaeParams>(
  elbo.grad(s.params, { data: x, samples: BATCH, seed: i, estimator: 'pathwise', groups }).grad)));
const steppers = { hand, expectation: through(TRAIN_GROUPS), expectation32: through(32) };
const times: Record<keyof typeof steppers, number[]> = { hand: [], expectation: [], expectation32: [] };
const load0 = loadavg()[0]!;
for (let round = 0; round < RUNS + 3; round++) {
  for (const name of Object.keys(steppers) as (keyof typeof steppers)[]) {
    const s = steppers[name];
    const t = timeMedian(() => {
      s.params = tidy(() => s.step(s, round));
      return s.params.encoder[0]!.w.data;
    }, 1, 0);
    if (round >= 3) times[name].push(t);
  }
}
const load1 = loadavg()[0]!;
const tHand = median(times.hand), tExp = median(times.expectation), tExp32 = median(times.expectation32);

const t0 = performance.now();
const { history } = trainVae(train.images, test.images, { config: DIGITS_VAE, epochs: EPOCHS, seed: 0 });
const trainSeconds = (performance.now() - t0) / 1000;
const last = history[history.length - 1]!;

const dir = mkdtempSync(join(tmpdir(), 'pathwise-vae-'));
const dataFile = join(dir, 'digits.json');
writeFileSync(dataFile, JSON.stringify({ train: Array.from(train.images.data), test: Array.from(test.images.data) }));

const py = `${PY_TIMER}
import torch, json
torch.set_num_threads(1)
d = json.load(open(${JSON.stringify(dataFile)}))
def run(dtype):
    torch.manual_seed(0)
    enc = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 64)).to(dtype)
    dec = torch.nn.Sequential(torch.nn.Linear(32, 256), torch.nn.ReLU(), torch.nn.Linear(256, 64)).to(dtype)
    ps = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.Adam(ps, lr=1e-3)
    def elbo(x):
        h = enc(x); mu, ls = h[:, :32], h[:, 32:]
        z = mu + torch.exp(ls) * torch.randn_like(mu)
        l = dec(z)
        ll = (x * l - torch.nn.functional.softplus(l)).sum(-1)
        kl = 0.5 * (mu * mu + torch.exp(2 * ls) - 1 - 2 * ls).sum(-1)
        return ll - kl
    def step(x):
        opt.zero_grad(); loss = -elbo(x).mean(); loss.backward(); opt.step()
    xtr = torch.tensor(d['train'], dtype=dtype).reshape(-1, 64)
    xte = torch.tensor(d['test'], dtype=dtype).reshape(-1, 64)
    xb = xtr[:${BATCH}]
    t = median_time(lambda: step(xb), ${RUNS}, 5)
    return t, xtr, xte, step, elbo
t64, xtr, xte, step, elbo = run(torch.float64)
import time
t0 = time.perf_counter()
g = torch.Generator().manual_seed(0)
for epoch in range(${EPOCHS}):
    perm = torch.randperm(xtr.shape[0], generator=g)
    for s in range(0, xtr.shape[0], ${BATCH}):
        step(xtr[perm[s:s + ${BATCH}]])
secs = time.perf_counter() - t0
with torch.no_grad():
    tr, te = elbo(xtr).mean().item(), elbo(xte).mean().item()
t32 = run(torch.float32)[0]
print(json.dumps({"step64": t64, "step32": t32, "train": tr, "test": te, "seconds": secs}))
`;

// One thread: bench/lib/harness.ts pins OMP/MKL/OpenBLAS to one thread for every peer anyway.
const one = runPython(py, ['torch']);

console.log(`VAE training step, batch ${BATCH}, 64-256-(2×32) encoder, 32-256-64 decoder, Bernoulli pixels; median of ${RUNS} (ms); load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${process.env.PATHWISE_BENCH_CLOCK === 'cpu' ? 'CPU' : 'wall'} clock`);
row('', 'pathwise', 'PyTorch', 'ratio');
row('hand-written step (old baseline)', tHand * 1e3, one ? one.step64! * 1e3 : 'n/a', one ? tHand / one.step64! : 'n/a');
row(`expectation step, ${TRAIN_GROUPS} groups`, tExp * 1e3, one ? one.step64! * 1e3 : 'n/a', one ? tExp / one.step64! : 'n/a');
row('expectation step, 32 groups', tExp32 * 1e3, one ? one.step64! * 1e3 : 'n/a', one ? tExp32 / one.step64! : 'n/a');
row('  PyTorch float32, 1 thread', '', one ? one.step32! * 1e3 : 'n/a', one ? tExp / one.step32! : 'n/a');
row(`expectation (${TRAIN_GROUPS} groups) / hand-written`, tExp / tHand);
console.log(`\n${EPOCHS} epochs on the digits (1438 train / 359 test images), single-sample ELBO per image (nats)`);
row('', 'pathwise', 'PyTorch (1 thread)');
row('final train ELBO', last.trainElbo, one?.train ?? 'n/a');
row('final test ELBO', last.testElbo, one?.test ?? 'n/a');
row('training seconds', trainSeconds, one?.seconds ?? 'n/a');
console.log('  goals: expectation step / hand-written ≤ 1; step ratio ≤ 2 against PyTorch float64, 1 thread. Initialisations differ (keyed Glorot/He vs PyTorch\'s default).');
