/**
 * The option records shared by the closed forms, and their validation at the API boundary.
 *
 * Conventions used throughout `closed-form/`: rates and the dividend yield are continuously compounded
 * per year, `vol` is the annual Black–Scholes volatility σ, `maturity` is T in years, and a price is the
 * present value at time 0 of a payoff paid at T (unless a function says otherwise, e.g. barrier rebates).
 */

import { PathwiseRangeError, PathwiseTypeError, show } from '../../errors.js';

/** Call or put. */
export type OptionKind = 'call' | 'put';

/** Market and contract data of a European option on one asset under Black–Scholes with dividend yield. */
export interface VanillaOption {
  /** Spot price S > 0. */
  readonly spot: number;
  /** Strike K > 0. */
  readonly strike: number;
  /** Risk-free rate r (any finite value). */
  readonly rate: number;
  /** Continuous dividend yield q (any finite value). */
  readonly dividend: number;
  /** Volatility σ > 0. */
  readonly vol: number;
  /** Time to maturity T ≥ 0 in years. */
  readonly maturity: number;
  /** Call or put. */
  readonly kind: OptionKind;
}

/**
 * Price and sensitivities of an option. Every Greek is a partial derivative of `price` with the other
 * inputs held fixed: delta = ∂V/∂S, gamma = ∂²V/∂S², vega = ∂V/∂σ, rho = ∂V/∂r (q held fixed), and
 * theta = −∂V/∂T, the change of value per year of calendar time passing (usually negative for a long option).
 * Vega and rho are per unit (not per 1 %): multiply by 0.01 for the change per percentage point.
 */
export interface Greeks {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly rho: number;
  readonly theta: number;
}

/** Throws unless `value` is a finite number; `fn` and `name` make the message actionable. */
export function requireFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new PathwiseTypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new PathwiseRangeError(`${fn}: ${name} must be finite, got ${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(fn: string, name: string, value: unknown): number {
  const x = requireFinite(fn, name, value);
  if (!(x > 0)) throw new PathwiseRangeError(`${fn}: ${name} must be > 0, got ${show(x)}`);
  return x;
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(fn: string, name: string, value: unknown): number {
  const x = requireFinite(fn, name, value);
  if (!(x >= 0)) throw new PathwiseRangeError(`${fn}: ${name} must be >= 0, got ${show(x)}`);
  return x;
}

/** Throws unless `value` is one of `allowed` (a string union such as 'call' | 'put'). */
export function requireOneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => JSON.stringify(a)).join(' | ');
    throw new PathwiseTypeError(`${fn}: ${name} must be ${list}, got ${show(value)}`);
  }
  return value as T;
}

/** Throws unless `value` is a non-null object (the option record itself). */
export function requireRecord(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    throw new PathwiseTypeError(`${fn}: ${name} must be an object, got ${show(value)}`);
  }
}

/** Validates the fields every vanilla-like option record shares; `fn` is the public function's name. */
export function validateVanilla(fn: string, option: VanillaOption): void {
  requireRecord(fn, 'option', option);
  requirePositive(fn, 'spot', option.spot);
  requirePositive(fn, 'strike', option.strike);
  requireFinite(fn, 'rate', option.rate);
  requireFinite(fn, 'dividend', option.dividend);
  requirePositive(fn, 'vol', option.vol);
  requireNonNegative(fn, 'maturity', option.maturity);
  requireOneOf(fn, 'kind', option.kind, ['call', 'put'] as const);
}

/** +1 for a call, −1 for a put: the sign ω that turns one formula into both. */
export function kindSign(kind: OptionKind): 1 | -1 {
  return kind === 'call' ? 1 : -1;
}
