/**
 * Statistical checks for Monte Carlo results, framework-independent (they throw, so they work in any
 * test runner): an estimate within z standard errors of the truth, and the Kolmogorov–Smirnov test of a
 * sample against a continuous CDF. Tolerances come from the estimate's own standard error, never a
 * fixed absolute or relative tolerance.
 */
import { PathwiseError, show } from '../errors.js';
import * as dmath from '../ad/kernels/scalar-math.js';

/**
 * Thrown when a statistical check fails; the message gives the estimate, the truth and the bound.
 * @example checkWithinStderr({ mean: 1.2, stderr: 0.01 }, 1);   // throws StatisticalCheckError
 */
export class StatisticalCheckError extends PathwiseError {
  override name = 'StatisticalCheckError';
}

/**
 * Checks |estimate − truth| ≤ z·stderr (default z = 5: a correct estimator fails with probability
 * 6e-7). Throws StatisticalCheckError otherwise, or when the standard error is not finite.
 * @example
 * // x ~ N(φ, 1), f = x² + eˣ: ∂E[f]/∂φ = 2φ + e^{φ + 1/2}
 * const objective = expectation<{ phi: number }>((p, s) => {
 *   const x = s.sample('x', Normal(p.phi, 1));
 *   return add(square(x), exp(x));
 * });
 * const r = objective.grad({ phi: 0.5 }, { samples: 100_000, seed: 1 });
 * checkWithinStderr(r.grad.phi, 2 * 0.5 + Math.exp(1));   // passes silently
 */
export function checkWithinStderr(estimate: { mean: number; stderr: number }, truth: number, z = 5, label = 'estimate'): void {
  const { mean, stderr } = estimate;
  if (!Number.isFinite(stderr) || stderr < 0) throw new StatisticalCheckError(`${label}: standard error must be finite and ≥ 0, got ${show(stderr)}`);
  const dev = Math.abs(mean - truth);
  if (!(dev <= z * stderr)) {
    throw new StatisticalCheckError(`${label}: ${show(mean)} ± ${show(stderr)} is ${(dev / stderr).toFixed(2)} standard errors from ${show(truth)} (allowed ${z})`);
  }
}

/**
 * The Kolmogorov–Smirnov statistic sup |F_n − F| of a sample against a continuous CDF (sorts a copy).
 * @example ksStatistic([0.1, 0.5, 0.9], (x) => x)   // ≈ 0.2333 (at x = 0.1 and x = 0.9)
 */
export function ksStatistic(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * Kolmogorov's asymptotic p-value of statistic d for n samples, with Stephens' small-sample correction.
 * @example
 * const xs = uniform(key(1), 10_000);
 * ksPValue(ksStatistic(xs, (x) => x), xs.length) > 1e-3;   // true: uniform draws pass
 */
export function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = dmath.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 2 : -2) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/**
 * The KS test of a sample against a CDF: its statistic and p-value.
 * @example
 * const { pValue } = ksTest(normal(key(1), 10_000), (x) => 0.5 * erfc(-x / Math.SQRT2));   // pValue ≈ U(0, 1)
 */
export function ksTest(xs: ArrayLike<number>, cdf: (x: number) => number): { statistic: number; pValue: number } {
  const statistic = ksStatistic(xs, cdf);
  return { statistic, pValue: ksPValue(statistic, xs.length) };
}
