/**
 * Pathwise (Broadie & Glasserman 1996): the forward-mode derivative of the discounted payoff along each
 * path, carried over time with the path. Unbiased for Lipschitz payoffs; the pilot flags it where a jump of
 * the payoff moves with the input.
 */
import { GREEK_INPUT } from '../../models/inputs.js';
import type { GreekEstimator } from './estimator.js';
import { signed } from './estimator.js';

export const pathwise: GreekEstimator = {
  method: 'pathwise',
  lane: (greek) => ({ variant: 'plain', input: GREEK_INPUT[greek] }),
  perPath: (batch, greek) => signed(greek, batch.tangent('plain', GREEK_INPUT[greek])),
};
