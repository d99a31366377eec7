/**
 * Central finite differences with common random numbers: the paths re-run at the bumped input with the same
 * normals (bump sizes in ../batch.ts, bumpSize). Biased by O(h²), never by a jump; the fallback of `auto`.
 */
import type { GreekEstimator } from './estimator.js';

export const fd: GreekEstimator = {
  method: 'fd',
  lane: () => null,
  perPath: (batch, greek) => batch.centralDifference('plain', greek),
};
