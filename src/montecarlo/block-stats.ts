/**
 * Summaries of one block from its per-sample (or per-group) values: the corrected two-pass algorithm of
 * Chan, Golub & LeVeque (1979) over the block's rows, so a block's summary depends on its values only.
 */
import { CoMoments } from '../stats/co-moments.js';
import { VectorMoments } from '../stats/vector-moments.js';
import type { BlockResult } from './block.js';

/** Options of {@link blockFromRows}. */
export interface BlockRowsOptions {
  /** Per-sample control variates (centered), one array of `rows` values per control. */
  readonly controls?: readonly Float64Array[];
  /** Keep the first `keep` rows of columns 1… (per-sample gradient values for histograms). */
  readonly keep?: number;
  readonly replicate?: number;
  readonly notes?: Readonly<Record<string, number>>;
}

/**
 * A block result from row-major per-sample rows of width `w` (`rows[i·w + c]`): every sample one
 * independent observation.
 */
export function blockFromRows(index: number, rows: Float64Array, w: number, o: BlockRowsOptions = {}): BlockResult {
  return blockFromSummary(index, rows.length / w, w, new VectorMoments(w).addBatch(rows), (i, c) => rows[i * w + c]!, o);
}

/**
 * As {@link blockFromRows}, the per-sample values given column by column (`columns[c][i]`, every column of
 * the same length; with `replicate`, one slice of a randomized-QMC replicate): the same bits as the
 * interleaved rows, without interleaving them.
 */
export function blockFromColumns(index: number, columns: readonly Float64Array[], o: BlockRowsOptions = {}): BlockResult {
  const w = columns.length;
  return blockFromSummary(index, columns[0]!.length, w, new VectorMoments(w).addColumns(columns), (i, c) => columns[c]![i]!, o);
}

// The rest of a block result once its moments are summed; `at(i, c)` reads sample i's column c.
function blockFromSummary(index: number, n: number, w: number, vm: VectorMoments, at: (i: number, c: number) => number, o: BlockRowsOptions): BlockResult {
  const out: { -readonly [K in keyof BlockResult]: BlockResult[K] } = {
    index, count: n, groups: o.replicate === undefined ? n : 1, mean: Float64Array.from(vm.mean), m2: Float64Array.from(vm.m2),
  };
  if (o.replicate !== undefined) out.replicate = o.replicate;
  const controls = o.controls ?? [];
  if (controls.length > 0) {
    const c = controls.length, cw = w + c;
    const buf = new Float64Array(n * cw);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < w; j++) buf[i * cw + j] = at(i, j);
      for (let k = 0; k < c; k++) buf[i * cw + w + k] = controls[k]![i]!;
    }
    const cm = new CoMoments(cw).addBatch(buf);
    out.comoment = Float64Array.from(cm.comoment);
    out.cvMean = Float64Array.from(cm.mean);
  }
  const keep = Math.min(o.keep ?? 0, n);
  if (keep > 0) {
    out.kept = Array.from({ length: w - 1 }, (_, j) => {
      const a = new Float64Array(keep);
      for (let i = 0; i < keep; i++) a[i] = at(i, j + 1);
      return a;
    });
  }
  const notes: Record<string, number> = { ...(o.notes ?? {}) };
  for (let c = 0; c < w; c++) {
    // A NaN or an infinity among a column's values makes its mean or M2 non-finite, so a finite pair needs no count.
    if (Number.isFinite(out.mean[c]!) && Number.isFinite(out.m2[c]!)) continue;
    let bad = 0;
    for (let i = 0; i < n; i++) if (!Number.isFinite(at(i, c))) bad++;
    if (bad > 0) notes[`nonfinite:${c}`] = bad;
  }
  if (Object.keys(notes).length > 0) out.notes = notes;
  return out;
}

/**
 * A block result from group means (batch means): group g holds `sizes[g]` samples with column means
 * `means[g·w + c]`. M2 is the between-groups sum of squares Σ_g n_g (mean_g − mean)², so M2/(G − 1) estimates
 * the per-sample variance (exactly in expectation for equal groups), and `groups` = G.
 */
export function blockFromGroupMeans(index: number, means: Float64Array, sizes: readonly number[], w: number, notes?: Readonly<Record<string, number>>): BlockResult {
  // Passes over the groups, row by row in plain loops (a model's gradient has tens of thousands of
  // columns): the weighted mean, then the weighted sum of squared deviations from it.
  const G = sizes.length;
  let count = 0;
  for (let g = 0; g < G; g++) count += sizes[g]!;
  const mean = new Float64Array(w), m2 = new Float64Array(w);
  for (let g = 0; g < G; g++) {
    const size = sizes[g]!;
    if (size === 0) continue;
    for (let c = 0, o = g * w; c < w; c++, o++) mean[c] += size * means[o]!;
  }
  // probe turns NaN when some column is non-finite (x − x is NaN for ±Infinity and NaN): checked below.
  let probe = 0;
  if (count > 0) {
    for (let c = 0; c < w; c++) {
      const v = mean[c]! / count;
      mean[c] = v;
      probe += v - v;
    }
  }
  for (let g = 0; g < G; g++) {
    const size = sizes[g]!;
    if (size === 0) continue;
    for (let c = 0, o = g * w; c < w; c++, o++) {
      const d = means[o]! - mean[c]!;
      m2[c] += size * d * d;
    }
  }
  const all: Record<string, number> = { ...(notes ?? {}) };
  // A non-finite group mean makes its column's sum non-finite (so does overflow): count only there.
  for (let c = 0; c < w && probe !== 0; c++) {
    if (Number.isFinite(mean[c]!)) continue;
    let bad = 0;
    for (let g = 0; g < G; g++) if (sizes[g]! > 0 && !Number.isFinite(means[g * w + c]!)) bad++;
    if (bad > 0) all[`nonfinite:${c}`] = bad;
  }
  return {
    index, count, groups: sizes.filter((s) => s > 0).length, mean, m2,
    ...(Object.keys(all).length > 0 ? { notes: all } : {}),
  };
}
