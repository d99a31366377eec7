/**
 * A run's statistics: block results folded in block-index order (results that arrive early wait for their
 * predecessors), with the pairwise update of Chan, Golub & LeVeque (1979). Because the order of the fold is
 * fixed by the block indices, the bits of every number are the same whoever computed the blocks and in
 * whatever order they arrived.
 *
 * Observations: per-sample blocks contribute their samples; batch-means blocks their groups; blocks of a
 * randomized-QMC replicate are merged mean-only into the replicate, and each replicate is one observation
 * (the only honest standard error for randomized QMC).
 */
import { PathwiseError, PathwiseRangeError, show } from '../errors.js';
import { CoMoments } from '../stats/co-moments.js';
import { VectorMoments } from '../stats/vector-moments.js';
import { newFloat64Array } from '../tensor/allocate.js';
import type { BlockResult } from './block.js';

/** One point of a convergence trace: running means and standard errors of columns 1… after some blocks. */
export interface TracePoint {
  readonly n: number;
  readonly mean: Float64Array;
  readonly stderr: Float64Array;
}

/** The summary of one column. */
export interface ColumnSummary {
  readonly mean: number;
  /** Per-sample variance (M2/(observations − 1)); NaN with fewer than two observations. */
  readonly variance: number;
  readonly stderr: number;
  readonly n: number;
}

export interface RunStatsOptions {
  /** Number of blocks the run has. */
  readonly blocks: number;
  /** Number of columns (column 0 the value). */
  readonly width: number;
  /** Per-sample values to keep per column 1… (histograms). */
  readonly keep?: number;
  /** Trace points wanted (spread evenly over the blocks); default 200. */
  readonly tracePoints?: number;
}

export class RunStats {
  readonly width: number;
  /** Independent observations behind m2 (samples, groups or replicates). */
  groups = 0;
  /** Count, column means and M2, merged by Chan, Golub & LeVeque's pairwise update. */
  private readonly moments: VectorMoments;
  readonly trace: TracePoint[] = [];
  readonly kept: Float64Array[];
  readonly notes: Record<string, number> = {};
  private co: CoMoments | null = null;
  private readonly pending = new Map<number, BlockResult>();
  private next = 0;
  private filled = 0;
  private readonly traceEvery: number;
  // The replicate being assembled (mean-only merge of its blocks).
  private rep: { id: number; count: number; mean: Float64Array } | null = null;

  constructor(readonly options: RunStatsOptions) {
    this.width = options.width;
    this.moments = new VectorMoments(this.width);
    // Without kept samples every column shares one empty array (a model has tens of thousands of columns).
    const none = new Float64Array(0);
    this.kept = (options.keep ?? 0) > 0
      ? Array.from({ length: this.width - 1 }, () => newFloat64Array(options.keep!, 'keepSamples'))
      : new Array<Float64Array>(this.width - 1).fill(none);
    this.traceEvery = Math.max(1, Math.ceil(options.blocks / (options.tracePoints ?? 200)));
  }

  /** Samples folded so far. */
  get count(): number {
    return this.moments.count;
  }

  /** Blocks folded so far. */
  get done(): number {
    return this.next;
  }

  /** Accepts a block result (any order); folds every result whose predecessors have all arrived. */
  add(r: BlockResult): void {
    if (!(Number.isSafeInteger(r.index) && r.index >= 0 && r.index < this.options.blocks)) {
      throw new PathwiseRangeError(`run statistics: block index must be in [0, ${this.options.blocks}), got ${show(r.index)}`);
    }
    if (r.index < this.next || this.pending.has(r.index)) throw new PathwiseError(`run statistics: block ${r.index} delivered twice`);
    if (r.mean.length !== this.width) throw new PathwiseRangeError(`run statistics: block ${r.index} has ${r.mean.length} columns, expected ${this.width}`);
    this.pending.set(r.index, r);
    for (let b = this.pending.get(this.next); b !== undefined; b = this.pending.get(this.next)) {
      this.pending.delete(this.next);
      this.fold(b);
      this.next++;
      if (this.next % this.traceEvery === 0 || this.next === this.options.blocks) this.pushTrace();
    }
  }

  /** True when every block has been folded. */
  get complete(): boolean {
    return this.next === this.options.blocks;
  }

  private fold(b: BlockResult): void {
    for (const [k, v] of Object.entries(b.notes ?? {})) this.notes[k] = (this.notes[k] ?? 0) + v;
    this.keepFrom(b);
    if (b.replicate !== undefined) {
      if (this.rep !== null && this.rep.id !== b.replicate) this.closeReplicate();
      this.rep ??= { id: b.replicate, count: 0, mean: new Float64Array(this.width) };
      const r = this.rep, n = r.count + b.count;
      for (let c = 0; c < this.width; c++) r.mean[c] = r.count === 0 ? b.mean[c]! : r.mean[c]! + ((b.mean[c]! - r.mean[c]!) * b.count) / n;
      r.count = n;
      if (this.next === this.options.blocks - 1) this.closeReplicate();
      return;
    }
    this.mergeParts(b.count, b.groups, b.mean, b.m2);
    if (b.comoment !== undefined && b.cvMean !== undefined) {
      const part = CoMoments.fromJSON({ count: b.count, mean: Array.from(b.cvMean), comoment: Array.from(b.comoment) });
      if (this.co === null) this.co = part;
      else this.co.merge(part);
    }
  }

  private closeReplicate(): void {
    const r = this.rep!;
    this.rep = null;
    this.mergeParts(r.count, 1, r.mean, new Float64Array(this.width));
  }

  private mergeParts(nb: number, gb: number, meanB: Float64Array, m2B: Float64Array): void {
    this.moments.mergeSummary(nb, meanB, m2B);
    this.groups += gb;
  }

  private keepFrom(b: BlockResult): void {
    const want = this.options.keep ?? 0;
    if (b.kept === undefined || this.filled >= want) return;
    const take = Math.min(want - this.filled, b.kept[0]?.length ?? 0);
    for (let c = 0; c < this.kept.length; c++) this.kept[c]!.set(b.kept[c]!.subarray(0, take), this.filled);
    this.filled += take;
  }

  private pushTrace(): void {
    // Copies now (views after the last block: nothing changes them then), standard errors when read (a
    // model's gradient has tens of thousands of columns).
    const last = this.next === this.options.blocks;
    const mean = last ? this.moments.mean.subarray(1) : this.moments.mean.slice(1);
    const m2 = last ? this.moments.m2.subarray(1) : this.moments.m2.slice(1);
    const n = this.count, groups = this.groups;
    let stderr: Float64Array | null = null;
    this.trace.push({
      n, mean,
      get stderr(): Float64Array {
        return (stderr ??= m2.map((v) => Math.sqrt(Math.max(0, groups > 1 ? v / (groups - 1) : Number.NaN) / n)));
      },
    });
  }

  /** Kept per-sample values (trimmed to what the run produced). */
  keptValues(): Float64Array[] {
    if ((this.options.keep ?? 0) === 0) return this.kept;
    return this.kept.map((a) => a.subarray(0, this.filled));
  }

  /**
   * Mean, per-sample variance and standard error of column c; with control variates (unless `raw`), the
   * regression-adjusted estimate ȳ − β·h̄ with β = Σ_hh⁻¹ Σ_hy and variance Var(y) − Σ_yh Σ_hh⁻¹ Σ_hy
   * (Glasserman 2004, §4.1).
   */
  column(c: number, adjusted = true): ColumnSummary {
    const n = this.count;
    if (adjusted && this.co !== null && this.co.k > this.width) {
      const { mean, variance } = cvAdjusted(this.co, this.width, this.co.k - this.width, c);
      return { mean, variance, stderr: Math.sqrt(Math.max(0, variance) / n), n };
    }
    const variance = this.groups > 1 ? this.moments.m2[c]! / (this.groups - 1) : Number.NaN;
    return { mean: this.moments.mean[c]!, variance, stderr: Math.sqrt(Math.max(0, variance) / n), n };
  }

  /**
   * Means, per-sample variances and standard errors of columns `from`…width − 1 as arrays (as `column` for
   * each, without an object per column); null when control variates adjust the columns (use `column`).
   */
  columnArrays(from = 0): { mean: Float64Array; variance: Float64Array; stderr: Float64Array } | null {
    if (this.co !== null && this.co.k > this.width) return null;
    const n = this.count, g = this.groups, k = this.width - from;
    const mean = this.moments.mean.slice(from), variance = new Float64Array(k), stderr = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const v = g > 1 ? this.moments.m2[from + j]! / (g - 1) : Number.NaN;
      variance[j] = v;
      stderr[j] = Math.sqrt(Math.max(0, v) / n);
    }
    return { mean, variance, stderr };
  }
}

function cvAdjusted(co: CoMoments, base: number, c: number, j: number): { mean: number; variance: number } {
  const shh = Array.from({ length: c }, (_, a) => Array.from({ length: c }, (_, b) => co.covariance(base + a, base + b)));
  const shy = Array.from({ length: c }, (_, a) => co.covariance(base + a, j));
  const beta = solveSymmetric(shh, shy);
  let mean = co.mean[j]!, explained = 0;
  for (let a = 0; a < c; a++) {
    mean -= beta[a]! * co.mean[base + a]!;
    explained += beta[a]! * shy[a]!;
  }
  return { mean, variance: Math.max(0, co.variance(j) - explained) };
}

/** Solves A x = b for a small symmetric positive semidefinite A (Gaussian elimination, partial pivoting);
 * a control with zero variance explains nothing and gets coefficient 0. */
function solveSymmetric(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[piv]![col]!)) piv = r;
    [m[col], m[piv]] = [m[piv]!, m[col]!];
    const d = m[col]![col]!;
    if (d === 0) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / d;
      for (let k = col; k <= n; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n]! / row[i]!));
}
