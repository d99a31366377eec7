/**
 * The sample context `s` of an expectation program. `s.sample(name, dist)` draws one batch of samples
 * for a named site in the way the current run needs: reparameterized for pathwise sites, as constants
 * with their log-density recorded for score-function sites, as constants for measure-valued and plain
 * value runs, or replaced by an override (the measure-valued estimator re-runs the program with one
 * site's value swapped). Every site's values are marked as a random source named after the site.
 */
import { NonFiniteError, PathwiseError, PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { debugEnabled } from '../ad/debug.js';
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { reshape, stopGradient, sum } from '../ad/ops/index.js';
import { untracked } from '../ad/tracking.js';
import type { Key } from '../random/key.js';
import { Distribution } from '../distributions/distribution.js';
import type { EstimatorName } from './types.js';
import { siteKey } from './site-key.js';

/** Prefix of the source names that mark parameters (see plan.ts). */
export const PARAM_SOURCE = 'param:';

export type SiteMode = 'pathwise' | 'score' | 'mvd' | 'value';

export interface SiteRecord {
  readonly name: string;
  readonly dist: Distribution;
  readonly mode: SiteMode;
  readonly key: Key;
  readonly z: Tensor;
  /** Per-row log density (score sites). */
  readonly logq: Tensor | null;
  readonly perRow: boolean;
}

export interface SiteOptions {
  /** This site's estimator, overriding the run's. */
  readonly estimator?: Exclude<EstimatorName, 'fd'>;
  /** Force per-row sampling (parameters carry the sample axis); detected automatically otherwise. */
  readonly perSample?: boolean;
}

export interface ControlVariate {
  readonly name: string;
  /** Per-row values minus their known mean. */
  readonly centered: Float64Array;
}

export interface RunSpec {
  readonly root: Key;
  readonly rows: number;
  readonly rowOffset: number;
  readonly modeOf: (name: string, dist: Distribution, requested: SiteOptions['estimator']) => SiteMode;
  readonly overrides?: ReadonlyMap<string, Tensor>;
  /** The run's data rows (sample i sees row i mod D). */
  readonly data?: Tensor | undefined;
}

/**
 * The `s` of an expectation program `(p, s) => …`: it draws the program's sample sites (`s.sample`) and records
 * them, so that each site's estimator can be chosen and applied.
 * @example
 * const f = expectation<{ mu: number }>((p, s) => square(s.sample('x', Normal(p.mu, 1))));
 * f.grad({ mu: 0.5 }, { samples: 10_000, seed: 1 }).grad.mu.mean;   // ≈ 1 (= 2μ)
 */
export class SampleContext {
  readonly sites: SiteRecord[] = [];
  readonly controlVariates: ControlVariate[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly spec: RunSpec) {}

  /** Number of Monte Carlo samples in this batch (the leading axis of every per-sample tensor). */
  get n(): number {
    return this.spec.rows;
  }

  private rowsOfData: Tensor | null = null;

  /**
   * The run's `data` rows of this batch's samples, shape [n, ...]: sample i sees row i mod D.
   * @example
   * const images = tensor([[0.1, 0.9], [0.7, 0.2], [0.4, 0.4]]);
   * const o = expectation<{ mu: number }>((p, s) => mul(sum(s.data, 1), s.sample('z', Normal(p.mu, 1))));
   * o.grad({ mu: 0 }, { data: images, samples: 3000, seed: 1 }).grad.mu.mean;   // ≈ 0.9 (the rows' mean sum)
   */
  get data(): Tensor {
    const d = this.spec.data;
    if (d === undefined) throw new PathwiseError('s.data: the run was given no data; pass { data } to grad or value');
    if (this.rowsOfData !== null) return this.rowsOfData;
    const D = d.shape[0]!, n = this.spec.rows, off = this.spec.rowOffset;
    if (n === D && off % D === 0) return (this.rowsOfData = d);
    const w = d.size / D;
    const out = new Float64Array(n * w);
    for (let i = 0; i < n; i++) {
      const r = (off + i) % D;
      out.set(d.data.subarray(r * w, r * w + w), i * w);
    }
    return (this.rowsOfData = new Tensor(out, [n, ...d.shape.slice(1)]));
  }

  /**
   * The run's whole `data` [D, ...] and, with {@link dataIndex}, which row each sample sees: a program that
   * computes something per data row (an encoder) does it once per row and gathers it to the samples.
   * @example
   * const images = tensor([[0.1, 0.9], [0.7, 0.2]]);
   * const o = expectation<{ w: Tensor }>((p, s) => {
   *   const h = gather(sum(mul(s.dataRows, p.w), 1), s.dataIndex);   // once per data row, gathered to the samples
   *   return mul(h, s.sample('z', Normal(0, 1)));
   * });
   * o.value({ w: tensor([1, 2]) }, { data: images, samples: 100, seed: 1 }).n;   // 100
   */
  get dataRows(): Tensor {
    const d = this.spec.data;
    if (d === undefined) throw new PathwiseError('s.dataRows: the run was given no data; pass { data } to grad or value');
    return d;
  }

  /** The data row of each sample of this batch: (offset + i) mod D. */
  get dataIndex(): Int32Array {
    const D = this.dataRows.shape[0]!, off = this.spec.rowOffset;
    return Int32Array.from({ length: this.spec.rows }, (_, i) => (off + i) % D);
  }

  /**
   * Draws this batch's samples of the site `name` from `dist`: shape [n, ...batch, ...event], or
   * [...batch, ...event] when the parameters already carry the sample axis.
   * @example
   * const objective = expectation<{ mu: number; sigma: number }>((p, s) => {
   *   const z = s.sample('z', Normal(p.mu, p.sigma));   // shape [s.n]
   *   return square(z);
   * });
   * objective.grad({ mu: 1, sigma: 0.5 }, { samples: 10_000, seed: 0 }).grad.mu.mean;   // ≈ 2 (= 2μ)
   */
  sample(name: string, dist: Distribution, options: SiteOptions = {}): Tensor {
    if (typeof name !== 'string' || name.length === 0) throw new PathwiseTypeError(`sample: site name must be a non-empty string, got ${show(name)}`);
    if (!(dist instanceof Distribution)) throw new PathwiseTypeError(`sample('${name}'): expected a distribution, got ${show(dist)}`);
    if (this.names.has(name)) throw new PathwiseError(`sample('${name}'): the site is sampled twice in one run; give each site its own name`);
    this.names.add(name);
    const rows = this.spec.rows;
    const perRow = options.perSample ?? this.dependsOnSites(dist);
    const key = siteKey(this.spec.root, name);
    const override = this.spec.overrides?.get(name);
    const mode: SiteMode = override !== undefined ? 'value' : this.spec.modeOf(name, dist, options.estimator);
    const checked = debugEnabled();
    const z = override !== undefined
      ? stopGradient(override)
      : atSite(name, dist, 'sampling', () => dist.drawRows(key, rows, this.spec.rowOffset, perRow, mode === 'pathwise'));
    if (checked) nonFiniteAt(name, dist, 'samples', z);
    // The sample depends on its own site and on the sites its parameters came from, but not on the
    // parameters as such: they enter through the distribution, which the estimators account for.
    z.sources = new Set([name, ...[...(z.sources ?? [])].filter((src) => !src.startsWith(PARAM_SOURCE))]);
    const logq = mode === 'score' ? atSite(name, dist, 'log density', () => untracked(() => perRowSum(dist.logProb(z), rows))) : null;
    if (checked && logq !== null) nonFiniteAt(name, dist, 'log density', logq);
    this.sites.push({ name, dist, mode, key, z, logq, perRow });
    return z;
  }

  /**
   * Registers a control variate: per-sample values h with known expectation `mean`. The estimators
   * regress the value and every gradient component on the centered h (estimated optimal coefficients).
   */
  controlVariate(name: string, values: TensorLike, mean: number): void {
    const h = toTensor(values, `controlVariate('${name}')`);
    if (h.size !== this.spec.rows) {
      throw new PathwiseRangeError(`controlVariate('${name}'): expected one value per sample (${this.spec.rows}), got shape ${show(h.shape)}`);
    }
    if (!Number.isFinite(mean)) throw new PathwiseRangeError(`controlVariate('${name}'): mean must be finite, got ${show(mean)}`);
    this.controlVariates.push({ name, centered: h.data.map((v) => v - mean) });
  }

  private dependsOnSites(dist: Distribution): boolean {
    for (const p of dist.parameters()) {
      if (p.sources === null) continue;
      for (const s of p.sources) if (this.names.has(s)) return true;
    }
    return false;
  }
}

/** Runs `f` (a site's sampling or log density); a NonFiniteError from the debug check gets the site's name. */
function atSite<T>(name: string, dist: Distribution, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NonFiniteError) throw new NonFiniteError(`site '${name}' (${dist.name}), ${what}: ${e.message}`);
    throw e;
  }
}

/** With the debug check on: a site whose samples or log density hold NaN/±Inf is named, with the count. */
function nonFiniteAt(name: string, dist: Distribution, what: string, x: Tensor): void {
  let bad = 0;
  for (const v of x.data) if (!Number.isFinite(v)) bad++;
  if (bad > 0) throw new NonFiniteError(`site '${name}' (${dist.name}): ${bad} of ${x.size} ${what} are NaN or ±Infinity`);
}

/** Sums every axis but the first, giving one value per Monte Carlo row. */
export function perRowSum(x: Tensor, rows: number): Tensor {
  if (x.ndim === 0 || x.shape[0] !== rows) {
    throw new PathwiseError(`expected a per-sample tensor with leading dimension ${rows}, got shape ${show(x.shape)}`);
  }
  return x.ndim === 1 ? x : sum(reshape(x, [rows, -1]), 1);
}

