/**
 * pathwise/finance: models (Black–Scholes, Heston), payoffs on batched paths, Monte Carlo Greeks by
 * pathwise, likelihood-ratio, mixed, finite-difference, conditional and vibrato estimators with `auto`
 * selection, and the closed forms they are checked against.
 */
export * from './closed-form/index.js';
export {
  BARRIER_TYPES, GREEK_NAMES, METHOD_NAMES, PAYOFF_NAMES,
  type BarrierType, type GreekName, type GreeksOptions, type GreeksResult, type HestonParams, type MarketSpec,
  type MethodEstimate, type MethodName, type ModelSpec, type PayoffName, type PayoffSpec, type ResultMethod,
} from './types.js';
export { inputsOf, type DiffInputs } from './models/inputs.js';
export { gbmLogPath } from './models/gbm.js';
export { hestonLogPath } from './models/heston.js';
export { discountedPayoff } from './payoffs/payoff.js';
export { conditionalBarrierValue } from './payoffs/barrier-conditional.js';
export { greeks, greeksAsync } from './greeks/greeks.js';
export { closedFormReference } from './greeks/reference.js';
