/**
 * The per-sample gradient of one batch, by the surrogate-loss construction (Schulman et al. 2015;
 * DiCE, Foerster et al. 2018) applied per sample so that standard errors are exact:
 *
 *   g_i = ∂cost_i + (f_i − b_i)·∂log q_i + Σ_θ ∂θ_i · c_θ,i (f(z⁺)_i − f(z⁻)_i)
 *
 * - pathwise sites contribute through their reparameterized samples (the ∂cost term);
 * - score-function sites contribute (f − b)∇log q (Williams 1992, REINFORCE), b a baseline independent
 *   of the sample;
 * - measure-valued sites contribute the weighted difference of the program re-run with the site's
 *   value swapped, chained to the parameters through θ's dependence on them (Pflug 1989; Mohamed et al.
 *   2020 §6).
 * The AD engine differentiates only cost, log q and θ; the products with the constant factors are
 * formed afterwards in one loop (run.ts), which is the surrogate's derivative without its extra passes.
 */
import { PathwiseError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { add, mul, stopGradient, sub } from '../ad/ops/index.js';
import { SampleContext, type RunSpec, type SiteRecord } from './context.js';

export type Program = (p: unknown, s: SampleContext) => unknown;

/** What the engine differentiates for one batch. */
export interface BatchTerms {
  /** The per-sample cost (differentiable through pathwise sites). */
  readonly cost: Tensor;
  /** Σ over score sites of the per-sample log density (differentiable), or null. */
  readonly logq: Tensor | null;
  /** Measure-valued terms: the differentiable parameter θ (one per sample) and its constant factor. */
  readonly mvd: readonly { readonly param: Tensor; readonly factor: Float64Array }[];
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

function mvdTerms(site: SiteRecord, program: Program, stoppedParams: unknown, spec: RunSpec, f: Tensor): BatchTerms['mvd'] {
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
  return terms.map((t) => ({
    param: t.param,
    factor: Float64Array.from(stopGradient(mul(t.weight, sub(valueAt(t.plus), valueAt(t.minus)))).data),
  }));
}

/** One batch: the program's cost, the score sites' log density and the measure-valued terms. */
export function batchTerms(program: Program, params: unknown, stoppedParams: unknown, spec: RunSpec): BatchTerms {
  const [cost, ctx] = runProgram(program, params, spec);
  let logq: Tensor | null = null;
  for (const s of ctx.sites) if (s.mode === 'score') logq = logq === null ? s.logq! : add(logq, s.logq!);
  const f = stopGradient(cost);
  const mvd = ctx.sites.filter((s) => s.mode === 'mvd').flatMap((s) => mvdTerms(s, program, stoppedParams, spec, f));
  return { cost, logq, mvd, ctx };
}
