/**
 * What every `--json` output carries besides its numbers: the pathwise version, every input that defines
 * the run (so that the same command, or the same library call, reproduces it bit for bit), and the units
 * of its numbers. Why: a JSON file is read long after the terminal is closed; a gradient without its
 * seed, model or sample count cannot be checked, and a "variance × time" without its time unit is ambiguous.
 */
import { DEFAULT_BLOCK_SIZE } from '../montecarlo/layout.js';
import type { GreeksRequest } from './greeks.js';
import { VERSION } from './version.js';

/** The header of every `--json` object: `{ command, version, inputs, units }`, then the command's numbers. */
export interface JsonHeader {
  readonly command: string;
  readonly version: string;
  /** Everything that defines the run; with the same inputs and version the numbers are the same bits. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Unit (or meaning) of each kind of number in the output. */
  readonly units: Readonly<Record<string, string>>;
}

/** Units of `compare` rows (library `compare()` rows and `--json`). */
export const COMPARE_UNITS: Readonly<Record<string, string>> = {
  mean: '∂E[f]/∂θ: units of f per unit of the parameter',
  stderr: 'standard error of the mean, same units as mean',
  variance: 'per-sample variance of the gradient estimate (units of mean, squared)',
  secondsPerSample: 's (wall-clock seconds per sample on this machine)',
  workNormalizedVariance: 'variance × secondsPerSample, in s × (units of mean)²: lower is better',
};

/** Units of the price and the Greeks; theta follows the closed forms' convention. */
export const GREEK_UNITS: Readonly<Record<string, string>> = {
  price: 'currency units of the spot, discounted to today',
  delta: '∂price/∂spot',
  gamma: '∂²price/∂spot²',
  vega: '∂price/∂vol, per 1.00 of volatility (not per percentage point); Heston: ∂price/∂√v0',
  rho: '∂price/∂rate, per 1.00 of rate (not per percentage point)',
  theta: '−∂price/∂maturity, per year',
  stderr: 'standard error, same units as the estimate',
  zVsExact: '(estimate − closed form) / stderr: dimensionless',
};

/**
 * The header of `greeks --json`: model, payoff, market and every option of the engine (methods, paths,
 * seed, steps, QMC and replicates, block size), with the defaults the command applied written out.
 *
 * @example
 * ```ts
 * greeksJsonHeader(req).inputs.market;   // { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 }
 * ```
 */
export function greeksJsonHeader(req: GreeksRequest): JsonHeader {
  const o = req.options;
  return {
    command: 'greeks',
    version: VERSION,
    inputs: {
      model: req.model,
      payoff: req.payoff,
      market: req.market,
      greeks: o.greeks,
      methods: o.methods,
      paths: o.paths,
      seed: o.seed,
      steps: req.steps,
      qmc: o.qmc ?? null,
      ...(o.qmc !== undefined ? { replicates: o.replicates } : {}),
      blockSize: o.blockSize ?? DEFAULT_BLOCK_SIZE,
    },
    units: GREEK_UNITS,
  };
}
