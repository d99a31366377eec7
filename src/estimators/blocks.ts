/**
 * The blocks of an `expectation` run. A block's samples are evaluated in batches of at most `batchSize`
 * rows (a memory knob only: every per-sample value is a pure function of the sample's index), then the
 * block is summarized as a whole, so quantities that couple samples (the leave-one-out and optimal
 * baselines) are defined per block and the result is the same bits for any batch size.
 *
 * Per-sample gradients (forward mode): a tangent lane per parameter component gives that component's
 * derivative for every sample at once, and lanes share one primal pass (jvpMany). The per-sample estimate is
 * the surrogate's derivative (see surrogate.ts)
 *   g_i = ∂cost_i + (f_i − b_i)·∂log q_i + Σ_θ ∂θ_i · c_θ,i (f(z⁺)_i − f(z⁻)_i).
 * Reverse mode (many parameters): one reverse pass per batch gives every sample's gradient when the
 * program's gradient separates by rows (src/ad/per-sample.ts: the parameters reach the samples through
 * broadcasts); otherwise one reverse pass per batch-means group of the block gives the group's mean
 * gradient and the standard error comes from the spread of the group means.
 * Finite differences evaluate the program at θ ± h·e_k with the same keys (common random numbers).
 */
import { Tensor } from '../tensor/tensor.js';
import { tidy } from '../tensor/pool.js';
import { withNoiseMemo } from '../distributions/sampling.js';
import { jvpMany, valueAndGrad } from '../ad/transforms.js';
import { perSampleGrad, type PerSampleGrads } from '../ad/per-sample.js';
import { PathwiseError } from '../errors.js';
import { add, mul, stopGradient, sum } from '../ad/ops/index.js';
import type { Key } from '../random/key.js';
import type { BlockResult } from '../montecarlo/block.js';
import { blockFromColumns, blockFromGroupMeans, blockFromRows } from '../montecarlo/block-stats.js';
import { blockRange, groupBounds, type BlockLayout } from '../montecarlo/layout.js';
import type { SampleContext, SiteMode } from './context.js';
import type { FlatParams } from './params.js';
import { centeredCosts, type BaselineRows } from './baselines.js';
import { batchTerms, runProgram, type BatchTerms, type Program } from './surrogate.js';
import type { BaselineName } from './types.js';
import { dropNonFinite, markNonFinite, type NonFinitePolicy } from './non-finite.js';

/** Everything that defines a run's blocks. */
export interface ExpectationRun {
  readonly program: Program;
  readonly fp: FlatParams;
  readonly root: Key;
  readonly layout: BlockLayout;
  readonly batchSize: number;
  readonly modeOf: (name: string) => SiteMode;
  readonly baseline: BaselineName;
  /** The EMA baseline carried over from earlier calls (null: none yet). */
  readonly ema: number | null;
  /** Per-sample gradient values kept from the start of the run. */
  readonly keep: number;
  /** Reverse mode gives per-sample gradients (see `separableByRows`); batch means otherwise. */
  readonly perSample: boolean;
  /** The run's data rows (sample i sees row i mod D), or undefined. */
  readonly data?: Tensor | undefined;
  /** Batch-means groups per block in reverse mode (default GROUPS_PER_BLOCK). */
  readonly groups?: number | undefined;
  /** 'drop': samples (or reverse-mode groups) holding NaN/±Inf are left out of the block's summary. */
  readonly nonFinite?: NonFinitePolicy;
  /** Discrete sites under finite differences: fdBlock counts the samples whose value flips between θ ± h. */
  readonly discreteSites?: readonly string[];
}

/** The baseline's classes: with data, the samples of one data row. */
function baselineRows(run: ExpectationRun, start: number): BaselineRows | undefined {
  return run.data === undefined ? undefined : { start, period: run.data.shape[0]! };
}

/** As summarizeRows, the values given column by column (only the 'drop' policy interleaves them). */
function summarizeColumns(run: ExpectationRun, b: number, columns: readonly Float64Array[], controls: Float64Array[], keep: number): BlockResult {
  if (run.nonFinite !== 'drop') return markNonFinite(blockFromColumns(b, columns, { controls, keep }), false);
  const w = columns.length, n = columns[0]!.length;
  const rows = new Float64Array(n * w);
  columns.forEach((col, c) => { for (let i = 0; i < n; i++) rows[i * w + c] = col[i]!; });
  return summarizeRows(run, b, rows, w, controls, keep);
}

/** The block's summary from per-sample rows, dropping non-finite rows when the run asks to. */
function summarizeRows(run: ExpectationRun, b: number, rows: Float64Array, w: number, controls: Float64Array[], keep: number): BlockResult {
  if (run.nonFinite !== 'drop') return markNonFinite(blockFromRows(b, rows, w, { controls, keep }), false);
  const k = dropNonFinite(rows, w, controls);
  return markNonFinite(blockFromRows(b, k.rows, w, { controls: k.controls, keep, notes: k.notes }), k.mask !== null);
}

/**
 * f − b over a block's costs; with the 'drop' policy the baseline is formed from the finite costs only (a
 * dropped sample must not spread its NaN to the others through the leave-one-out mean). Rows with a
 * non-finite cost get NaN: they are dropped.
 */
function centeredOver(run: ExpectationRun, start: number, kind: BaselineName, f: Float64Array, s2: Float64Array | null): Float64Array {
  const classes = baselineRows(run, start);
  if (run.nonFinite !== 'drop' || f.every((v) => Number.isFinite(v))) return centeredCosts(kind, f, s2, run.ema, classes);
  const idx: number[] = [];
  f.forEach((v, i) => { if (Number.isFinite(v) && (s2 === null || Number.isFinite(s2[i]!))) idx.push(i); });
  const kept = classes === undefined ? undefined : { ...classes, classes: Int32Array.from(idx, (i) => (start + i) % classes.period) };
  const c = centeredCosts(kind, Float64Array.from(idx, (i) => f[i]!), s2 === null ? null : Float64Array.from(idx, (i) => s2[i]!), run.ema, kept);
  const out = new Float64Array(f.length).fill(Number.NaN);
  idx.forEach((i, j) => (out[i] = c[j]!));
  return out;
}

/** Stand-in log density of a batch without score sites (its tangent is never read). */
const ZERO = new Tensor(new Float64Array(1), []);

/** Components differentiated together in one forward pass (bounded to keep memory per batch small). */
export const LANES = 8;

function oneHot(fp: FlatParams, k: number): Tensor[] {
  return fp.leaves.map((t, i) => {
    const d = new Float64Array(t.size);
    const j = k - fp.offsets[i]!;
    if (j >= 0 && j < t.size) d[j] = 1;
    return new Tensor(d, t.shape);
  });
}

/** Calls `each(offset, rows)` for the block's batches, each in a tidy scope with its noise drawn once. */
function batchesOf(rows: number, batchSize: number, each: (at: number, m: number) => void): void {
  for (let at = 0; at < rows; at += batchSize) {
    const m = Math.min(batchSize, rows - at);
    tidy(() => withNoiseMemo(() => each(at, m)));
  }
}

function keepOf(run: ExpectationRun, start: number, rows: number): number {
  return Math.max(0, Math.min(rows, run.keep - start));
}

/** Per-sample values only: column 0 the cost. */
export function valueBlock(run: ExpectationRun, b: number): BlockResult {
  const { start, rows } = blockRange(run.layout, b);
  const f = new Float64Array(rows);
  let cvs: Float64Array[] = [];
  const params = run.fp.rebuild(run.fp.leaves);
  batchesOf(rows, run.batchSize, (at, m) => {
    const [cost, ctx] = runProgram(run.program, params, { root: run.root, rows: m, rowOffset: start + at, modeOf: () => 'value', data: run.data });
    f.set(cost.data.subarray(0, m), at);
    if (at === 0) cvs = ctx.controlVariates.map(() => new Float64Array(rows));
    ctx.controlVariates.forEach((c, j) => cvs[j]!.set(c.centered, at));
  });
  return summarizeRows(run, b, f, 1, cvs, 0);
}

/** Per-sample gradients by forward mode; columns: cost, then every parameter component. */
export function forwardBlock(run: ExpectationRun, b: number): BlockResult {
  const { fp, program } = run;
  const K = fp.size;
  if (K === 0) return valueBlock(run, b);
  const { start, rows } = blockRange(run.layout, b);
  const f = new Float64Array(rows);
  const dcost = new Float64Array(rows * K);   // [k·rows + i]
  let dlogq: Float64Array | null = null;
  let extra: Float64Array | null = null;   // measure-valued terms, already weighted (only with mvd sites)
  let cvs: Float64Array[] = [];
  const stopped = fp.rebuild(fp.leaves.map((t) => stopGradient(t)));
  batchesOf(rows, run.batchSize, (at, m) => {
    const spec = { root: run.root, rows: m, rowOffset: start + at, modeOf: run.modeOf, data: run.data };
    let factors: Float64Array[] = [];
    let scored = false;
    const termsOf = (leaves: Tensor[]) => {
      const t = batchTerms(program, fp.rebuild(leaves), stopped, spec);
      if (at === 0 && cvs.length === 0) cvs = t.ctx.controlVariates.map(() => new Float64Array(rows));
      t.ctx.controlVariates.forEach((c, j) => cvs[j]!.set(c.centered, at));
      factors = t.mvd.map((x) => x.factor);
      scored = t.logq !== null;
      return { cost: t.cost, logq: t.logq ?? ZERO, mvd: t.mvd.map((x) => x.param) };
    };
    for (let k0 = 0; k0 < K; k0 += LANES) {
      const ks = Array.from({ length: Math.min(LANES, K - k0) }, (_, j) => k0 + j);
      const [out, tans] = jvpMany(termsOf, fp.leaves, ks.map((k) => oneHot(fp, k)));
      if (k0 === 0) f.set(out.cost.data.subarray(0, m), at);
      tans.forEach((tan, j) => {
        const k = ks[j]!;
        dcost.set(tan.cost.data.subarray(0, m), k * rows + at);
        if (scored) {
          dlogq ??= new Float64Array(rows * K);
          dlogq.set(tan.logq.data.subarray(0, m), k * rows + at);
        }
        tan.mvd.forEach((dp, t) => {
          const fac = factors[t]!;
          const ex = (extra ??= new Float64Array(rows * K));
          for (let i = 0; i < m; i++) ex[k * rows + at + i]! += fac[i]! * dp.data[i]!;
        });
      });
    }
  });
  const dq = dlogq as Float64Array | null;
  let centered: Float64Array | null = null;
  if (dq !== null) {
    let s2: Float64Array | null = null;
    if (run.baseline === 'optimal') {
      s2 = new Float64Array(rows);
      // d · d: the bits of pow(d, 2) (one correctly rounded product) at 1 ns instead of 32 ns per term.
      for (let k = 0; k < K; k++) for (let i = 0; i < rows; i++) { const d = dq[k * rows + i]!; s2[i]! += d * d; }
    }
    centered = centeredOver(run, start, run.baseline, f, s2);
  }
  // Each gradient column is completed in place in dcost (the block's own array).
  const ex = extra as Float64Array | null;
  const columns = [f];
  for (let k = 0; k < K; k++) {
    const o = k * rows;
    for (let i = 0; i < rows; i++) {
      // + 0 without measure-valued terms, as their zero-filled array gave: −0 becomes +0, the same bits.
      let g = dcost[o + i]! + (ex === null ? 0 : ex[o + i]!);
      if (centered !== null) g += centered[i]! * dq![o + i]!;
      dcost[o + i] = g;
    }
    columns.push(dcost.subarray(o, o + rows));
  }
  return summarizeColumns(run, b, columns, cvs, keepOf(run, start, rows));
}

/** Rows of the probe that decides separability (≥ 2 so that a broadcast over the rows is visible). */
const PROBE_ROWS = 3;

/** Per-sample gradients of a block are held in memory: above this many values, batch means instead. */
const PER_SAMPLE_MAX_VALUES = 2 ** 23;

const separability = new WeakMap<object, boolean>();

/**
 * Whether reverse mode can give per-sample gradients for this program: decided once per plan on a probe
 * batch at the run's first rows (the answer is structural: the same for every batch).
 */
export function separableByRows(run: Omit<ExpectationRun, 'perSample'>, plan: object, samples: number): boolean {
  if (Math.min(run.layout.blockSize, samples) * (run.fp.size + 1) > PER_SAMPLE_MAX_VALUES) return false;
  const hit = separability.get(plan);
  if (hit !== undefined) return hit;
  const rows = Math.min(PROBE_ROWS, samples);
  let ok = false;
  tidy(() => withNoiseMemo(() => {
    ok = surrogateRows({ ...run, perSample: true }, 0, rows, () => new Float64Array(rows).fill(1), () => 'rows') !== null;
  }));
  separability.set(plan, ok);
  return ok;
}

/**
 * Per-sample gradients of one batch from one reverse pass of the surrogate
 * Σᵢ costᵢ + Σᵢ (fᵢ − bᵢ)·log qᵢ, or null when they do not separate by rows (or a site is measure-valued).
 */
function surrogateRows(
  run: ExpectationRun, offset: number, m: number,
  centeredOf: () => Float64Array, pull: (boundaryElements: number) => 'rows' | 'jacobian',
  onTerms?: (cost: Float64Array, ctx: ReturnType<typeof batchTerms>['ctx']) => void,
): PerSampleGrads | null {
  const { fp, program } = run;
  const stopped = fp.rebuild(fp.leaves.map((t) => stopGradient(t)));
  const spec = { root: run.root, rows: m, rowOffset: offset, modeOf: run.modeOf, data: run.data };
  let mvd = false;
  const res = perSampleGrad((leaves) => {
    const t = batchTerms(program, fp.rebuild(leaves), stopped, spec);
    onTerms?.(Float64Array.from(stopGradient(t.cost).data.subarray(0, m)), t.ctx);
    mvd = t.mvd.length > 0;
    return surrogateSum(t, m, centeredOf);
  }, fp.leaves, m, pull);
  return mvd ? null : res;
}

/**
 * The scalar a reverse pass differentiates for m samples: Σ costᵢ + Σ (fᵢ − bᵢ)·log qᵢ + Σ factorᵢ·θᵢ
 * (the surrogate of surrogate.ts); `centeredOf` gives f − b, read only when there are score sites.
 */
function surrogateSum(t: BatchTerms, m: number, centeredOf: () => Float64Array): Tensor {
  let s: Tensor = sum(t.cost);
  if (t.logq !== null) s = add(s, sum(mul(new Tensor(centeredOf(), [m]), t.logq)));
  for (const x of t.mvd) s = add(s, sum(mul(new Tensor(x.factor, [m]), x.param)));
  return s;
}

/** Per-sample gradients by reverse mode, one pass per batch; columns as in `forwardBlock`. */
function perSampleReverseBlock(run: ExpectationRun, b: number): BlockResult {
  const K = run.fp.size;
  const { start, rows } = blockRange(run.layout, b);
  const w = K + 1;
  const out = new Float64Array(rows * w);
  let cvs: Float64Array[] = [];
  let centered: Float64Array | null = null;
  // The pull-back strategy follows the block's size (the run's definition), never the batch's.
  const pull = (elements: number) => (rows <= elements ? 'rows' as const : 'jacobian' as const);
  batchesOf(rows, run.batchSize, (at, m) => {
    let f: Float64Array | null = null;
    const res = surrogateRows(run, start + at, m, () => {
      centered ??= blockCenteredCosts(run, start, rows);
      return centered.slice(at, at + m);
    }, pull, (cost, ctx) => {
      f = cost;
      if (at === 0 && cvs.length === 0) cvs = ctx.controlVariates.map(() => new Float64Array(rows));
      ctx.controlVariates.forEach((c, j) => cvs[j]!.set(c.centered, at));
    });
    if (res === null) throw new PathwiseError(`reverse mode: the gradient of a batch did not separate by rows although the program's probe did; this is a bug in pathwise`);
    const fv = f as Float64Array | null;
    for (let i = 0; i < m; i++) {
      const o = (at + i) * w;
      out[o] = fv![i]!;
      for (let k = 0; k < K; k++) out[o + 1 + k] = res.rows[i * K + k]!;
    }
  });
  return summarizeRows(run, b, out, w, cvs, keepOf(run, start, rows));
}

/**
 * Reverse mode: per-sample gradients when the program separates by rows; otherwise batch means, one
 * reverse pass per group of the block, each giving the group's mean
 * gradient. Score sites need the block's costs first (the baseline couples the block): a value pass.
 */
export function reverseBlock(run: ExpectationRun, b: number): BlockResult {
  const { fp, program } = run;
  const K = fp.size;
  if (K === 0) return valueBlock(run, b);
  if (run.perSample) return perSampleReverseBlock(run, b);
  const { start, rows } = blockRange(run.layout, b);
  const bounds = groupBounds(rows, run.groups);
  const G = bounds.length - 1;
  const w = K + 1;
  const stopped = fp.rebuild(fp.leaves.map((t) => stopGradient(t)));
  // Costs of the whole block, for the score sites' baseline (only when some site is a score site).
  let centered: Float64Array | null = null;
  const means = new Float64Array(G * w);
  const sizes: number[] = [];
  for (let g = 0; g < G; g++) {
    const a = bounds[g]!, m = bounds[g + 1]! - a;
    sizes.push(m);
    tidy(() => withNoiseMemo(() => {
      const spec = { root: run.root, rows: m, rowOffset: start + a, modeOf: run.modeOf, data: run.data };
      let f: Float64Array | null = null;
      const [, grads] = valueAndGrad((leaves: Tensor[]) => {
        const t = batchTerms(program, fp.rebuild(leaves), stopped, spec);
        f = Float64Array.from(stopGradient(t.cost).data.subarray(0, m));
        return surrogateSum(t, m, () => (centered ??= blockCenteredCosts(run, start, rows)).slice(a, a + m));
      })(fp.leaves);
      let fm = 0;
      for (let i = 0; i < m; i++) fm += f![i]!;
      means[g * w] = fm / m;
      let k = 1;
      for (const t of grads as Tensor[]) for (let j = 0; j < t.size; j++) means[g * w + k++] = t.data[j]! / m;
    }));
  }
  // The 'drop' policy runs in forward mode (a group mean cannot drop one of its samples).
  return markNonFinite(blockFromGroupMeans(b, means, sizes, w), false);
}

/** f − b over the block, from a value pass (the optimal baseline needs per-sample scores: loo instead). */
function blockCenteredCosts(run: ExpectationRun, start: number, rows: number): Float64Array {
  const f = new Float64Array(rows);
  const params = run.fp.rebuild(run.fp.leaves.map((t) => stopGradient(t)));
  batchesOf(rows, run.batchSize, (at, m) => {
    const [cost] = runProgram(run.program, params, { root: run.root, rows: m, rowOffset: start + at, modeOf: run.modeOf, data: run.data });
    f.set(cost.data.subarray(0, m), at);
  });
  return centeredOver(run, start, run.baseline === 'optimal' ? 'loo' : run.baseline, f, null);
}

/** Per-sample central differences with common random numbers: (f(θ + h e_k) − f(θ − h e_k)) / 2h. */
export function fdBlock(run: ExpectationRun, b: number, steps: Float64Array): BlockResult {
  const { fp, program } = run;
  const K = fp.size;
  const { start, rows } = blockRange(run.layout, b);
  const w = K + 1;
  const out = new Float64Array(rows * w);
  let cvs: Float64Array[] = [];
  const at = (k: number, delta: number) => fp.rebuild(fp.leaves.map((t, i) => {
    const j = k - fp.offsets[i]!;
    if (j < 0 || j >= t.size) return t;
    const d = Float64Array.from(t.data);
    d[j]! += delta;
    return new Tensor(d, t.shape);
  }));
  const discrete = run.discreteSites ?? [];
  const flips = new Float64Array(K);
  batchesOf(rows, run.batchSize, (off, m) => {
    const spec = { root: run.root, rows: m, rowOffset: start + off, modeOf: () => 'value' as const, data: run.data };
    const [f, ctx] = runProgram(program, fp.rebuild(fp.leaves), spec);
    if (off === 0) cvs = ctx.controlVariates.map(() => new Float64Array(rows));
    ctx.controlVariates.forEach((c, j) => cvs[j]!.set(c.centered, off));
    for (let i = 0; i < m; i++) out[(off + i) * w] = f.data[i]!;
    for (let k = 0; k < K; k++) {
      const h = steps[k]!;
      const [plusCost, plusCtx] = runProgram(program, at(k, h), spec);
      const [minusCost, minusCtx] = runProgram(program, at(k, -h), spec);
      const plus = plusCost.data, minus = minusCost.data;
      for (let i = 0; i < m; i++) out[(off + i) * w + k + 1] = (plus[i]! - minus[i]!) / (2 * h);
      if (discrete.length > 0) flips[k]! += countFlips(plusCtx, minusCtx, discrete, m);
    }
  });
  const r = summarizeRows(run, b, out, w, cvs, keepOf(run, start, rows));
  if (discrete.length === 0) return r;
  const notes: Record<string, number> = { ...(r.notes ?? {}) };
  flips.forEach((f, k) => (notes[`fdflips:${k}`] = f));
  return { ...r, notes };
}

/** Samples (rows) in which some discrete site drew a different value at θ + h than at θ − h. */
function countFlips(plus: SampleContext, minus: SampleContext, names: readonly string[], rows: number): number {
  const changed = new Uint8Array(rows);
  for (const name of names) {
    const a = plus.sites.find((x) => x.name === name)?.z, c = minus.sites.find((x) => x.name === name)?.z;
    if (a === undefined || c === undefined) continue;
    const per = a.size / rows;
    for (let j = 0; j < a.size; j++) if (a.data[j] !== c.data[j]) changed[Math.floor(j / per)] = 1;
  }
  return changed.reduce((s, v) => s + v, 0);
}
