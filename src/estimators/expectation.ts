/**
 * `expectation(program)`: the objective E[f] of a program with named sample sites, and its gradient
 * by any estimator, each number with its standard error.
 */
import { PathwiseRangeError, show } from '../errors.js';
import type { Estimate } from '../stats/estimate.js';
import type { SampleContext } from './context.js';
import { componentNames, flattenParams, gradTree, type FlatParams } from './params.js';
import { makePlan } from './plan.js';
import { accumulateFd, accumulateGrad, accumulateValue, resolveRun, type Accumulated } from './run.js';
import type { Program } from './surrogate.js';
import type { BaselineName, Diagnostics, EstimatorName, GradOptions, GradResult, GradTree, Params, RunOptions, TensorTree } from './types.js';
import { compareEstimators, type CompareOptions, type CompareRow } from './compare.js';
import type { Tensor } from '../tensor/tensor.js';

const ESTIMATORS: readonly EstimatorName[] = ['pathwise', 'score', 'mvd', 'fd', 'auto'];
const BASELINES: readonly BaselineName[] = ['none', 'loo', 'ema', 'optimal'];
const PILOT_ROWS = 256;

export interface Objective<P extends Params> {
  /** E[f] with its standard error. */
  value(params: P, options?: RunOptions): Estimate;
  /** E[f] and ∇E[f] with standard errors, and diagnostics (estimator per site, discontinuities). */
  grad(params: P, options?: GradOptions): GradResult<P>;
  /** One row per estimator: gradient, stderr, per-sample variance, time per sample, work-normalized variance. */
  compare(params: P, options?: CompareOptions): CompareRow[];
}

function summarize(acc: Accumulated, column: number): { mean: number; variance: number } {
  if (acc.cv !== null) return acc.cv.adjusted(column);
  return { mean: acc.moments.mean[column]!, variance: acc.moments.variance(column) };
}

/** Runs the gradient estimation and assembles the result (shared by grad and compare). */
export interface RawGradResult {
  readonly value: Estimate;
  readonly grad: unknown;
  readonly diagnostics: Diagnostics;
  readonly names: string[];
  readonly flat: FlatParams;
}

export function estimateGradient(program: Program, params: Params, options: GradOptions): RawGradResult {
  const t0 = performance.now();
  const estimator = options.estimator ?? 'auto';
  const baseline = options.baseline ?? 'loo';
  if (!ESTIMATORS.includes(estimator)) throw new PathwiseRangeError(`grad: estimator must be one of ${ESTIMATORS.join(', ')}; got ${show(estimator)}`);
  if (!BASELINES.includes(baseline)) throw new PathwiseRangeError(`grad: baseline must be one of ${BASELINES.join(', ')}; got ${show(baseline)}`);
  const keep = options.keepSamples ?? 0;
  if (!Number.isSafeInteger(keep) || keep < 0) throw new PathwiseRangeError(`grad: keepSamples must be a non-negative integer, got ${show(keep)}`);
  const r = resolveRun(options, 'grad');
  const fp = flattenParams(params, 'grad');
  const plan = makePlan(program, fp, r.root, Math.min(PILOT_ROWS, r.samples), estimator);
  const acc = estimator === 'fd'
    ? accumulateFd(program, fp, r, options.fdStep ?? 1e-4, keep)
    : accumulateGrad(program, fp, r, plan.modeOf, baseline, keep);
  const n = acc.moments.count;
  const K = fp.size;
  const mean = new Float64Array(K), stderr = new Float64Array(K), variance = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const s = summarize(acc, k + 1);
    mean[k] = s.mean;
    variance[k] = s.variance;
    stderr[k] = Math.sqrt(s.variance / n);
  }
  const v = summarize(acc, 0);
  const warnings = [...plan.warnings];
  if (estimator === 'fd') warnings.push(`finite differences: bias O(h²) with h = ${options.fdStep ?? 1e-4}·max(1, |θ|)`);
  const diagnostics: Diagnostics = {
    sites: plan.sites, events: plan.events, biased: plan.biased, warnings,
    trace: acc.trace, samples: acc.kept, seconds: (performance.now() - t0) / 1000,
  };
  return {
    value: { mean: v.mean, stderr: Math.sqrt(v.variance / n), n },
    grad: gradTree(fp, mean, stderr, variance, n),
    diagnostics,
    names: componentNames(fp),
    flat: fp,
  };
}

/**
 * The expectation of a program's per-sample cost over its sample sites.
 * @example
 * const objective = expectation((p, s) => {
 *   const z = s.sample('z', Normal(p.phi, exp(p.phi.div(2))));   // z ~ N(φ, e^φ)
 *   return square(z);                                             // E[z²] = φ² + e^φ
 * });
 * objective.grad({ phi: 0.5 }, { samples: 100_000, seed: 7 }).grad.phi   // { mean ≈ 2.6487, stderr ≈ 0.01, n }
 */
export function expectation<P extends Params>(program: (p: TensorTree<P>, s: SampleContext) => Tensor): Objective<P> {
  const prog = program as unknown as Program;
  return {
    value(params: P, options: RunOptions = {}): Estimate {
      const r = resolveRun(options, 'value');
      const acc = accumulateValue(prog, flattenParams(params, 'value'), r);
      const s = summarize(acc, 0);
      return { mean: s.mean, stderr: Math.sqrt(s.variance / acc.moments.count), n: acc.moments.count };
    },
    grad(params: P, options: GradOptions = {}): GradResult<P> {
      const { value, grad, diagnostics } = estimateGradient(prog, params as Params, options);
      return { value, grad: grad as GradTree<P>, diagnostics };
    },
    compare(params: P, options: CompareOptions = {}): CompareRow[] {
      return compareEstimators(prog, params as Params, options);
    },
  };
}
