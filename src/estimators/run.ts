/**
 * The batch loop. Samples are processed in batches inside tidy scopes (memory stays bounded and
 * buffers are recycled); per-sample costs and per-sample gradient estimates are merged into mergeable
 * moments, so results do not depend on the batch size. Per-sample gradients come from forward mode: a
 * tangent lane per parameter component gives that component's derivative for every sample at once,
 * exact per-sample variances included, and the lanes share one forward pass (jvpMany). Finite
 * differences evaluate the program at θ ± h·e_k with the same keys (common random numbers).
 */
import { PathwiseRangeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { tidy } from '../tensor/pool.js';
import { withNoiseMemo } from '../distributions/sampling.js';
import { jvpMany } from '../ad/transforms.js';
import { stopGradient } from '../ad/ops/index.js';
import { key as makeKey, type Key } from '../random/key.js';
import { VectorMoments } from '../stats/vector-moments.js';
import type { SiteMode } from './context.js';
import type { FlatParams } from './params.js';
import { BaselineState } from './baselines.js';
import { batchTerms, runProgram, type Program } from './surrogate.js';
import type { BaselineName, RunOptions } from './types.js';
import { CvAccumulator } from './control-variates.js';

export interface Resolved {
  readonly samples: number;
  readonly batchSize: number;
  readonly root: Key;
}

export function resolveRun(opts: RunOptions, where: string): Resolved {
  const samples = opts.samples ?? 100_000;
  const batchSize = opts.batchSize ?? 16_384;
  if (!Number.isSafeInteger(samples) || samples < 2) throw new PathwiseRangeError(`${where}: samples must be an integer ≥ 2, got ${show(samples)}`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 2) throw new PathwiseRangeError(`${where}: batchSize must be an integer ≥ 2, got ${show(batchSize)}`);
  const root = opts.key ?? makeKey(opts.seed ?? 0);
  return { samples, batchSize, root };
}

export interface Accumulated {
  /** Column 0 is the cost, columns 1..K the gradient components. */
  readonly moments: VectorMoments;
  readonly cv: CvAccumulator | null;
  readonly trace: { n: number; mean: Float64Array; stderr: Float64Array }[];
  readonly kept: Float64Array[];
}

/** Components differentiated together in one forward pass (bounded to keep memory per batch small). */
const LANES = 8;

/** Stand-in log density of a batch without score sites (its tangent is never read). */
const ZERO = new Tensor(new Float64Array(1), []);

function oneHot(fp: FlatParams, k: number): Tensor[] {
  return fp.leaves.map((t, i) => {
    const d = new Float64Array(t.size);
    const j = k - fp.offsets[i]!;
    if (j >= 0 && j < t.size) d[j] = 1;
    return new Tensor(d, t.shape);
  });
}

/** Runs each batch in its own tidy scope with its noise memoized (drawn once, reused by every pass). */
function batches(r: Resolved, each: (start: number, rows: number) => void): void {
  for (let start = 0; start < r.samples; start += r.batchSize) {
    const rows = Math.min(r.batchSize, r.samples - start);
    tidy(() => withNoiseMemo(() => each(start, rows)));
  }
}

class Accumulator implements Accumulated {
  readonly moments: VectorMoments;
  cv: CvAccumulator | null = null;
  readonly trace: { n: number; mean: Float64Array; stderr: Float64Array }[] = [];
  readonly kept: Float64Array[];
  private filled = 0;

  constructor(readonly k: number, readonly keep: number) {
    this.moments = new VectorMoments(k + 1);
    this.kept = Array.from({ length: k }, () => new Float64Array(keep));
  }

  add(rows: Float64Array, m: number, cvs: readonly Float64Array[]): void {
    this.moments.addBatch(rows);
    if (cvs.length > 0) (this.cv ??= new CvAccumulator(this.k + 1, cvs.length)).add(rows, cvs, m);
    const take = Math.min(this.keep - this.filled, m);
    for (let j = 0; j < this.k && take > 0; j++) {
      for (let i = 0; i < take; i++) this.kept[j]![this.filled + i] = rows[i * (this.k + 1) + j + 1]!;
    }
    this.filled += Math.max(0, take);
    const n = this.moments.count;
    const mean = this.moments.mean.slice(1);
    const stderr = mean.map((_, j) => Math.sqrt(this.moments.variance(j + 1) / n));
    this.trace.push({ n, mean, stderr });
  }
}

/** rows[i·w + col] = v[i] for the m rows of a row-major batch. */
function setColumn(rows: Float64Array, w: number, col: number, v: Float64Array, m: number): void {
  for (let i = 0, j = col; i < m; i++, j += w) rows[j] = v[i]!;
}

/** rows[i·w + col] += a[i]·b[i]. */
function addProductToColumn(rows: Float64Array, w: number, col: number, a: Float64Array, b: Float64Array, m: number): void {
  for (let i = 0, j = col; i < m; i++, j += w) rows[j]! += a[i]! * b[i]!;
}

/** Per-sample costs only. */
export function accumulateValue(program: Program, fp: FlatParams, r: Resolved): Accumulated {
  const acc = new Accumulator(0, 0);
  const params = fp.rebuild(fp.leaves);
  batches(r, (start, m) => {
    const [f, ctx] = runProgram(program, params, { root: r.root, rows: m, rowOffset: start, modeOf: () => 'value' });
    acc.add(Float64Array.from(f.data), m, ctx.controlVariates.map((c) => c.centered));
  });
  return acc;
}

/** Per-sample costs and gradients by forward mode: one tangent lane per component (see surrogate.ts). */
export function accumulateGrad(
  program: Program, fp: FlatParams, r: Resolved, modeOf: (name: string) => SiteMode,
  baselineKind: BaselineName, keep: number,
): Accumulated {
  const K = fp.size;
  if (K === 0) return accumulateValue(program, fp, r);   // nothing to differentiate
  const w = K + 1;
  const acc = new Accumulator(K, keep);
  const baseline = new BaselineState(baselineKind);
  const stopped = fp.rebuild(fp.leaves.map((t) => stopGradient(t)));
  batches(r, (start, m) => {
    const spec = { root: r.root, rows: m, rowOffset: start, modeOf };
    const rows = new Float64Array(m * w);
    const scores: Float64Array[] = [];
    let cvs: Float64Array[] = [];
    let centered: Float64Array | null = null;
    let mvdFactors: Float64Array[] = [];
    const termsOf = (leaves: Tensor[]) => {
      const t = batchTerms(program, fp.rebuild(leaves), stopped, spec);
      cvs = t.ctx.controlVariates.map((c) => c.centered);
      mvdFactors = t.mvd.map((x) => x.factor);
      return { cost: t.cost, logq: t.logq ?? ZERO, mvd: t.mvd.map((x) => x.param) };
    };
    const fill = (out: { cost: Tensor; logq: Tensor }, tan: { cost: Tensor; logq: Tensor; mvd: Tensor[] }, k: number) => {
      if (k === 0) {
        setColumn(rows, w, 0, out.cost.data, m);
        if (out.logq !== ZERO) centered = baseline.centered(out.cost.data);
      }
      setColumn(rows, w, k + 1, tan.cost.data, m);
      if (centered !== null) {
        addProductToColumn(rows, w, k + 1, centered, tan.logq.data, m);
        scores.push(Float64Array.from(tan.logq.data));
      }
      tan.mvd.forEach((dp, j) => addProductToColumn(rows, w, k + 1, mvdFactors[j]!, dp.data, m));
    };
    // One forward pass per group of components: the program runs once, the tangents once per component.
    for (let k0 = 0; k0 < K; k0 += LANES) {
      const ks = Array.from({ length: Math.min(LANES, K - k0) }, (_, j) => k0 + j);
      const [out, tans] = jvpMany(termsOf, fp.leaves, ks.map((k) => oneHot(fp, k)));
      tans.forEach((tan, j) => fill(out, tan, ks[j]!));
    }
    const f = new Float64Array(m);
    for (let i = 0; i < m; i++) f[i] = rows[i * w]!;
    baseline.update(f, scores);
    acc.add(rows, m, cvs);
  });
  return acc;
}

/** Per-sample central differences with common random numbers: (f(θ + h e_k) − f(θ − h e_k)) / 2h. */
export function accumulateFd(program: Program, fp: FlatParams, r: Resolved, relStep: number, keep: number): Accumulated {
  if (!(relStep > 0)) throw new PathwiseRangeError(`fd: fdStep must be > 0, got ${show(relStep)}`);
  const K = fp.size;
  const acc = new Accumulator(K, keep);
  const at = (k: number, delta: number) => fp.rebuild(fp.leaves.map((t, i) => {
    const j = k - fp.offsets[i]!;
    if (j < 0 || j >= t.size) return t;
    const d = Float64Array.from(t.data);
    d[j]! += delta;
    return new Tensor(d, t.shape);
  }));
  const flat = fp.leaves.flatMap((t) => [...t.data]);
  batches(r, (start, m) => {
    const spec = { root: r.root, rows: m, rowOffset: start, modeOf: () => 'value' as const };
    const rows = new Float64Array(m * (K + 1));
    const [f, ctx] = runProgram(program, fp.rebuild(fp.leaves), spec);
    for (let i = 0; i < m; i++) rows[i * (K + 1)] = f.data[i]!;
    for (let k = 0; k < K; k++) {
      const h = relStep * Math.max(1, Math.abs(flat[k]!));
      const plus = runProgram(program, at(k, h), spec)[0].data;
      const minus = runProgram(program, at(k, -h), spec)[0].data;
      for (let i = 0; i < m; i++) rows[i * (K + 1) + k + 1] = (plus[i]! - minus[i]!) / (2 * h);
    }
    acc.add(rows, m, ctx.controlVariates.map((c) => c.centered));
  });
  return acc;
}
