/**
 * Issue [1/5] benchmark: black-box variational inference for Bayesian logistic regression (d = 31 with the
 * intercept, n = 455 rows, 16 samples per step, Adam), time per `expectation(...).grad` step against the same
 * step in NumPy with hand-written reparameterized gradients, in the same run. Our step also returns a standard
 * error for every gradient component (NumPy's does not).
 * Run: npx tsx bench/bbvi.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pw from '../src/index.js';
import { logisticElbo, syntheticLogistic, type GaussianVariational } from '../src/ml/bbvi.js';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

const N = 455, D = 31, S = 16, STEPS = 200, RUNS = 5;
const data = syntheticLogistic(pw.key(0), N, D);
const elbo = logisticElbo(data);

function run(mode: 'forward' | 'reverse'): number {
  let p: GaussianVariational = { mu: pw.zeros([D]), logSigma: pw.zeros([D]) };
  const opt = new pw.ml.Adam({ lr: 0.02 });
  for (let step = 0; step < STEPS; step++) {
    const r = elbo.grad(p, { samples: S, seed: step, mode });
    p = opt.step(p, { mu: r.grad.mu.mean.neg(), logSigma: r.grad.logSigma.mean.neg() });
  }
  return p.mu.data[0]!;
}
const ours = { reverse: timeMedian(() => run('reverse'), RUNS, 1) / STEPS, forward: timeMedian(() => run('forward'), 3, 1) / STEPS };

const dataFile = join(mkdtempSync(join(tmpdir(), 'pathwise-bbvi-')), 'data.json');
writeFileSync(dataFile, JSON.stringify({ x: Array.from(data.x.data), y: Array.from(data.y.data) }));
const numpy = runPython(`${PY_TIMER}
import numpy as np
n, d, S, steps = ${N}, ${D}, ${S}, ${STEPS}
raw = json.load(open(${JSON.stringify(dataFile)}))
X = np.array(raw["x"]).reshape(n, d)
y = np.array(raw["y"])
rng = np.random.default_rng(0)
def run():
    mu, ls = np.zeros(d), np.zeros(d)
    m = [np.zeros(d), np.zeros(d)]; v = [np.zeros(d), np.zeros(d)]
    for t in range(1, steps + 1):
        eps = rng.standard_normal((S, d)); s = np.exp(ls); w = mu + s * eps
        p = 1 / (1 + np.exp(-(w @ X.T)))
        gw = (y - p) @ X - w
        g = (gw.mean(0), (gw * eps * s).mean(0) + 1)
        for i in range(2):
            m[i] = 0.9 * m[i] + 0.1 * g[i]; v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
            step = 0.02 * (m[i] / (1 - 0.9 ** t)) / (np.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8)
            if i == 0: mu = mu + step
            else: ls = ls + step
    return mu[0]
print(json.dumps({"step": median_time(run, ${RUNS}, 1) / steps}))
`, ['numpy']);

console.log(`BBVI, Bayesian logistic regression (n = ${N}, d = ${D}, ${S} samples/step, Adam), median of ${RUNS} runs of ${STEPS} steps: seconds per step`);
row('', 'pathwise', 'NumPy', 'ratio');
for (const mode of ['reverse', 'forward'] as const) row(`expectation().grad, ${mode} mode`, ours[mode], numpy?.step ?? 'n/a', numpy ? ours[mode] / numpy.step! : 'n/a');
