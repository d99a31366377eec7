/**
 * The examples gallery (examples/): every file runs as a user runs it (`tsx examples/X.ts --json`, the package
 * imported as 'pathwise', i.e. the built dist/) and its numbers are checked against the closed forms and
 * references the examples state — not just an exit code. The `pathwise compare` examples are checked the same
 * way through their default export.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');

function runExample(file: string): unknown {
  if (!existsSync(join(ROOT, 'packages', 'pathwise', 'dist', 'index.js'))) throw new Error('the examples import the built package: run `npm run build` first');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('examples', file), '--json'], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, PATHWISE_WORKERS: '1' },
  });
  if (r.status !== 0) throw new Error(`examples/${file} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

interface Checked { mean: number; stderr: number }
/** |estimate − truth| ≤ 5·stderr, with a positive stderr (a zero stderr would make any check pass or fail). */
function expectWithin5(e: Checked, truth: number, what: string): void {
  expect(e.stderr, `${what}: stderr`).toBeGreaterThan(0);
  expect(Math.abs(e.mean - truth), `${what}: ${e.mean} ± ${e.stderr} vs exact ${truth}`).toBeLessThanOrEqual(5 * e.stderr);
}

describe('examples gallery', () => {
  it('lists the gallery files this test checks (a new example must get checks here)', () => {
    const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual([
      'bbvi-digits.ts', 'bernoulli-logit.ts', 'custom-distribution.ts', 'digital-threshold.ts', 'discrete-latent.ts',
      'gaussian-quadratic.ts', 'qmc-greeks.ts', 'sde-sensitivity.ts', 'vae-training.ts',
    ]);
  });

  it('vae-training: the held-out ELBO rises and beats the no-latent model', () => {
    const r = runExample('vae-training.ts') as { history: { epoch: number; testElbo: number }[]; baselineLogLik: number };
    const elbo = r.history.map((h) => h.testElbo);
    expect(elbo.every(Number.isFinite)).toBe(true);
    for (let i = 1; i < elbo.length; i++) expect(elbo[i]!, `epoch ${i}`).toBeGreaterThan(elbo[i - 1]!);
    expect(elbo.at(-1)!).toBeGreaterThan(r.baselineLogLik);   // a lower bound on log p(x) above an exact log p(x)
    expect(elbo.at(-1)! - elbo[0]!).toBeGreaterThan(20);
  });

  it('bbvi-digits: pathwise and score gradients agree, the ELBO rises, the classifier generalizes', () => {
    const r = runExample('bbvi-digits.ts') as {
      dims: number; gradientCheck: { maxAbsZ: number; scoreOverPathwiseStderr: number };
      elbo: { before: Checked; after: Checked }; accuracy: number; test: number;
    };
    expect(r.dims).toBe(65);
    expect(r.gradientCheck.maxAbsZ).toBeLessThanOrEqual(5);
    expect(r.gradientCheck.scoreOverPathwiseStderr).toBeGreaterThan(3);
    expect(r.elbo.after.mean - r.elbo.before.mean).toBeGreaterThan(5 * Math.hypot(r.elbo.after.stderr, r.elbo.before.stderr));
    expect(r.test).toBeGreaterThan(100);
    expect(r.accuracy).toBeGreaterThan(0.9);
  });

  it('custom-distribution: samples and both estimators match the closed forms', () => {
    const r = runExample('custom-distribution.ts') as {
      sampleMean: Checked & { exact: number }; rows: (Checked & { estimator: string; param: string; exact: number })[];
    };
    expectWithin5(r.sampleMean, r.sampleMean.exact, 'sample mean');
    expect(r.sampleMean.exact).toBeCloseTo(0.6454551, 6);   // 1.5·B(1.4, 1.5) = 0.645455084…, scipy.special.beta
    expect(r.rows.map((x) => `${x.estimator}/${x.param}`)).toEqual(['pathwise/a', 'pathwise/b', 'score/a', 'score/b']);
    for (const x of r.rows) expectWithin5(x, x.exact, `${x.estimator} ∂/∂${x.param}`);
  });

  it('sde-sensitivity: every mode matches the Euler scheme\'s exact derivative; the bias to continuous time shrinks', () => {
    const r = runExample('sde-sensitivity.ts') as { rows: (Checked & { steps: number; mode: string; param: string; scheme: number; discretizationBias: number })[] };
    expect(r.rows.length).toBe(3 * 4 * 2);
    for (const x of r.rows) expectWithin5(x, x.scheme, `${x.mode} steps ${x.steps} ∂/∂${x.param}`);
    const bias = (steps: number) => Math.abs(r.rows.find((x) => x.steps === steps && x.param === 'mu')!.discretizationBias);
    expect(bias(64)).toBeLessThan(bias(16));
    expect(bias(16)).toBeLessThan(bias(4));
  });

  it('qmc-greeks: MC and QMC Greeks match the closed form; QMC\'s standard errors are smaller', () => {
    const r = runExample('qmc-greeks.ts') as { rows: { greek: string; method: string; exact: number; mc: Checked; qmc: Checked; stderrRatio: number }[] };
    expect(r.rows.length).toBe(4);
    for (const x of r.rows) {
      expectWithin5(x.mc, x.exact, `MC ${x.greek} ${x.method}`);
      expectWithin5(x.qmc, x.exact, `QMC ${x.greek} ${x.method}`);
      expect(x.stderrRatio, `${x.greek} ${x.method}`).toBeGreaterThan(2);
    }
  });

  it('discrete-latent: REINFORCE is unbiased; Gumbel-softmax\'s bias falls with τ; straight-through is flagged', () => {
    const r = runExample('discrete-latent.ts') as { exact: number[]; rows: { estimator: string; mean: number[]; stderr: number[]; biased: boolean }[] };
    expect(r.exact.length).toBe(4);
    const row = (name: string) => r.rows.find((x) => x.estimator === name)!;
    const reinforce = row('REINFORCE');
    reinforce.mean.forEach((m, k) => expectWithin5({ mean: m, stderr: reinforce.stderr[k]! }, r.exact[k]!, `REINFORCE θ${k}`));
    expect(reinforce.biased).toBe(false);
    const bias = (name: string) => row(name).mean.reduce((s, m, k) => s + Math.abs(m - r.exact[k]!), 0);
    expect(bias('Gumbel-softmax τ=0.1')).toBeLessThan(bias('Gumbel-softmax τ=0.5'));
    expect(bias('Gumbel-softmax τ=0.5')).toBeLessThan(bias('Gumbel-softmax τ=1'));
    expect(row('straight-through τ=0.5').biased).toBe(true);
  });

  it('the `pathwise compare` examples: unbiased estimators match their documented closed forms', async () => {
    const load = async (f: string) => (await import(pathToFileURL(join(ROOT, 'examples', f)).href) as { default: { objective: { grad: (p: unknown, o: unknown) => { grad: Record<string, Checked> } }; params: Record<string, number> } }).default;
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

    const b = await load('bernoulli-logit.ts');
    const s = sigmoid(b.params.theta!);
    for (const estimator of ['score', 'mvd', 'auto']) {
      expectWithin5WithExact(b.objective.grad(b.params, { samples: 20_000, seed: 1, estimator }).grad.theta!, s * (1 - s) * (1 - 2 * 0.45), `bernoulli-logit ${estimator}`);
    }
    const d = await load('digital-threshold.ts');
    const phi = Math.exp(-0.5 * (0.3 - d.params.mu!) ** 2) / Math.sqrt(2 * Math.PI);
    for (const estimator of ['score', 'mvd', 'auto']) {
      expectWithin5(d.objective.grad(d.params, { samples: 40_000, seed: 2, estimator }).grad.mu!, phi, `digital-threshold ${estimator}`);
    }
    const g = await load('gaussian-quadratic.ts');
    for (const estimator of ['pathwise', 'score', 'mvd']) {
      const r = g.objective.grad(g.params, { samples: 40_000, seed: 3, estimator }).grad;
      expectWithin5(r.mu!, 2 * (g.params.mu! - 0.4), `gaussian-quadratic ${estimator} ∂/∂μ`);
      expectWithin5(r.sigma!, 2 * g.params.sigma!, `gaussian-quadratic ${estimator} ∂/∂σ`);
    }
  });
});

/** As expectWithin5, but an exact (zero-variance) estimate — the Bernoulli's measure-valued derivative — must equal the truth. */
function expectWithin5WithExact(e: Checked, truth: number, what: string): void {
  if (e.stderr === 0) expect(e.mean, what).toBeCloseTo(truth, 12);
  else expectWithin5(e, truth, what);
}
