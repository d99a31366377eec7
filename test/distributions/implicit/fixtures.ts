/** The mpmath reference values of scripts/gen-implicit-reparam-fixtures.py, typed. */
import { readFileSync } from 'node:fs';

export interface GammaCase {
  alpha: number;
  z: number;
  dz: number;
}
export interface BetaCase {
  a: number;
  b: number;
  z: number;
  dzda: number;
  dzdb: number;
}
export interface VonMisesCase {
  kappa: number;
  z: number;
  dz: number;
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../../fixtures/distributions/implicit-reparam.json', import.meta.url), 'utf8'),
) as { gamma: GammaCase[]; beta: BetaCase[]; vonMises: VonMisesCase[] };

/** Relative error, with the reference as the scale (references are never exactly 0 on the grid). */
export function relativeError(value: number, reference: number): number {
  if (value === reference) return 0;
  return Math.abs(value - reference) / Math.abs(reference);
}

/** The case with the largest relative error, for the failure message. */
export function worst<T>(cases: readonly T[], error: (c: T) => number): { case: T; error: number } {
  let best = { case: cases[0] as T, error: -1 };
  for (const c of cases) {
    const e = error(c);
    // NaN counts as the worst possible error.
    if (Number.isNaN(e) || e > best.error) best = { case: c, error: Number.isNaN(e) ? Infinity : e };
    if (best.error === Infinity) break;
  }
  return best;
}
