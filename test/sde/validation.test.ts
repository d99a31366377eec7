/**
 * Refusals at the API boundary, before any path is simulated: a scheme that does not support the noise
 * type, a diffusion inconsistent with the declared noise, wrong shapes, off-grid output times, a loss
 * that is not per path, an inapplicable estimator.
 */
import { describe, expect, it } from 'vitest';
import { PathwiseError, PathwiseRangeError, ShapeError } from '../../src/errors.js';
import { key, type Key } from '../../src/random/key.js';
import { tensor } from '../../src/tensor/create.js';
import { component, fromComponents, sensitivity, solve } from '../../src/sde/index.js';
import { sdeSchemes as schemes } from '../../src/advanced.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { gbm } from './helpers.js';

const twoD = {
  drift: (_t: number, x: Tensor) => x.neg(),
  x0: [1, 2], params: {}, t1: 1, steps: 4, paths: 3, key: key(1),
};

describe('schemes declare their orders and noise types', () => {
  it('the registry', () => {
    expect(Object.fromEntries(Object.values(schemes).map((s) => [s.name, [s.strongOrder, s.weakOrder, s.noise]]))).toEqual({
      euler: [0.5, 1, ['scalar', 'diagonal', 'additive', 'general']],
      milstein: [1, 1, ['scalar', 'diagonal']],
      sra1: [1.5, 2, ['additive']],
    });
  });
});

describe('solve refuses incompatible problems up front', () => {
  it('a scheme that does not support the noise type', () => {
    const general = { ...twoD, diffusion: () => tensor([[1, 0], [0, 1]]), noise: 'general' as const };
    expect(() => solve({ ...general, method: 'milstein' })).toThrow(/milstein.*supports noise "scalar", "diagonal", not "general"; for "general" noise use "euler"/);
    expect(() => solve({ ...gbm(key(1), 3, 4), method: 'sra1' })).toThrow(/sra1.*not "diagonal"/);
    expect(() => solve({ ...general, method: 'rk4' as 'euler' })).toThrow(PathwiseRangeError);
  });

  it("'additive' noise whose diffusion depends on x", () => {
    expect(() => solve({ ...twoD, diffusion: (_t, x) => x.expandDims(2), noise: 'additive', brownianDims: 1 })).toThrow(/does not depend on x/);
  });

  it("'diagonal' noise whose σ_i depends on another component", () => {
    const diffusion = (_t: number, x: Tensor) => fromComponents([component(x, 1), component(x, 0)]);
    expect(() => solve({ ...twoD, diffusion, noise: 'diagonal' })).toThrow(/∂σ_1\/∂x_0 ≠ 0/);
  });

  it('wrong shapes', () => {
    expect(() => solve({ ...twoD, diffusion: () => tensor([1, 2, 3]), noise: 'diagonal' })).toThrow(ShapeError);
    expect(() => solve({ ...twoD, drift: () => tensor([1, 2, 3]), diffusion: () => 1, noise: 'diagonal' })).toThrow(/drift returned shape \[3\]/);
  });

  it('options', () => {
    const ok = { ...gbm(key(1), 3, 4) };
    expect(() => solve({ ...ok, steps: 0 })).toThrow(/steps must be an integer/);
    expect(() => solve({ ...ok, t1: 0 })).toThrow(/t1 must be greater than t0/);
    expect(() => solve({ ...ok, x0: Number.NaN })).toThrow(/x0\[0\] must be a finite number/);
    expect(() => solve({ ...ok, noise: 'colored' as 'scalar' })).toThrow(/noise must be one of/);
    expect(() => solve({ ...ok, key: 7 as unknown as Key })).toThrow(PathwiseError);
    expect(() => solve({ ...ok, saveAt: [0.3] })).toThrow(/saveAt\[0\] = 0.3 is not a grid time/);
  });

  it('saveAt returns the requested grid times, x0 included', () => {
    const r = solve({ ...gbm(key(1), 3, 4), saveAt: [0, 0.5, 1] });
    expect(r.times).toEqual([0, 0.5, 1]);
    expect(r.values.shape).toEqual([3, 3, 1]);
    expect([...r.values.data.subarray(0, 3)]).toEqual([1, 1, 1]);
  });
});

describe('sensitivity refuses', () => {
  const o = { ...gbm(key(1), 3, 4), loss: (x: Tensor) => x };
  it('a loss that is not one value per path', () => {
    expect(() => sensitivity({ ...o, loss: (x: Tensor) => x.sum(), mode: 'forward' })).toThrow(/one value per path/);
  });
  it('unknown parameters and modes, and the likelihood ratio off the Euler scheme', () => {
    expect(() => sensitivity({ ...o, wrt: ['nu' as 'mu'] })).toThrow(/wrt names "nu"/);
    expect(() => sensitivity({ ...o, mode: 'magic' as 'fd' })).toThrow(/mode must be one of/);
    expect(() => sensitivity({ ...o, method: 'milstein', mode: 'score' })).toThrow(/mode 'score' needs method 'euler'/);
    expect(() => sensitivity({ ...o, checkpointEvery: 0, mode: 'adjoint' })).toThrow(/checkpointEvery/);
  });
});
