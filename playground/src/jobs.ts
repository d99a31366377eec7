/**
 * The playground's computations as plain functions from a JSON job to a JSON result. The Web Worker runs
 * them in the page and the tests run the very same functions in Node, so "the page shows the library's
 * numbers" is checked bit for bit. Everything here is the public API (src/index.ts) plus glue: which
 * distribution, cost or SDE a menu entry means, and flattening results into arrays of numbers.
 */
// The Tensor methods (x.sub, x.mul, …) are installed by this module's side effect. Imported directly because
// Vite 8's bundler (Rolldown), applying package.json "sideEffects", drops it when it is reached only through
// src/index.ts → ad/index.ts: the bundle then has no Tensor methods.
import '../../src/ad/methods.js';
import * as pw from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import * as dmath from '../../src/ad/kernels/scalar-math.js';
import { DISTRIBUTION_INFO, SDE_INFO, type CostKey, type DistributionKey, type SdeKey } from './catalog.js';

/** Reports progress: `done` of `total` units, with what is being done. */
export type Progress = (done: number, total: number, label: string) => void;

// ---------------------------------------------------------------------------------------------------
// 1. Estimator lab

interface DistributionEntry {
  readonly make: (p: Record<string, Tensor>) => pw.Distribution;
}

/** The library's distribution for each menu entry of catalog.ts. */
export const DISTRIBUTIONS: Readonly<Record<DistributionKey, DistributionEntry>> = {
  normal: { make: (p) => pw.Normal(p.mu!, p.sigma!) },
  lognormal: { make: (p) => pw.LogNormal(p.mu!, p.sigma!) },
  gamma: { make: (p) => pw.Gamma(p.alpha!, p.beta!) },
  beta: { make: (p) => pw.Beta(p.a!, p.b!) },
  exponential: { make: (p) => pw.Exponential(p.rate!) },
  laplace: { make: (p) => pw.Laplace(p.mu!, p.b!) },
  bernoulli: { make: (p) => pw.Bernoulli(p.p!) },
  poisson: { make: (p) => pw.Poisson(p.rate!) },
};

/** The per-sample costs f(x) of catalog.ts; `c` is the threshold of the step and the hinge. */
export const COSTS: Readonly<Record<CostKey, (x: Tensor, c: number) => Tensor>> = {
  square: (x) => pw.square(x),
  identity: (x) => x,
  step: (x, c) => pw.step(x.sub(c)),
  logsq: (x) => pw.log1p(pw.square(x)),
  sin: (x) => pw.sin(x),
  relu: (x, c) => pw.relu(x.sub(c)),
};

export interface LabJob {
  readonly distribution: string;
  readonly cost: string;
  /** Distribution parameters by name (see DISTRIBUTIONS). */
  readonly params: Readonly<Record<string, number>>;
  /** Threshold c of step(x − c) and max(x − c, 0). */
  readonly c: number;
  readonly estimators: readonly pw.EstimatorName[];
  readonly samples: number;
  readonly seed: number;
  /** Samples per block (the Monte Carlo driver's unit, part of the run's definition): one trace point per block. */
  readonly blockSize: number;
  readonly keepSamples: number;
}

/** One estimator's row: `error` when it does not apply; numbers per gradient component otherwise. */
export interface LabRow {
  readonly estimator: pw.EstimatorName;
  readonly error?: string;
  readonly value?: { mean: number; stderr: number; n: number };
  readonly components: readonly { name: string; mean: number; stderr: number; variance: number; workNormalizedVariance: number }[];
  readonly secondsPerSample: number;
  readonly biased: boolean;
  readonly sites: readonly { name: string; distribution: string; estimator: string; reason: string }[];
  readonly events: readonly { op: string; sources: readonly string[]; count: number; biasing: boolean }[];
  readonly warnings: readonly string[];
  /** Convergence per component: n after each batch, running mean and stderr. */
  readonly trace: readonly { n: number[]; mean: number[]; stderr: number[] }[];
  /** The first keepSamples per-sample gradient values, per component. */
  readonly samples: readonly number[][];
}

export interface LabResult {
  readonly job: LabJob;
  readonly componentNames: readonly string[];
  /** The exact gradient, per component, where the lab knows E[f(x)] in closed form (else null). */
  readonly exact: readonly number[] | null;
  readonly rows: readonly LabRow[];
}

/** The objective E[f(x)], x ~ distribution(params), as the lab builds it. */
export function labObjective(job: Pick<LabJob, 'distribution' | 'cost' | 'c'>): pw.Objective<Record<string, number>> {
  const dist = DISTRIBUTIONS[job.distribution as DistributionKey] as DistributionEntry | undefined;
  const cost = COSTS[job.cost as CostKey] as ((x: Tensor, c: number) => Tensor) | undefined;
  if (dist === undefined) throw new pw.PathwiseRangeError(`playground: unknown distribution ${JSON.stringify(job.distribution)}`);
  if (cost === undefined) throw new pw.PathwiseRangeError(`playground: unknown cost ${JSON.stringify(job.cost)}`);
  return pw.expectation<Record<string, number>>((p, s) => cost(s.sample('x', dist.make(p)), job.c));
}

/** The parameters in the distribution's order (the order of the gradient components). */
export function labParams(job: Pick<LabJob, 'distribution' | 'params'>): Record<string, number> {
  const info = DISTRIBUTION_INFO[job.distribution as DistributionKey];
  return Object.fromEntries(info.params.map((q) => [q.name, job.params[q.name] ?? q.value]));
}

/** Runs `compare` one estimator at a time (each row is what compare gives), reporting progress per block. */
export function runLab(job: LabJob, progress: Progress = () => undefined): LabResult {
  const objective = labObjective(job);
  const params = labParams(job);
  const rows: LabRow[] = [];
  const options = { samples: job.samples, seed: job.seed, blockSize: job.blockSize, keepSamples: job.keepSamples };
  const E = job.estimators.length;
  job.estimators.forEach((estimator, i) => {
    progress(i, E, estimator);
    // Progress in estimators, with the fraction of this estimator's blocks done.
    const onProgress = (done: number, total: number) => progress(i + done / total, E, estimator);
    const [row] = objective.compare(params, { ...options, estimators: [estimator], onProgress });
    rows.push(labRow(row!));
  });
  progress(job.estimators.length, job.estimators.length, 'done');
  return { job, componentNames: Object.keys(params), rows, exact: exactGradient(job.distribution, job.cost, params, job.c) };
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * ∇ E[f(x)] in closed form for the pairs where it is elementary, so that the lab can show each estimator's
 * distance from the truth. Parameters in the distribution's order (see catalog.ts).
 */
export function exactGradient(distribution: string, cost: string, p: Readonly<Record<string, number>>, c: number): number[] | null {
  if (distribution === 'normal') {
    const mu = p.mu!, sigma = p.sigma!;
    if (cost === 'identity') return [1, 0];                          // E[x] = μ
    if (cost === 'square') return [2 * mu, 2 * sigma];               // E[x²] = μ² + σ²
    if (cost === 'step') {                                           // E[step(x − c)] = Φ((μ − c)/σ)
      const z = (mu - c) / sigma, phi = dmath.exp(-0.5 * z * z) / SQRT_2PI;
      return [phi / sigma, -phi * z / sigma];
    }
    return null;
  }
  if (distribution === 'gamma') {
    const a = p.alpha!, b = p.beta!;
    if (cost === 'identity') return [1 / b, -a / (b * b)];                                   // E[x] = α/β
    if (cost === 'square') return [(2 * a + 1) / (b * b), (-2 * a * (a + 1)) / (b * b * b)]; // E[x²] = α(α+1)/β²
    return null;
  }
  if (distribution === 'exponential') {
    const l = p.rate!;
    if (cost === 'identity') return [-1 / (l * l)];          // E[x] = 1/λ
    if (cost === 'square') return [-4 / (l * l * l)];        // E[x²] = 2/λ²
    if (cost === 'step') return c <= 0 ? [0] : [-c * dmath.exp(-l * c)];   // P(x > c) = e^{−λc}
    return null;
  }
  if (distribution === 'beta' && cost === 'identity') {      // E[x] = a/(a+b)
    const a = p.a!, b = p.b!, s = (a + b) * (a + b);
    return [b / s, -a / s];
  }
  if (distribution === 'bernoulli') {                        // E[f(x)] = p f(1) + (1 − p) f(0)
    const f = { identity: (x: number) => x, square: (x: number) => x * x, logsq: (x: number) => dmath.log1p(x * x), sin: dmath.sin,
      step: (x: number) => (x - c > 0 ? 1 : 0), relu: (x: number) => Math.max(x - c, 0) }[cost];
    return f === undefined ? null : [f(1) - f(0)];
  }
  if (distribution === 'poisson') {
    const l = p.rate!;
    if (cost === 'identity') return [1];                     // E[x] = λ
    if (cost === 'square') return [2 * l + 1];               // E[x²] = λ + λ²
    return null;
  }
  return null;
}

function labRow(row: pw.CompareRow): LabRow {
  const d = row.diagnostics;
  return {
    estimator: row.estimator,
    ...(row.error !== undefined ? { error: row.error } : {}),
    ...(row.value !== undefined ? { value: { mean: row.value.mean, stderr: row.value.stderr, n: row.value.n } } : {}),
    components: row.components.map((c) => ({
      name: c.name, mean: c.mean, stderr: c.stderr, variance: c.variance, workNormalizedVariance: c.workNormalizedVariance,
    })),
    secondsPerSample: row.secondsPerSample,
    biased: row.biased,
    sites: (d?.sites ?? []).map((s) => ({ name: s.name, distribution: s.distribution, estimator: s.estimator, reason: s.reason })),
    events: (d?.events ?? []).map((e) => ({ op: e.op, sources: [...e.sources], count: e.count, biasing: e.biasing })),
    warnings: [...(d?.warnings ?? [])],
    trace: row.components.map((_, k) => ({
      n: (d?.trace ?? []).map((t) => t.n),
      mean: (d?.trace ?? []).map((t) => t.mean[k]!),
      stderr: (d?.trace ?? []).map((t) => t.stderr[k]!),
    })),
    samples: (d?.samples ?? []).map((s) => [...s]),
  };
}

// ---------------------------------------------------------------------------------------------------
// 2. Greeks explorer

export interface GreeksJob {
  readonly model: pw.finance.ModelSpec;
  readonly payoff: pw.finance.PayoffSpec;
  readonly market: pw.finance.MarketSpec;
  readonly greeks: readonly pw.finance.GreekName[];
  readonly methods: readonly pw.finance.MethodName[];
  readonly paths: number;
  readonly seed: number;
  readonly steps?: number;
}

export interface GreeksRow {
  readonly greek: string;
  readonly method: string;
  readonly mean: number | null;
  readonly stderr: number | null;
  readonly n: number;
  readonly biased: boolean;
  readonly reason?: string;
  readonly chosen?: string;
  /** The closed form where the library has one. */
  readonly closedForm: number | null;
}

export interface GreeksSummary {
  readonly job: GreeksJob;
  readonly price: { mean: number; stderr: number; n: number };
  readonly closedPrice: number | null;
  readonly rows: readonly GreeksRow[];
  readonly discontinuities: readonly { op: string; sources: readonly string[] }[];
  readonly setup: { paths: number; steps: number; qmc: boolean };
}

/** NaN (a method that does not apply) becomes null, so the result is plain JSON. */
const orNull = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

export function runGreeks(job: GreeksJob, progress: Progress = () => undefined): GreeksSummary {
  const r = pw.greeks(job.model, job.payoff, job.market, {
    greeks: job.greeks, methods: job.methods, paths: job.paths, seed: job.seed,
    ...(job.steps !== undefined ? { steps: job.steps } : {}),
    onProgress: (done, total) => progress(done, total, 'paths'),
  });
  const rows: GreeksRow[] = [];
  for (const greek of job.greeks) {
    for (const [method, e] of Object.entries(r.greeks[greek] ?? {})) {
      if (e === undefined) continue;
      rows.push({
        greek, method, mean: orNull(e.mean), stderr: orNull(e.stderr), n: e.n, biased: e.biased === true,
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
        ...(e.chosen !== undefined ? { chosen: e.chosen } : {}),
        closedForm: orNull(r.closedForm[greek]),
      });
    }
  }
  return {
    job,
    price: { mean: r.price.mean, stderr: r.price.stderr, n: r.price.n },
    closedPrice: orNull(r.closedForm.price),
    rows,
    discontinuities: r.discontinuities.map((d) => ({ op: d.op, sources: [...d.sources] })),
    setup: { paths: r.setup.paths, steps: r.setup.steps, qmc: r.setup.qmc },
  };
}

// ---------------------------------------------------------------------------------------------------
// 3. SDE paths and tangent paths

interface SdeEntry {
  readonly drift: pw.sde.SdeFunction<Record<string, number>>;
  readonly diffusion: pw.sde.SdeFunction<Record<string, number>>;
  /** d/dθ E[X_t] in closed form, where known. */
  readonly exactMeanTangent?: (t: number, x0: number, p: Readonly<Record<string, number>>, wrt: string) => number;
}

/** Scalar SDEs with diagonal noise (so that Milstein applies). */
export const SDES: Readonly<Record<SdeKey, SdeEntry>> = {
  gbm: {
    drift: (_t, x, p) => x.mul(p.mu!),
    diffusion: (_t, x, p) => x.mul(p.sigma!),
    // E[X_t] = x0 e^{μt}
    exactMeanTangent: (t, x0, p, wrt) => (wrt === 'mu' ? x0 * t * dmath.exp(p.mu! * t) : 0),
  },
  ou: {
    drift: (_t, x, p) => pw.neg(x.sub(p.m!)).mul(p.kappa!),
    diffusion: (_t, x, p) => pw.zeros(x.shape).add(p.sigma!),
    // E[X_t] = m + (x0 − m) e^{−κt}
    exactMeanTangent: (t, x0, p, wrt) => {
      const e = dmath.exp(-p.kappa! * t);
      if (wrt === 'kappa') return -t * (x0 - p.m!) * e;
      if (wrt === 'm') return 1 - e;
      return 0;
    },
  },
  logistic: {
    drift: (_t, x, p) => x.mul(p.r!).mul(pw.sub(1, x.div(p.K!))),
    diffusion: (_t, x, p) => x.mul(p.sigma!),
  },
};

export interface SdeJob {
  readonly model: string;
  readonly params: Readonly<Record<string, number>>;
  /** The parameter θ of the tangent paths ∂X_t/∂θ. */
  readonly wrt: string;
  readonly method: pw.sde.MethodName;
  readonly t1: number;
  readonly steps: number;
  readonly paths: number;
  readonly seed: number;
}

export interface SdeSummary {
  readonly job: SdeJob;
  readonly times: readonly number[];
  /** paths[i][k] = X of path i at times[k] (from sde.solve). */
  readonly paths: readonly number[][];
  /** tangents[i][k] = ∂X/∂θ of path i at times[k] (from sde.tangentPaths). */
  readonly tangents: readonly number[][];
  /** The mean tangent over the paths at each time, with its standard error, and the exact value where known. */
  readonly meanTangent: readonly { mean: number; stderr: number }[];
  readonly exactMeanTangent: readonly number[] | null;
}

export function runSde(job: SdeJob, progress: Progress = () => undefined): SdeSummary {
  const model = SDES[job.model as SdeKey] as SdeEntry | undefined;
  const info = SDE_INFO[job.model as SdeKey];
  if (model === undefined) throw new pw.PathwiseRangeError(`playground: unknown SDE ${JSON.stringify(job.model)}`);
  const params: Record<string, number> = Object.fromEntries(info.params.map((q) => [q.name, job.params[q.name] ?? q.value]));
  if (!(job.wrt in params)) throw new pw.PathwiseRangeError(`playground: the SDE has no parameter ${JSON.stringify(job.wrt)}`);
  const h = job.t1 / job.steps;
  const times = Array.from({ length: job.steps + 1 }, (_, k) => k * h);
  const base = {
    drift: model.drift, diffusion: model.diffusion, x0: info.x0, params, noise: 'diagonal' as const,
    method: job.method, paths: job.paths, key: pw.key(job.seed),
  };
  const solved = pw.sde.solve({ ...base, t1: job.t1, steps: job.steps, saveAt: times });
  const x = solved.values.data;   // [times, paths, 1]
  const paths = Array.from({ length: job.paths }, (_, i) => times.map((_, k) => x[k * job.paths + i]!));
  // tangentPaths gives ∂X/∂θ at its final time: the tangent path is the terminal tangent of the first k steps
  // (same key and step size, hence the same Brownian increments), for k = 1 … steps.
  const tangents = Array.from({ length: job.paths }, () => [0]);
  for (let k = 1; k <= job.steps; k++) {
    progress(k - 1, job.steps, 'tangent paths');
    const r = pw.sde.tangentPaths({ ...base, t1: times[k]!, steps: k, wrt: [job.wrt] });
    const t = r.tangents[job.wrt]!.data;
    for (let i = 0; i < job.paths; i++) tangents[i]!.push(t[i]!);
  }
  progress(job.steps, job.steps, 'done');
  const meanTangent = times.map((_, k) => {
    const e = pw.estimateOf(Float64Array.from(tangents, (row) => row[k]!));
    return { mean: e.mean, stderr: e.stderr };
  });
  const exact = model.exactMeanTangent;
  return {
    job, times, paths, tangents, meanTangent,
    exactMeanTangent: exact === undefined ? null : times.map((t) => exact(t, info.x0, params, job.wrt)),
  };
}
