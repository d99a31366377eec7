/**
 * "The same bits on any machine" does not depend on the engine's Math. Engines differ in Math.exp, log,
 * sin, pow, … by an ulp on a few per cent of inputs (Node 20 against Chromium 156: scripts/compare-engine-
 * math.ts); here another engine is simulated in Node by moving every result of those functions one ulp
 * (up or down, by a hash of the input), and the library's results — the playground's panels, the samplers,
 * the closed forms, Greeks and SDE paths — must keep every bit. The static side (no Math.exp & co. in src/)
 * is eslint's rule; this checks that nothing slipped past it (a Math function passed as a value, a
 * dependency calling Math).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { vonMisesSamples } from '../../src/distributions/von-mises-sampler.js';
import { runGreeks, runLab, runSde, type GreeksJob, type LabJob, type SdeJob } from '../../playground/src/jobs.js';

const ENGINE_DEPENDENT = ['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
  'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'pow', 'hypot'] as const;
type MathFn = (...args: number[]) => number;
const M = Math as unknown as Record<string, MathFn>;
const original = Object.fromEntries(ENGINE_DEPENDENT.map((k) => [k, M[k]!]));

const bits = new DataView(new ArrayBuffer(8));
/** The neighbouring double of a finite nonzero v, up or down by `up`; other values unchanged. */
function neighbour(v: number, up: boolean): number {
  if (!Number.isFinite(v) || v === 0) return v;
  bits.setFloat64(0, v);
  const b = bits.getBigUint64(0);
  bits.setBigUint64(0, (v > 0) === up ? b + 1n : b - 1n);
  return bits.getFloat64(0);
}

/** Replaces Math's engine-dependent functions by 1-ulp-off ones (a different but valid engine). */
function otherEngine(): void {
  for (const k of ENGINE_DEPENDENT) {
    const f = original[k]!;
    M[k] = (...args: number[]) => {
      const v = f(...args);
      bits.setFloat64(0, args[0] ?? 0);
      const up = (bits.getUint32(4) & 1) === 0;   // the input's last bit picks the direction
      return neighbour(v, up);
    };
  }
}

afterEach(() => {
  for (const k of ENGINE_DEPENDENT) M[k] = original[k]!;
});

/** Runs `compute` under this engine's Math and under the simulated other engine; JSON and numbers to the bit. */
function expectEngineIndependent(compute: () => unknown): void {
  const here = compute();
  otherEngine();
  let there: unknown;
  try {
    // The perturbation itself is live (a guard that the test does test something).
    expect(Object.is(Math.exp(0.1), original.exp!(0.1))).toBe(false);
    there = compute();
  } finally {
    for (const k of ENGINE_DEPENDENT) M[k] = original[k]!;
  }
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' || typeof y === 'number') {
      if (!Object.is(x, y)) expect.fail(`${path}: ${String(x)} here, ${String(y)} with the other engine's Math`);
      return;
    }
    if (x instanceof Float64Array && y instanceof Float64Array) return walk([...x], [...y], path);
    if (Array.isArray(x) && Array.isArray(y)) {
      expect(y.length, `${path}.length`).toBe(x.length);
      x.forEach((v, i) => walk(v, y[i], `${path}[${i}]`));
      return;
    }
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      expect(Object.keys(y), `${path} keys`).toEqual(Object.keys(x));
      for (const k of Object.keys(x)) {
        if (k === 'secondsPerSample' || k === 'workNormalizedVariance') continue;   // wall times
        walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      }
      return;
    }
    expect(y, path).toEqual(x);
  };
  walk(here, there, '');
}

describe('results do not depend on the engine\'s Math (simulated: every Math.exp, log, sin, pow, … one ulp off)', () => {
  const lab = (distribution: string, cost: string, params: Record<string, number>): LabJob => ({
    distribution, cost, params, c: 0.3, estimators: ['pathwise', 'score', 'mvd', 'fd', 'auto'],
    samples: 2000, seed: 3, blockSize: 500, keepSamples: 200,
  });
  it.each([
    lab('normal', 'step', { mu: 0.5, sigma: 1 }),
    lab('lognormal', 'logsq', { mu: 0, sigma: 0.5 }),
    lab('gamma', 'square', { alpha: 0.7, beta: 1 }),
    lab('beta', 'sin', { a: 2, b: 3 }),
    lab('exponential', 'relu', { rate: 1 }),
    lab('laplace', 'identity', { mu: 0, b: 1 }),
    lab('bernoulli', 'square', { p: 0.3 }),
    lab('poisson', 'identity', { rate: 2 }),
  ])('the playground lab: $distribution, $cost', (job) => {
    expectEngineIndependent(() => runLab(job));
  });

  it('the playground Greeks: Black–Scholes digital and Heston call', () => {
    const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
    const bs: GreeksJob = {
      model: { kind: 'bs' }, payoff: { kind: 'digital-call', strike: 100 }, market,
      greeks: ['delta', 'gamma', 'vega'], methods: ['pathwise', 'lr', 'mixed', 'fd', 'auto'], paths: 4000, seed: 1,
    };
    const heston: GreeksJob = {
      model: { kind: 'heston', kappa: 2, theta: 0.04, xi: 0.3, rho: -0.5 }, payoff: { kind: 'call', strike: 100 }, market,
      greeks: ['delta', 'vega'], methods: ['pathwise', 'fd', 'auto'], paths: 1000, steps: 20, seed: 1,
    };
    expectEngineIndependent(() => [runGreeks(bs), runGreeks(heston)]);
  });

  it.each(['gbm', 'ou', 'logistic'])('the playground SDE panel: %s', (model) => {
    const params: Record<string, Record<string, number>> = {
      gbm: { mu: 0.05, sigma: 0.4 }, ou: { kappa: 2, m: 1, sigma: 0.5 }, logistic: { r: 1.5, K: 2, sigma: 0.3 },
    };
    const wrt = Object.keys(params[model]!)[0]!;
    const job: SdeJob = { model, params: params[model]!, wrt, method: 'milstein', t1: 1, steps: 20, paths: 40, seed: 2 };
    expectEngineIndependent(() => runSde(job));
  });

  it('the samplers: gamma, Poisson, binomial, beta, Dirichlet, von Mises, exponential, Gumbel', () => {
    const k = pw.key(11);
    expectEngineIndependent(() => [
      pw.gamma(k, 3000, 2.5), pw.gamma(k, 3000, 0.3), pw.logGamma(k, 1000, 1e-3),
      pw.poisson(k, 3000, 4), pw.poisson(k, 3000, 300), pw.binomial(k, 3000, 50, 0.3), pw.binomial(k, 3000, 1000, 0.6),
      pw.beta(k, 3000, 2, 3), pw.dirichlet(k, 500, new Float64Array([0.5, 1, 2])),
      vonMisesSamples(k, 3000, 2), vonMisesSamples(k, 1000, 1e-3),
      pw.exponential(k, 3000), pw.gumbel(k, 3000),
    ]);
  });
});
