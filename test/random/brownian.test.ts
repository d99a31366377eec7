import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import {
  brownianBridgeIncrements, brownianBridgePlan, brownianIncrement, brownianIncrements, brownianStep, key, normal,
  sobolBrownianIncrements, sobolNormal,
} from '../../src/random/index.js';
import { expectKS, expectMean, normalCdf } from './stat-helpers.js';

describe('pseudo-random Brownian increments', () => {
  const k = key(314);
  const grid = { times: new Float64Array([0, 0.1, 0.25, 0.5, 1, 2]) };

  it('any (path, step) is regenerable on its own', () => {
    const dW = brownianIncrements(k, grid, { paths: 20, dims: 3 });
    const dt = [0.1, 0.15, 0.25, 0.5, 1];
    for (const [p, s] of [[0, 0], [7, 3], [19, 4]] as const) {
      expect(brownianIncrement(k, p, s, dt[s]!, 3)).toEqual(dW.subarray((p * 5 + s) * 3, (p * 5 + s) * 3 + 3));
    }
    expect(brownianIncrements(k, grid, { paths: 5, dims: 3, pathOffset: 15 })).toEqual(dW.subarray(15 * 15));
    const step2 = brownianStep(k, 2, 0.25, { paths: 20, dims: 3 });     // one step, all paths (the adjoint's view)
    for (let p = 0; p < 20; p++) expect(step2.subarray(p * 3, p * 3 + 3)).toEqual(dW.subarray((p * 5 + 2) * 3, (p * 5 + 2) * 3 + 3));
  });

  it('has independent N(0, Δt) increments', () => {
    const paths = 20_000;
    const dW = brownianIncrements(k, grid, { paths, dims: 2 });
    const dt = [0.1, 0.15, 0.25, 0.5, 1];
    for (const [s, d] of [[0, 0], [2, 1], [4, 1]] as const) {
      const z = new Float64Array(paths);
      for (let p = 0; p < paths; p++) z[p] = dW[(p * 5 + s) * 2 + d]! / Math.sqrt(dt[s]!);
      expectKS(`ΔW step ${s} dim ${d}`, z, normalCdf);
    }
    const prod = new Float64Array(paths);         // E[Z(s=1, d=0) Z(s=1, d=1)] = 0, variance 1
    for (let p = 0; p < paths; p++) prod[p] = dW[(p * 5 + 1) * 2]! * dW[(p * 5 + 1) * 2 + 1]! / 0.15;
    expectMean('cross-dimension product', prod, 0, 1);
  });

  it('validates its arguments', () => {
    expect(() => brownianIncrements(k, { steps: 0, dt: 0.1 }, { paths: 1 })).toThrow(/steps must be at least 1/);
    expect(() => brownianIncrements(k, { times: new Float64Array([0, 1, 1]) }, { paths: 1 })).toThrow(/strictly increasing/);
    expect(() => brownianIncrement(k, 0, 0, -1)).toThrow(PathwiseRangeError);
  });
});

describe('Brownian bridge', () => {
  it('bisects coarse levels first', () => {
    expect(Array.from(brownianBridgePlan({ steps: 8, dt: 0.125 }).index)).toEqual([8, 4, 2, 6, 1, 3, 5, 7]);
    expect(Array.from(brownianBridgePlan({ steps: 5, dt: 1 }).index)).toEqual([5, 2, 1, 3, 4]);
  });

  it('the first coordinate sets W(T) = √T·z₀, and increments have the right covariance', () => {
    const grid = { times: new Float64Array([0, 0.3, 0.5, 1.2, 1.5, 2]) };
    const plan = brownianBridgePlan(grid);
    const paths = 20_000;
    const z = normal(key(8), paths * 5);
    const dW = brownianBridgeIncrements(plan, z, paths);
    let worst = 0;
    for (let p = 0; p < paths; p++) {
      let W = 0;
      for (let s = 0; s < 5; s++) W += dW[p * 5 + s]!;
      worst = Math.max(worst, Math.abs(W - Math.sqrt(2) * z[p * 5]!));
    }
    expect(worst).toBeLessThan(1e-13);
    const dt = [0.3, 0.2, 0.7, 0.3, 0.5];
    for (let s = 0; s < 5; s++) {
      const x = new Float64Array(paths);
      for (let p = 0; p < paths; p++) x[p] = dW[p * 5 + s]! / Math.sqrt(dt[s]!);
      expectKS(`bridge increment ${s}`, x, normalCdf);
    }
    const prod = new Float64Array(paths);          // increments 1 and 3 are independent
    for (let p = 0; p < paths; p++) prod[p] = dW[p * 5 + 1]! * dW[p * 5 + 3]! / Math.sqrt(0.2 * 0.3);
    expectMean('bridge cross-step product', prod, 0, 1);
  });

  it('sobolBrownianIncrements drives level k of dimension d with coordinate k·dims + d', () => {
    const grid = { steps: 4, dt: 0.25 };
    const dW = sobolBrownianIncrements(grid, { paths: 16, dims: 2, key: key(4) });
    const z = sobolNormal(16, 8, { key: key(4) });
    const ref = brownianBridgeIncrements(brownianBridgePlan(grid), z, 16, 2);
    expect(dW).toEqual(ref);
    for (let p = 0; p < 16; p++) {
      const WT = dW[p * 8 + 1]! + dW[p * 8 + 3]! + dW[p * 8 + 5]! + dW[p * 8 + 7]!;   // dimension 1
      expect(WT).toBeCloseTo(z[p * 8 + 1]!, 12);
    }
    expect(() => sobolBrownianIncrements({ steps: 3000, dt: 1 }, { paths: 1, dims: 2 })).toThrow(/steps·dims must be in \[1, 4096\]/);
  });
});

describe('a whole step at once', () => {
  it('equals the per-path increments bit for bit, with and without WebAssembly', async () => {
    const { brownianStep, brownianIncrement, key: makeKey } = await import('../../src/random/index.js');
    const { setPhiloxWasmEnabled } = await import('../../src/advanced.js');
    const k = makeKey(2024);
    for (const [dims, dt] of [[1, 0.01], [2, 0.01], [2, 1], [3, 0.01], [5, 0.25]] as const) {
      for (const wasm of [true, false]) {
        setPhiloxWasmEnabled(wasm);
        try {
          const step = brownianStep(k, 7, dt, { paths: 37, dims, pathOffset: 1001 });
          for (let p = 0; p < 37; p++) {
            const one = brownianIncrement(k, 1001 + p, 7, dt, dims);
            for (let d = 0; d < dims; d++) expect(step[p * dims + d]).toBe(one[d]);
          }
        } finally {
          setPhiloxWasmEnabled(true);
        }
      }
    }
  });
});
