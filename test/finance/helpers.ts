/** Shared assertions for the Monte Carlo Greeks tests: |estimate − truth| ≤ z·stderr, with a readable failure. */
import { expect } from 'vitest';
import type { GreeksResult, MethodEstimate } from '../../src/finance/index.js';

export function expectWithin(label: string, e: { mean: number; stderr: number }, truth: number, z = 5, allowance = 0): void {
  const err = Math.abs(e.mean - truth);
  const tol = z * e.stderr + allowance;
  expect(e.stderr, `${label}: stderr must be finite and > 0`).toBeGreaterThan(0);
  expect(err, `${label}: estimate ${e.mean} ± ${e.stderr} vs truth ${truth} (|err| = ${err}, tol = ${tol})`).toBeLessThanOrEqual(tol);
}

/** Every unbiased, applicable estimate of every Greek in `r` is within 5 stderr of the closed form. */
export function expectUnbiasedMatchClosedForm(label: string, r: GreeksResult): number {
  let checked = 0;
  for (const [g, methods] of Object.entries(r.greeks)) {
    const truth = (r.closedForm as Record<string, number | undefined>)[g];
    if (truth === undefined) continue;
    for (const [m, e] of Object.entries(methods as Record<string, MethodEstimate>)) {
      if (e.biased === true || !Number.isFinite(e.mean)) continue;
      expectWithin(`${label} ${g}/${m}`, e, truth);
      checked++;
    }
  }
  expectWithin(`${label} price`, r.price, r.closedForm.price!);
  return checked;
}
