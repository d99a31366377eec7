/**
 * The differentiable inputs of a pricing computation. Greeks are derivatives with respect to these four;
 * they are scalar tensors, so under `jvp` they become forward tracers and every path value carries its
 * tangent. Everything else (strike, dividend, Heston's κ, θ, ξ, ρ) is a plain number.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { scalar } from '../../tensor/create.js';
import type { GreekName, MarketSpec } from '../types.js';

export interface DiffInputs {
  readonly spot: Tensor;
  readonly vol: Tensor;
  readonly rate: Tensor;
  readonly maturity: Tensor;
}

export type InputName = keyof DiffInputs;
export const INPUT_NAMES: readonly InputName[] = ['spot', 'vol', 'rate', 'maturity'];

/** The input a first-order Greek differentiates (gamma: spot, twice); theta is −∂/∂T. */
export const GREEK_INPUT: Readonly<Record<GreekName, InputName>> = {
  delta: 'spot', gamma: 'spot', vega: 'vol', rho: 'rate', theta: 'maturity',
};

/**
 * Scalar tensors of the market's spot, vol, rate and maturity.
 *
 * @example
 * ```ts
 * const x = inputsOf({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 });
 * x.spot.item();   // 100 (a scalar tensor: jvp can lift it)
 * ```
 */
export function inputsOf(market: MarketSpec): DiffInputs {
  return { spot: scalar(market.spot), vol: scalar(market.vol), rate: scalar(market.rate), maturity: scalar(market.maturity) };
}

/**
 * The inputs with `name` replaced by `value` (a bump, or a tracer under jvp).
 *
 * @example
 * ```ts
 * const x = inputsOf({ spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 });
 * withInput(x, 'spot', scalar(101)).spot.item();   // 101, the rest unchanged
 * ```
 */
export function withInput(x: DiffInputs, name: InputName, value: Tensor): DiffInputs {
  return { ...x, [name]: value };
}
