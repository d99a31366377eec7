/**
 * Peer programs shared by several benchmarks: the same computation hand-written in NumPy (vectorized; NumPy's
 * elementwise loops use one thread whatever the machine has) and in PyTorch autograd (`threads` intra-op
 * threads). Each returns median seconds, or null with a printed reason when the peer is missing.
 */
import { PY_TIMER, runPython } from './harness.js';

/** ∇(μ, σ) E[log(1 + z²)], z ~ N(μ, σ²), n samples: pathwise and score, with per-sample standard errors in NumPy. */
export interface EstimatorProblem {
  readonly n: number;
  readonly mu: number;
  readonly sigma: number;
  readonly runs: number;
}

export function estimatorNumpy(p: EstimatorProblem): Record<string, number> | null {
  return runPython(`${PY_TIMER}
import numpy as np
n, mu, sigma = ${p.n}, ${p.mu}, ${p.sigma}
rng = np.random.default_rng(1)
def pathwise():
    eps = rng.standard_normal(n); z = mu + sigma * eps
    g = 2 * z / (1 + z * z)
    gs = g * eps
    return g.mean(), g.std(ddof=1), gs.mean(), gs.std(ddof=1)
def score():
    eps = rng.standard_normal(n); z = mu + sigma * eps
    f = np.log1p(z * z)
    gm = f * eps / sigma
    gs = f * (eps * eps - 1) / sigma
    return gm.mean(), gm.std(ddof=1), gs.mean(), gs.std(ddof=1)
print(json.dumps({"pathwise": median_time(pathwise, ${p.runs}, 1), "score": median_time(score, ${p.runs}, 1)}))
`, ['numpy']);
}

/** PyTorch returns the mean gradient only (rsample, or the log_prob surrogate), no standard error. */
export function estimatorTorch(p: EstimatorProblem, threads: number): Record<string, number> | null {
  return runPython(`${PY_TIMER}
import torch
torch.set_num_threads(${threads})
torch.manual_seed(1)
n = ${p.n}
def run(kind):
    mu = torch.tensor(${p.mu}, dtype=torch.float64, requires_grad=True)
    sigma = torch.tensor(${p.sigma}, dtype=torch.float64, requires_grad=True)
    d = torch.distributions.Normal(mu, sigma)
    if kind == 'pathwise':
        z = d.rsample((n,)); loss = torch.log1p(z * z).mean()
    else:
        z = d.sample((n,)); f = torch.log1p(z * z)
        loss = (f * d.log_prob(z)).mean()
    loss.backward()
    return mu.grad.item()
print(json.dumps({"pathwise": median_time(lambda: run('pathwise'), ${p.runs}, 1), "score": median_time(lambda: run('score'), ${p.runs}, 1)}))
`, ['torch']);
}

/**
 * `sde.models.heston`: (ln S, v) with full truncation (v⁺ in drift and diffusion, √v floored at 1e−300),
 * S0 = 100, v0 = 0.04, T = 1, loss e^{−rT}(S_T − 100)⁺, forward sensitivities to κ, θ, ξ.
 */
export interface LogHestonProblem {
  readonly paths: number;
  readonly steps: number;
  readonly params: { readonly rate: number; readonly kappa: number; readonly theta: number; readonly xi: number; readonly rho: number };
  readonly runs: number;
}

export function logHestonNumpy(p: LogHestonProblem): Record<string, number> | null {
  const { rate, kappa, theta, xi, rho } = p.params;
  return runPython(`${PY_TIMER}
import numpy as np
n, steps = ${p.paths}, ${p.steps}
r, kappa, theta, xi, rho = ${rate}, ${kappa}, ${theta}, ${xi}, ${rho}
h = 1.0 / steps; rb = np.sqrt(1 - rho * rho); sh = np.sqrt(h)
rng = np.random.default_rng(11)
def tangent():
    x = np.full(n, np.log(100.0)); v = np.full(n, 0.04)
    dx = np.zeros((3, n)); dv = np.zeros((3, n))   # tangents wrt kappa, theta, xi
    for _ in range(steps):
        z = rng.standard_normal((2, n)) * sh
        pos = v > 0; vp = np.where(pos, v, 0.0); dvp = np.where(pos, dv, 0.0)
        sv = np.sqrt(np.maximum(v, 1e-300)); dsv = np.where(v > 1e-300, 0.5 / sv, 0.0) * dv
        w2 = rho * z[0] + rb * z[1]
        dx_new = dx - 0.5 * dvp * h + dsv * z[0]
        dv_new = dv - kappa * dvp * h + xi * dsv * w2
        dv_new[0] += (theta - vp) * h
        dv_new[1] += kappa * h
        dv_new[2] += sv * w2
        x, v = x + (r - 0.5 * vp) * h + sv * z[0], v + kappa * (theta - vp) * h + xi * sv * w2
        dx, dv = dx_new, dv_new
    s = np.exp(x)
    g = np.exp(-r) * np.where(s > 100.0, s, 0.0) * dx
    return g.mean(axis=1), g.std(axis=1, ddof=1) / np.sqrt(n)
m = tangent()[0]
print(json.dumps({"t": median_time(tangent, ${p.runs}, 1), "kappa": m[0], "theta": m[1], "xi": m[2]}))
`, ['numpy']);
}

export function logHestonTorch(p: LogHestonProblem, threads: number): Record<string, number> | null {
  const { rate, kappa, theta, xi, rho } = p.params;
  return runPython(`${PY_TIMER}
import math, torch
torch.set_num_threads(${threads})
torch.manual_seed(11)
n, steps = ${p.paths}, ${p.steps}
h = 1.0 / steps
def run():
    kappa = torch.tensor(${kappa}, dtype=torch.float64, requires_grad=True)
    theta = torch.tensor(${theta}, dtype=torch.float64, requires_grad=True)
    xi = torch.tensor(${xi}, dtype=torch.float64, requires_grad=True)
    r, rho = ${rate}, ${rho}; rb = (1 - rho * rho) ** 0.5
    x = torch.full((n,), math.log(100.0), dtype=torch.float64); v = torch.full((n,), 0.04, dtype=torch.float64)
    for _ in range(steps):
        z = torch.randn(2, n, dtype=torch.float64) * h ** 0.5
        vp = torch.clamp(v, min=0.0); sv = torch.sqrt(torch.clamp(v, min=1e-300))
        x, v = x + (r - 0.5 * vp) * h + sv * z[0], v + kappa * (theta - vp) * h + xi * sv * (rho * z[0] + rb * z[1])
    loss = (math.exp(-r) * torch.clamp(torch.exp(x) - 100.0, min=0.0)).mean()
    loss.backward()
    return kappa.grad.item(), theta.grad.item(), xi.grad.item()
g = run()
print(json.dumps({"t": median_time(run, ${p.runs}, 1), "kappa": g[0], "theta": g[1], "xi": g[2]}))
`, ['torch']);
}
