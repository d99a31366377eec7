/**
 * Likelihood ratio (score function) on GBM paths: the payoff times the score of the path density
 * (../likelihood-ratio.ts), plus the payoff's explicit dependence on the input with the path held fixed
 * (discount factors for rho and theta; a continuous barrier's bridge weight for delta and vega). The payoff
 * is never differentiated, so it is unbiased for digitals and barriers.
 */
import { weighted } from '../likelihood-ratio.js';
import type { GreekEstimator } from './estimator.js';

export const lr: GreekEstimator = {
  method: 'lr',
  lane: () => null,
  perPath: (batch, greek) => {
    const f = batch.value();
    const s = batch.scores();
    // a continuous barrier's bridge weight depends on S₀ and σ explicitly: that derivative joins the score term
    const bridge = batch.pb.payoff.monitoring === 'continuous';
    switch (greek) {
      case 'delta': return weighted(f, s.spot, bridge ? batch.explicit('spot') : null);
      case 'gamma': return weighted(f, s.spot2);
      case 'vega': return weighted(f, s.vol, bridge ? batch.explicit('vol') : null);
      case 'rho': return weighted(f, s.rate, batch.explicit('rate'));
      case 'theta': return weighted(f, s.maturity, batch.explicit('maturity'), -1);
    }
  },
};
