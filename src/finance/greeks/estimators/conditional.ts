/**
 * Conditioning on one-step survival for GBM barrier options (Glasserman & Staum 2001; ../../payoffs/
 * barrier-conditional.ts): pathwise derivatives of the smoothed estimator, and central differences of it for
 * gamma.
 */
import { GREEK_INPUT } from '../../models/inputs.js';
import type { GreekEstimator } from './estimator.js';
import { signed } from './estimator.js';

export const conditional: GreekEstimator = {
  method: 'conditional',
  lane: (greek) => (greek === 'gamma' ? null : { variant: 'conditional', input: GREEK_INPUT[greek] }),
  perPath: (batch, greek) => (greek === 'gamma'
    ? batch.centralDifference('conditional', greek)
    : signed(greek, batch.tangent('conditional', GREEK_INPUT[greek]))),
};
