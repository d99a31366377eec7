/**
 * Issue [4/7] benchmark. (1) Forward (tangent) sensitivities of a Heston-type 2-dimensional SDE to three
 * parameters (κ, θ, ξ), Euler full truncation, 1e5 paths × 256 steps, loss = call payoff (S_T − K)⁺, with
 * per-path standard errors; peers in the same run: a hand-written NumPy tangent-process code (vectorized
 * over all paths, single-threaded) and PyTorch autograd through the same Euler loop (one thread; it
 * returns the mean gradient only). (2) Adjoint memory as the number of steps grows (256, 1024, 4096):
 * states held at once (counted), for nested checkpoints (16 per level), one level (k = √N) and, for
 * contrast, every state; and the peak resident memory of one process per configuration above its
 * warmed-up baseline (which also holds one step's tape, the buffer pool and the garbage collector's slack).
 * Absolute times are noise on a shared machine; the ratios measured in one run are the result.
 * Run: npx tsx bench/sde.ts [paths] [steps] [nomem]   (defaults 1e5, 256; "nomem" skips part 2)
 */
import { maximum, reshape, sqrt } from '../src/ad/ops/index.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { key } from '../src/random/key.js';
import { component, fromComponents, sensitivity } from '../src/sde/index.js';
import type { ParamTensors, SensitivityOptions } from '../src/sde/index.js';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

const args = process.argv.slice(2);
const PATHS = Number(args[0] ?? 100_000);
const STEPS = Number(args[1] ?? 256);
const RUNS = 3;
const MEM_PATHS = 4096;
const P = { mu: 0.02, kappa: 1.5, theta: 0.04, xi: 0.5, rho: -0.7 };
const S0 = 100, V0 = 0.04, T = 1, K = 100;
type HP = typeof P;

const col = (x: Tensor, i: number): Tensor => component(x, i);
const heston: Pick<SensitivityOptions<HP>, 'drift' | 'diffusion' | 'loss'> = {
  drift: (_t, x, p: ParamTensors<HP>) => {
    const s = col(x, 0), v = col(x, 1);
    return fromComponents([s.mul(p.mu), p.kappa.mul(p.theta.sub(v))]);
  },
  diffusion: (_t, x, p: ParamTensors<HP>) => {
    const s = col(x, 0);
    const sv = sqrt(maximum(col(x, 1), 1e-300));  // full truncation: √v⁺
    const vol = sv.mul(p.xi);
    const rhoBar = p.rho.square().neg().add(1).sqrt();
    return reshape(fromComponents([sv.mul(s), null, vol.mul(p.rho), vol.mul(rhoBar)]), [x.shape[0]!, 2, 2]);
  },
  loss: (x) => maximum(col(x, 0).sub(K), 0),
};

// The drift and diffusion above ignore t and read no values: declared autonomous, each batch's fused step is
// recorded once and replayed (src/sde/fused-step.ts). PATHWISE_BENCH_AUTONOMOUS=0 records it at every step.
const AUTONOMOUS = process.env.PATHWISE_BENCH_AUTONOMOUS !== '0';
type Plan = { checkpointEvery?: number; checkpoints?: number };
function run(mode: 'forward' | 'adjoint', paths: number, steps: number, plan: Plan = {}) {
  return sensitivity<HP>({
    ...heston, x0: [S0, V0], params: P, t1: T, steps, paths, noise: 'general', key: key(11),
    mode, wrt: ['kappa', 'theta', 'xi'], chunkSize: 8192, autonomous: AUTONOMOUS, ...plan,
  });
}

// Child mode: one adjoint run, reporting its peak resident memory above the baseline after warm-up.
if (args[0] === '--adjoint-mem') {
  const steps = Number(args[1]);
  const plan = JSON.parse(args[2]!) as Plan;
  run('adjoint', 256, 16, plan);
  const base = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = run('adjoint', MEM_PATHS, steps, plan);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ states: r.diagnostics.storedStates, extraMB: (peak - base) / 2 ** 20, seconds: (performance.now() - t0) / 1000 }));
  process.exit(0);
}


let last = run('forward', 1000, STEPS);
const ours = timeMedian(() => {
  last = run('forward', PATHS, STEPS);
  return last.grad.kappa!.mean;
}, RUNS, 1);

const numpy = runPython(`${PY_TIMER}
import numpy as np
n, steps = ${PATHS}, ${STEPS}
mu, kappa, theta, xi, rho = ${P.mu}, ${P.kappa}, ${P.theta}, ${P.xi}, ${P.rho}
h = ${T} / steps; rb = np.sqrt(1 - rho * rho)
rng = np.random.default_rng(11)
def tangent():
    s = np.full(n, ${S0}); v = np.full(n, ${V0})
    ds = np.zeros((3, n)); dv = np.zeros((3, n))   # tangents wrt kappa, theta, xi
    sh = np.sqrt(h)
    for _ in range(steps):
        z = rng.standard_normal((2, n)) * sh
        vp = np.maximum(v, 0.0); sv = np.sqrt(vp)
        dsv = np.where(v > 0, 0.5 / np.where(sv > 0, sv, 1.0), 0.0) * dv   # d√v⁺ for each tangent
        w2 = rho * z[0] + rb * z[1]
        ds_new = ds + mu * ds * h + (dsv * s + sv * ds) * z[0]
        dv_new = dv - kappa * dv * h + xi * dsv * w2
        dv_new[0] += (theta - v) * h
        dv_new[1] += kappa * h
        dv_new[2] += sv * w2
        s, v = s + mu * s * h + sv * s * z[0], v + kappa * (theta - v) * h + xi * sv * w2
        ds, dv = ds_new, dv_new
    itm = s > ${K}
    g = np.where(itm, ds, 0.0)
    return g.mean(axis=1), g.std(axis=1, ddof=1) / np.sqrt(n)
r = tangent()
print(json.dumps({"t": median_time(tangent, ${RUNS}, 1), "kappa": r[0][0], "theta": r[0][1], "xi": r[0][2]}))
`, ['numpy']);

const torch = runPython(`${PY_TIMER}
import torch
torch.set_num_threads(1)
torch.manual_seed(11)
n, steps, h = ${PATHS}, ${STEPS}, ${T} / ${STEPS}
def run():
    kappa = torch.tensor(${P.kappa}, dtype=torch.float64, requires_grad=True)
    theta = torch.tensor(${P.theta}, dtype=torch.float64, requires_grad=True)
    xi = torch.tensor(${P.xi}, dtype=torch.float64, requires_grad=True)
    mu, rho = ${P.mu}, ${P.rho}; rb = (1 - rho * rho) ** 0.5
    s = torch.full((n,), ${S0}, dtype=torch.float64); v = torch.full((n,), ${V0}, dtype=torch.float64)
    for _ in range(steps):
        z = torch.randn(2, n, dtype=torch.float64) * h ** 0.5
        sv = torch.sqrt(torch.clamp(v, min=0.0))
        s, v = s + mu * s * h + sv * s * z[0], v + kappa * (theta - v) * h + xi * sv * (rho * z[0] + rb * z[1])
    loss = torch.clamp(s - ${K}, min=0.0).mean()
    loss.backward()
    return kappa.grad.item(), theta.grad.item(), xi.grad.item()
r = run()
print(json.dumps({"t": median_time(run, ${RUNS}, 1), "kappa": r[0], "theta": r[1], "xi": r[2]}))
`, ['torch']);

console.log(`Heston forward sensitivities (κ, θ, ξ), ${PATHS} paths × ${STEPS} steps, median of ${RUNS} (seconds)`);
row('', 'seconds', 'vs ours');
row('pathwise forward (engine JVP)', ours, 1);
row('NumPy tangent process', numpy?.t ?? 'n/a', numpy ? ours / numpy.t! : 'n/a');
row('PyTorch autograd (Euler loop)', torch?.t ?? 'n/a', torch ? ours / torch.t! : 'n/a');
const g = last.grad;
console.log(`  pathwise: dκ = ${g.kappa!.mean.toFixed(4)} ± ${g.kappa!.stderr.toFixed(4)}, dθ = ${g.theta!.mean.toFixed(3)} ± ${g.theta!.stderr.toFixed(3)}, dξ = ${g.xi!.mean.toFixed(3)} ± ${g.xi!.stderr.toFixed(3)}`);
if (numpy) console.log(`  NumPy:    dκ = ${numpy.kappa!.toFixed(4)}, dθ = ${numpy.theta!.toFixed(3)}, dξ = ${numpy.xi!.toFixed(3)} (own random numbers)`);
if (torch) console.log(`  PyTorch:  dκ = ${torch.kappa!.toFixed(4)}, dθ = ${torch.theta!.toFixed(3)}, dξ = ${torch.xi!.toFixed(3)} (own random numbers)`);

// (2) Adjoint memory: each configuration in its own process, so that its peak RSS is its own.
console.log(`\nAdjoint memory, ${MEM_PATHS} paths (one chunk), d = 2 (one state = ${(MEM_PATHS * 2 * 8) / 1024} KiB per chunk):`);
row('steps / plan', 'states held', 'MiB states', 'peak RSS +MiB', 'seconds');
const here = fileURLToPath(import.meta.url);
for (const steps of args[2] === 'nomem' ? [] : [256, 1024, 4096]) {
  const plans: [string, Plan][] = [['nested, 16 per level', { checkpoints: 16 }], ['one level, k = √N', {}]];
  if (steps <= 1024) plans.push(['every state (k = 1)', { checkpointEvery: 1 }]);
  for (const [label, plan] of plans) {
    const out = execFileSync('npx', ['tsx', here, '--adjoint-mem', String(steps), JSON.stringify(plan)], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { states: number; extraMB: number; seconds: number };
    row(`${steps} / ${label}`, r.states, (r.states * MEM_PATHS * 2 * 8) / 2 ** 20, r.extraMB, r.seconds);
  }
}
