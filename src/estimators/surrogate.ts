/**
 * The per-sample surrogate of one batch: a tensor whose value is the per-sample cost f and whose
 * derivative in the parameters is the per-sample gradient estimate (the surrogate-loss idea of
 * Schulman et al. 2015 and DiCE, Foerster et al. 2018, per sample so that standard errors are exact):
 * - pathwise sites contribute through their reparameterized samples;
 * - score-function sites add (f̄ − b)·(log q − ⊥log q), zero in value, (f − b)∇log q in derivative
 *   (Williams 1992, REINFORCE), with ⊥ the stop-gradient and b a baseline independent of the sample;
 * - measure-valued sites add Σ_θ (θ − ⊥θ)·⊥[c_θ (f(z⁺) − f(z⁻))], re-running the program with the
 *   site's value swapped (Pflug 1989; Mohamed et al. 2020 §6), so derivatives reach the parameters
 *   through θ's dependence on them.
 */
import { PathwiseError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { add, mul, stopGradient, sub } from '../ad/ops/index.js';
import { SampleContext, type RunSpec, type SiteRecord } from './context.js';

export type Program = (p: unknown, s: SampleContext) => unknown;

export interface BatchRun {
  readonly sur: Tensor;
  /** The per-sample cost (a constant). */
  readonly f: Tensor;
  /** Σ over score sites of the per-sample log density (differentiable), or null. */
  readonly logq: Tensor | null;
  readonly ctx: SampleContext;
}

/** Runs the program and checks that it returned one cost per sample. */
export function runProgram(program: Program, params: unknown, spec: RunSpec): [Tensor, SampleContext] {
  const ctx = new SampleContext(spec);
  const raw = program(params, ctx);
  const f = toTensor(raw as Tensor, 'expectation program');
  if (f.ndim !== 1 || f.shape[0] !== spec.rows) {
    throw new PathwiseError(`expectation program: must return one cost per sample, shape [${spec.rows}] (s.n); got shape ${show(f.shape)}`);
  }
  return [f, ctx];
}

function mvdContribution(site: SiteRecord, program: Program, stoppedParams: unknown, spec: RunSpec, f: Tensor): Tensor | null {
  const terms = site.dist.mvd(site.key, site.z, spec.rowOffset);
  if (terms === null) throw new PathwiseError(`site '${site.name}': ${site.dist.name} has no measure-valued derivative; use 'score' or 'pathwise'`);
  if (site.z.size !== spec.rows) {
    throw new PathwiseError(`site '${site.name}': the measure-valued estimator needs one scalar per sample, got samples of shape ${show(site.z.shape)}`);
  }
  const valueAt = (v: Tensor | 'self' | null): Tensor | number => {
    if (v === 'self') return f;
    if (v === null) return 0;
    const overrides = new Map([[site.name, stopGradient(v)]]);
    return stopGradient(runProgram(program, stoppedParams, { ...spec, overrides })[0]);
  };
  let acc: Tensor | null = null;
  for (const t of terms) {
    const diff = stopGradient(mul(t.weight, sub(valueAt(t.plus), valueAt(t.minus))));
    const term = mul(sub(t.param, stopGradient(t.param)), diff);
    acc = acc === null ? term : add(acc, term);
  }
  return acc;
}

/**
 * One batch: the program's cost with the score-function and measure-valued terms added.
 * `baseline` maps the batch's constant costs to a baseline (per sample or a number).
 */
export function batchSurrogate(
  program: Program, params: unknown, stoppedParams: unknown, spec: RunSpec,
  baseline: (f: Tensor) => Tensor | number,
): BatchRun {
  const [cost, ctx] = runProgram(program, params, spec);
  const f = stopGradient(cost);
  let sur = cost;
  let logq: Tensor | null = null;
  const scoreSites = ctx.sites.filter((s) => s.mode === 'score');
  if (scoreSites.length > 0) {
    const b = baseline(f);
    const centered = sub(f, b);
    for (const s of scoreSites) {
      logq = logq === null ? s.logq! : add(logq, s.logq!);
    }
    sur = add(sur, mul(centered, sub(logq!, stopGradient(logq!))));
  }
  for (const s of ctx.sites) {
    if (s.mode !== 'mvd') continue;
    const c = mvdContribution(s, program, stoppedParams, spec, f);
    if (c !== null) sur = add(sur, c);
  }
  return { sur, f, logq, ctx };
}

