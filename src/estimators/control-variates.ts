/**
 * Control variates with estimated optimal coefficients: every column y (the cost and each gradient
 * component) is regressed on the centered control variates h (known mean 0): the estimate
 * ȳ − β·h̄ with β = Σ_hh⁻¹ Σ_hy has per-sample variance Var(y) − Σ_yh Σ_hh⁻¹ Σ_hy (Glasserman 2004, §4.1).
 * Estimating β from the same samples adds a bias of order 1/n, negligible beside the standard error.
 */
import { CoMoments } from '../stats/co-moments.js';

export class CvAccumulator {
  private readonly co: CoMoments;

  constructor(readonly columns: number, readonly controls: number) {
    this.co = new CoMoments(columns + controls);
  }

  add(rows: Float64Array, cvs: readonly Float64Array[], m: number): void {
    const w = this.columns + this.controls;
    const buf = new Float64Array(m * w);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < this.columns; j++) buf[i * w + j] = rows[i * this.columns + j]!;
      for (let c = 0; c < this.controls; c++) buf[i * w + this.columns + c] = cvs[c]![i]!;
    }
    this.co.addBatch(buf);
  }

  get count(): number {
    return this.co.count;
  }

  /** Adjusted mean and per-sample variance of column j. */
  adjusted(j: number): { mean: number; variance: number } {
    const c = this.controls, base = this.columns;
    const shh = Array.from({ length: c }, (_, a) => Array.from({ length: c }, (_, b) => this.co.covariance(base + a, base + b)));
    const shy = Array.from({ length: c }, (_, a) => this.co.covariance(base + a, j));
    const beta = solve(shh, shy);
    let mean = this.co.mean[j]!, explained = 0;
    for (let a = 0; a < c; a++) {
      mean -= beta[a]! * this.co.mean[base + a]!;
      explained += beta[a]! * shy[a]!;
    }
    return { mean, variance: Math.max(0, this.co.variance(j) - explained) };
  }
}

/** Solves A x = b for a small symmetric positive (semi)definite A by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[piv]![col]!)) piv = r;
    [m[col], m[piv]] = [m[piv]!, m[col]!];
    const d = m[col]![col]!;
    if (d === 0) continue;  // a control variate with zero variance explains nothing
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / d;
      for (let k = col; k <= n; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n]! / row[i]!));
}
