/** Validation of a Greeks request at the API boundary: one typed error naming the function, field and value. */
import { PathwiseRangeError, PathwiseTypeError, show } from '../../errors.js';
import {
  BARRIER_TYPES, GREEK_NAMES, METHOD_NAMES, PAYOFF_NAMES,
  type GreeksOptions, type MarketSpec, type ModelSpec, type PayoffSpec,
} from '../types.js';

const FN = 'greeks';

function finite(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new PathwiseTypeError(`${FN}: ${name} must be a number, got ${show(v)}`);
  if (!Number.isFinite(v)) throw new PathwiseRangeError(`${FN}: ${name} must be finite, got ${show(v)}`);
  return v;
}

function positive(name: string, v: unknown): number {
  const x = finite(name, v);
  if (!(x > 0)) throw new PathwiseRangeError(`${FN}: ${name} must be > 0, got ${show(x)}`);
  return x;
}

function count(name: string, v: unknown, min = 1): number {
  const x = finite(name, v);
  if (!Number.isSafeInteger(x) || x < min) throw new PathwiseRangeError(`${FN}: ${name} must be an integer ≥ ${min}, got ${show(x)}`);
  return x;
}

/** Throws a PathwiseRangeError/PathwiseTypeError on the first invalid field. */
export function validateGreeksRequest(model: ModelSpec, payoff: PayoffSpec, market: MarketSpec, options: GreeksOptions): void {
  positive('spot', market.spot);
  positive('vol', market.vol);
  finite('rate', market.rate);
  finite('dividend', market.dividend);
  positive('maturity', market.maturity);
  if (!PAYOFF_NAMES.includes(payoff.kind)) throw new PathwiseTypeError(`${FN}: payoff must be one of ${PAYOFF_NAMES.join(', ')}, got ${show(payoff.kind)}`);
  positive('strike', payoff.strike);
  if (payoff.fixings !== undefined) count('fixings', payoff.fixings);
  if (payoff.kind === 'barrier') {
    const h = positive('barrier', payoff.barrier);
    if (payoff.barrierType === undefined || !BARRIER_TYPES.includes(payoff.barrierType)) {
      throw new PathwiseTypeError(`${FN}: barrierType must be one of ${BARRIER_TYPES.join(', ')}, got ${show(payoff.barrierType)}`);
    }
    const up = payoff.barrierType.startsWith('up');
    if (up ? !(market.spot < h) : !(market.spot > h)) {
      throw new PathwiseRangeError(`${FN}: the spot ${show(market.spot)} must be ${up ? 'below' : 'above'} the ${up ? 'up' : 'down'} barrier ${show(h)}`);
    }
    if (payoff.monitoring !== undefined && payoff.monitoring !== 'discrete' && payoff.monitoring !== 'continuous') {
      throw new PathwiseTypeError(`${FN}: monitoring must be 'discrete' or 'continuous', got ${show(payoff.monitoring)}`);
    }
    if (payoff.monitoring === 'continuous' && model.kind !== 'bs') {
      throw new PathwiseRangeError(`${FN}: continuous barrier monitoring (Brownian-bridge survival) is implemented for Black–Scholes only`);
    }
    if (payoff.rebate !== undefined && !(finite('rebate', payoff.rebate) >= 0)) throw new PathwiseRangeError(`${FN}: rebate must be ≥ 0, got ${show(payoff.rebate)}`);
  }
  if (model.kind === 'heston') {
    positive('kappa', model.kappa);
    positive('theta', model.theta);
    positive('xi', model.xi);
    const rho = finite('rho', model.rho);
    if (!(rho >= -1 && rho <= 1)) throw new PathwiseRangeError(`${FN}: rho must be in [-1, 1], got ${show(rho)}`);
  } else if (model.kind !== 'bs') {
    throw new PathwiseTypeError(`${FN}: model must be 'bs' or 'heston', got ${show((model as { kind: unknown }).kind)}`);
  }
  if (options.paths !== undefined) count('paths', options.paths, 2);
  if (options.steps !== undefined) count('steps', options.steps);
  if (options.batch !== undefined) count('batch', options.batch);
  if (options.batchSize !== undefined) count('batchSize', options.batchSize);
  if (options.blockSize !== undefined) count('blockSize', options.blockSize);
  if (options.replicates !== undefined) count('replicates', options.replicates, 2);
  if (options.seed !== undefined) count('seed', options.seed, 0);
  for (const g of options.greeks ?? []) if (!GREEK_NAMES.includes(g)) throw new PathwiseTypeError(`${FN}: unknown Greek ${show(g)}`);
  for (const m of options.methods ?? []) if (!METHOD_NAMES.includes(m)) throw new PathwiseTypeError(`${FN}: unknown method ${show(m)}`);
}
