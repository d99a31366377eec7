/** Mixed gamma, likelihood ratio applied to the pathwise delta g: g·(s − 1/S₀) (../likelihood-ratio.ts). */
import { mixedGammaLrOnPathwise } from '../likelihood-ratio.js';
import type { GreekEstimator } from './estimator.js';

export const mixed: GreekEstimator = {
  method: 'mixed',
  lane: () => ({ variant: 'plain', input: 'spot' }),
  perPath: (batch) => mixedGammaLrOnPathwise(batch.tangent('plain', 'spot'), batch.scores().spot, batch.pb.market.spot),
};
