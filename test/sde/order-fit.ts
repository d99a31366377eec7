/**
 * The strong order of a scheme, fitted with its standard error. The mean absolute error at step h is
 * e(h) = C·h^p·(1 + d·h^r) + o(h^{p+r}): a pure power fits a straight line to log e only as h → 0, and at the
 * steps a test can afford the next term bends it (Milstein's straight-line slope on GBM reads 0.95). So the
 * correction term is fitted too, and p, log C and d come from generalized least squares on log e with the
 * covariance of the errors estimated from the paths: every level is computed on the same Brownian paths, so
 * the level errors are correlated, and that correlation is what makes the slope precise. The standard error
 * of p is the delta-method one, from (JᵀΣ⁻¹J)⁻¹ at the fit.
 */

import { expect } from 'vitest';

/**
 * Holds a fitted order to the theory: the model fits (χ² with levels − 3 degrees of freedom under its 99.9 %
 * quantile: 13.8 for 5 levels), the order is within 5 standard errors of `order`, and 5 standard errors are
 * at most 0.1 (no looser than the fixed band this replaces).
 */
export function expectOrder(f: OrderFit, order: number, what: string): void {
  const msg = `${what}: order ${f.p.toFixed(3)} ± ${f.stderr.toFixed(3)}, d ${f.d.toFixed(2)}, χ² ${f.chi2.toFixed(2)} (errors ${f.errors.map((e) => e.mean.toExponential(2)).join(', ')})`;
  expect(f.errors.length, msg).toBe(5);
  expect(f.chi2, msg).toBeLessThanOrEqual(13.8);
  expect(5 * f.stderr, msg).toBeLessThanOrEqual(0.1);
  expect(Math.abs(f.p - order), msg).toBeLessThanOrEqual(5 * f.stderr);
}

/** The fitted order, its standard error, and the fit's other parameters. */
export interface OrderFit {
  readonly p: number;
  readonly stderr: number;
  readonly logC: number;
  readonly d: number;
  /** Σ⁻¹-weighted squared residuals: about χ² with levels − 3 degrees of freedom when the model holds. */
  readonly chi2: number;
  /** Mean absolute error at each level and its standard error. */
  readonly errors: readonly { readonly mean: number; readonly stderr: number }[];
}

/**
 * Fits e(h) = C·h^p·(1 + d·h^r) to the per-path absolute errors `perPath[level][path]` at steps `hs`
 * (the same paths at every level).
 * @example
 * strongOrderFit([1/16, 1/32, 1/64, 1/128], errorsByLevel, 0.5).p;   // ≈ 1 for Milstein
 */
export function strongOrderFit(hs: readonly number[], perPath: readonly ArrayLike<number>[], r: number): OrderFit {
  const L = hs.length, n = perPath[0]!.length;
  const mean = perPath.map((e) => { let s = 0; for (let i = 0; i < n; i++) s += e[i]!; return s / n; });
  // covariance of the level means, then of their logarithms (delta method: divide by e_i e_j)
  const cov = Array.from({ length: L }, () => new Array<number>(L).fill(0));
  for (let a = 0; a < L; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (perPath[a]![i]! - mean[a]!) * (perPath[b]![i]! - mean[b]!);
      cov[a]![b] = cov[b]![a] = s / (n - 1) / n / (mean[a]! * mean[b]!);
    }
  }
  const w = invert(cov);
  const y = mean.map(Math.log), lh = hs.map(Math.log);
  const fitAt = (c: number, p: number, d: number) => {
    const res: number[] = [], J: number[][] = [];
    for (let i = 0; i < L; i++) {
      const q = hs[i]! ** r;
      res.push(y[i]! - (c + p * lh[i]! + Math.log(1 + d * q)));
      J.push([1, lh[i]!, q / (1 + d * q)]);
    }
    return { res, J, chi2: quad(w, res) };
  };
  // Gauss–Newton from the straight line through the two finest levels and d = 0, halving steps that do not
  // lower the weighted residual (or leave 1 + d·h^r ≤ 0)
  let p = (y[L - 2]! - y[L - 1]!) / (lh[L - 2]! - lh[L - 1]!), c = y[L - 1]! - p * lh[L - 1]!, d = 0;
  let cur = fitAt(c, p, d);
  for (let it = 0; it < 100; it++) {
    const Jt = transpose(cur.J);
    const step = matmul(invert(matmul(Jt, matmul(w, cur.J))), matmul(Jt, matmul(w, cur.res.map((v) => [v])))).map((row) => row[0]!);
    let t = 1, next = fitAt(c + step[0]!, p + step[1]!, d + step[2]!);
    while (!(next.chi2 <= cur.chi2) && t > 1e-6) {
      t /= 2;
      next = fitAt(c + t * step[0]!, p + t * step[1]!, d + t * step[2]!);
    }
    if (!(next.chi2 <= cur.chi2)) break;
    c += t * step[0]!; p += t * step[1]!; d += t * step[2]!;
    cur = next;
    if (Math.max(...step.map((v) => Math.abs(t * v))) < 1e-12) break;
  }
  const info = matmul(transpose(cur.J), matmul(w, cur.J));
  const chi2 = cur.chi2;
  return {
    p, stderr: Math.sqrt(invert(info)[1]![1]!), logC: c, d, chi2,
    errors: mean.map((m, i) => ({ mean: m, stderr: m * Math.sqrt(cov[i]![i]!) })),
  };
}

function quad(w: number[][], v: number[]): number {
  return matmul([v], matmul(w, v.map((x) => [x])))[0]![0]!;
}

function transpose(a: number[][]): number[][] {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

/** Inverse by Gauss–Jordan elimination with partial pivoting (small symmetric positive definite matrices). */
function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[piv]![col]!)) piv = r;
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    const pv = a[col]![col]!;
    for (let j = 0; j < 2 * n; j++) a[col]![j]! /= pv;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[col]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}
