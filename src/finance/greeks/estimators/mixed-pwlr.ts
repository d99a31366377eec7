/** Mixed gamma, pathwise differentiation of the likelihood-ratio delta f·s: g·s − f·s/S₀ (../likelihood-ratio.ts). */
import { mixedGammaPathwiseOnLr } from '../likelihood-ratio.js';
import type { GreekEstimator } from './estimator.js';

export const mixedPwlr: GreekEstimator = {
  method: 'mixed-pwlr',
  lane: () => ({ variant: 'plain', input: 'spot' }),
  perPath: (batch) => mixedGammaPathwiseOnLr(batch.tangent('plain', 'spot'), batch.value(), batch.scores().spot, batch.pb.market.spot),
};
