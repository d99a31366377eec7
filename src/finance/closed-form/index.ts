/**
 * Closed-form prices and Greeks: the ground truth Monte Carlo Greeks are tested against.
 * Float64 functions over plain option records. The barrier formula alone is also written with the
 * engine's ops (barrierValue), so that its Greeks are exact forward-mode derivatives rather than differences.
 */

export type { Greeks, OptionKind, VanillaOption } from './option-types.js';
export { normCdf, normPdf } from './normal.js';
export { blackScholesGreeks, blackScholesPrice } from './black-scholes.js';
export { digitalGreeks, digitalPrice, type DigitalOption } from './digital.js';
export {
  geometricAsianGreeks,
  geometricAsianPrice,
  type AsianGreeks,
  type GeometricAsianOption,
} from './geometric-asian.js';
export { barrierPrice, barrierValue, type BarrierInputs, type BarrierOption } from './barrier.js';
export { barrierGreeks } from './barrier-greeks.js';
export { discreteBarrierShift } from './discrete-barrier.js';
export {
  hestonCharacteristicFunction,
  hestonDelta,
  hestonPrice,
  type HestonMarket,
  type HestonOption,
} from './heston.js';
export type { Complex } from './complex.js';
export { integrate, type QuadratureOptions, type QuadratureResult } from './quadrature.js';
