/**
 * What the playground's menus offer: labels, parameters and defaults only, with no import of the library,
 * so the page's main thread can build its forms without loading the engine (the worker loads it).
 * jobs.ts maps each key to the library's objects.
 */

/** One parameter: its name (in the gradient), its label and its default value. */
export interface ParamInfo {
  readonly name: string;
  readonly label: string;
  readonly value: number;
}

export const DISTRIBUTION_INFO = {
  normal: { label: 'Normal(μ, σ)', params: [{ name: 'mu', label: 'μ', value: 0.5 }, { name: 'sigma', label: 'σ', value: 1 }] },
  lognormal: { label: 'LogNormal(μ, σ)', params: [{ name: 'mu', label: 'μ', value: 0 }, { name: 'sigma', label: 'σ', value: 0.5 }] },
  gamma: { label: 'Gamma(α, β), shape and rate', params: [{ name: 'alpha', label: 'α', value: 2 }, { name: 'beta', label: 'β', value: 1 }] },
  beta: { label: 'Beta(a, b)', params: [{ name: 'a', label: 'a', value: 2 }, { name: 'b', label: 'b', value: 3 }] },
  exponential: { label: 'Exponential(λ)', params: [{ name: 'rate', label: 'λ', value: 1 }] },
  laplace: { label: 'Laplace(μ, b)', params: [{ name: 'mu', label: 'μ', value: 0 }, { name: 'b', label: 'b', value: 1 }] },
  bernoulli: { label: 'Bernoulli(p)', params: [{ name: 'p', label: 'p', value: 0.3 }] },
  poisson: { label: 'Poisson(λ)', params: [{ name: 'rate', label: 'λ', value: 2 }] },
} as const satisfies Record<string, { label: string; params: readonly ParamInfo[] }>;

export type DistributionKey = keyof typeof DISTRIBUTION_INFO;

export const COST_INFO = {
  square: 'x²',
  step: 'step(x − c)',
  logsq: 'log(1 + x²)',
  identity: 'x',
  sin: 'sin(x)',
  relu: 'max(x − c, 0)',
} as const;

export type CostKey = keyof typeof COST_INFO;

export const LAB_ESTIMATORS = ['pathwise', 'score', 'mvd', 'fd', 'auto'] as const;

export const SDE_INFO = {
  gbm: {
    label: 'Geometric Brownian motion: dX = μX dt + σX dW, X₀ = 1',
    params: [{ name: 'mu', label: 'μ', value: 0.05 }, { name: 'sigma', label: 'σ', value: 0.4 }],
    x0: 1,
  },
  ou: {
    label: 'Ornstein–Uhlenbeck: dX = κ(m − X) dt + σ dW, X₀ = 0',
    params: [{ name: 'kappa', label: 'κ', value: 2 }, { name: 'm', label: 'm', value: 1 }, { name: 'sigma', label: 'σ', value: 0.5 }],
    x0: 0,
  },
  logistic: {
    label: 'Stochastic logistic growth: dX = rX(1 − X/K) dt + σX dW, X₀ = 0.2',
    params: [{ name: 'r', label: 'r', value: 1.5 }, { name: 'K', label: 'K', value: 2 }, { name: 'sigma', label: 'σ', value: 0.3 }],
    x0: 0.2,
  },
} as const satisfies Record<string, { label: string; params: readonly ParamInfo[]; x0: number }>;

export type SdeKey = keyof typeof SDE_INFO;

export const GREEKS = ['delta', 'gamma', 'vega', 'rho', 'theta'] as const;
export const GREEK_METHODS = ['pathwise', 'lr', 'mixed', 'fd', 'conditional', 'vibrato', 'auto'] as const;
export const PAYOFFS = ['call', 'put', 'digital-call', 'digital-put', 'asset-call', 'asset-put', 'asian-call', 'asian-put', 'barrier'] as const;
