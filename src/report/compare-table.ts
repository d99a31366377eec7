/**
 * `compare()` rows made flat and printable. A {@link CompareRow} holds one estimator with its gradient
 * components in an array (and its diagnostics), which `console.table` and string templates print as
 * `[object Object]`; here each (estimator, parameter) pair becomes one record of plain numbers and strings,
 * and the same records become the table that `pathwise compare` prints.
 *
 * Units: `secondsPerSample` in seconds and `workNormalizedVariance` = variance × seconds per sample, as in
 * the rows; the printed table shows microseconds for readability and says so in its header and caption.
 */
import type { CompareRow } from '../estimators/compare.js';
import { formatTable, type FormatTableOptions } from './table.js';
import type { Table } from './table-model.js';

/** One estimator and one parameter: only numbers, strings and booleans, so it prints as it is. */
export interface FlatCompareRow {
  readonly estimator: string;
  /** The parameter component (e.g. 'mu', 'w[2]'); null on the row of an estimator that does not apply. */
  readonly parameter: string | null;
  /** ∂E[f]/∂parameter; null when the estimator does not apply. */
  readonly gradient: number | null;
  readonly stderr: number | null;
  /** Per-sample variance of the gradient estimate. */
  readonly variance: number | null;
  /** Wall-clock seconds per sample. */
  readonly secondsPerSample: number | null;
  /** variance × secondsPerSample (s × gradient units²): the variance per unit of compute, lower is better. */
  readonly workNormalizedVariance: number | null;
  readonly biased: boolean;
  /** '' or 'biased', or 'not applicable: <why>'. */
  readonly note: string;
}

/**
 * One flat record per estimator and parameter, in the order of the rows and of the components.
 *
 * @example
 * ```ts
 * const digital = expectation<{ mu: number }>((p, s) => step(s.sample('z', Normal(p.mu, 1)).sub(0.3)));
 * const rows = digital.compare({ mu: 0.1 }, { estimators: ['pathwise', 'score'], samples: 10_000, seed: 1 });
 * console.table(flattenCompareRows(rows));
 * // estimator  parameter  gradient  stderr  variance  secondsPerSample  workNormalizedVariance  biased  note
 * // pathwise   mu         0         0       0         1.2e-6            0                       true    biased
 * // score      mu         0.39      0.003   0.10      7.1e-7            7.4e-8                  false
 * ```
 */
export function flattenCompareRows(rows: readonly CompareRow[]): FlatCompareRow[] {
  const out: FlatCompareRow[] = [];
  for (const r of rows) {
    if (r.error !== undefined) {
      out.push({
        estimator: r.estimator, parameter: null, gradient: null, stderr: null, variance: null,
        secondsPerSample: null, workNormalizedVariance: null, biased: r.biased, note: `${r.failed === true ? 'ERROR' : 'not applicable'}: ${r.error}`,
      });
      continue;
    }
    for (const c of r.components) {
      out.push({
        estimator: r.estimator, parameter: c.name, gradient: c.mean, stderr: c.stderr, variance: c.variance,
        secondsPerSample: r.secondsPerSample, workNormalizedVariance: c.workNormalizedVariance, biased: r.biased,
        note: r.biased ? 'biased' : '',
      });
    }
  }
  return out;
}

const micro = (x: number | null): number | null => (x === null ? null : x * 1e6);

/**
 * The comparison as a report table (terminal, HTML and report.json alike): per estimator and parameter the
 * gradient, its standard error, the per-sample variance, µs per sample and their product.
 *
 * @example
 * ```ts
 * const objective = expectation<{ phi: number }>((p, s) => square(s.sample('z', Normal(p.phi, 1))));
 * compareTable(objective.compare({ phi: 0.5 }, { samples: 1000, seed: 1 })).columns.map((c) => typeof c === 'string' ? c : c.name);
 * // ['estimator', 'parameter', 'gradient', 'stderr', 'variance', 'µs/sample', 'variance × µs', 'note']
 * ```
 */
export function compareTable(rows: readonly CompareRow[]): Table {
  return {
    columns: ['estimator', 'parameter', 'gradient', 'stderr', 'variance', 'µs/sample', 'variance × µs', { name: 'note', align: 'left' }],
    rows: flattenCompareRows(rows).map((r) => [
      r.estimator, r.parameter ?? '—', r.gradient, r.stderr, r.variance, micro(r.secondsPerSample), micro(r.workNormalizedVariance), r.note,
    ]),
    caption: 'variance: of one sample; variance × µs: times the µs per sample, the work-normalized variance (the variance per unit of compute, lower is better)',
  };
}

/**
 * `compare()` rows as aligned text, the table `pathwise compare` prints; `width` fits it to a terminal.
 *
 * @example
 * ```ts
 * const objective = expectation<{ phi: number }>((p, s) => square(s.sample('z', Normal(p.phi, exp(p.phi.div(2))))));
 * console.log(formatCompareRows(objective.compare({ phi: 0.5 }, { samples: 100_000, seed: 7 }), { width: 80 }));
 * // variance: of one sample; variance × µs: times the µs per sample, the work-normalized variance (…)
 * // estimator  parameter  gradient   stderr  variance  µs/sample  variance × µs
 * // ─────────  ─────────  ────────  ───────  ────────  ─────────  ─────────────
 * // pathwise   phi           2.648  0.01248     15.57     0.4021          6.261
 * // …
 * ```
 */
export function formatCompareRows(rows: readonly CompareRow[], options: Partial<FormatTableOptions> = {}): string {
  return formatTable(compareTable(rows), { color: options.color ?? false, ...(options.width !== undefined ? { width: options.width } : {}) });
}
