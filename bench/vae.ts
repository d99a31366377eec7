/**
 * Issue [7/7] benchmark: one VAE training step (batch 128, 64-256-32 Gaussian encoder, symmetric decoder,
 * Bernoulli pixels, forward + reverse + Adam) against PyTorch CPU autograd for the same architecture and
 * batch in the same run, float64 on both sides (pathwise is float64 throughout) and PyTorch float32 for
 * reference. Then the same short training on the digits in both, to compare final ELBOs.
 * Goal: no slower than 2× PyTorch (one thread each). Timings are medians; the machine may be shared.
 * Run: npx tsx bench/vae.ts [epochs]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { key, tidy, valueAndGrad } from '../src/index.js';
import { Adam, DIGITS_VAE, initVae, rows, trainTestSplit, trainVae, vaeLoss } from '../src/ml/index.js';
import { loadDigits } from '../src/ml/node.js';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

const BATCH = 128;
const RUNS = 21;
const EPOCHS = Number(process.argv[2] ?? 10);

const { train, test } = trainTestSplit(loadDigits(), key(0), 0.2);
const x = rows(train.images, Array.from({ length: BATCH }, (_, i) => i));
const lossGrad = valueAndGrad(vaeLoss);
let params = initVae(key(1), DIGITS_VAE);
const opt = new Adam({ lr: 1e-3 });
let step = 0;
const tStep = timeMedian(() => {
  params = tidy(() => opt.step(params, lossGrad(params, x, key(step++), DIGITS_VAE)[1]));
  return params.encoder[0]!.w.data;
}, RUNS, 5);

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

console.log(`VAE training step, batch ${BATCH}, 64-256-(2×32) encoder, 32-256-64 decoder, Bernoulli pixels; median of ${RUNS} (ms)`);
row('', 'pathwise', 'PyTorch', 'ratio');
row('step, float64, 1 thread', tStep * 1e3, one ? one.step64! * 1e3 : 'n/a', one ? tStep / one.step64! : 'n/a');
row('  PyTorch float32, 1 thread', '', one ? one.step32! * 1e3 : 'n/a', one ? tStep / one.step32! : 'n/a');
console.log(`\n${EPOCHS} epochs on the digits (1438 train / 359 test images), single-sample ELBO per image (nats)`);
row('', 'pathwise', 'PyTorch (1 thread)');
row('final train ELBO', last.trainElbo, one?.train ?? 'n/a');
row('final test ELBO', last.testElbo, one?.test ?? 'n/a');
row('training seconds', trainSeconds, one?.seconds ?? 'n/a');
console.log('  goal: step ratio ≤ 2 against PyTorch float64, 1 thread. Initialisations differ (keyed Glorot/He vs PyTorch\'s default).');
