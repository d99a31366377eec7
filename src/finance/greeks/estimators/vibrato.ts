/**
 * Vibrato (Giles 2009) for Heston: pathwise through the scheme up to the last step, the likelihood ratio of
 * the last step's normal law (../valuers.ts, vibratoStream), so jump payoffs are fine.
 */
import { GREEK_INPUT } from '../../models/inputs.js';
import type { GreekEstimator } from './estimator.js';
import { signed } from './estimator.js';

export const vibrato: GreekEstimator = {
  method: 'vibrato',
  lane: (greek) => ({ variant: 'vibrato', input: GREEK_INPUT[greek] }),
  perPath: (batch, greek) => signed(greek, batch.tangent('vibrato', GREEK_INPUT[greek])),
};
