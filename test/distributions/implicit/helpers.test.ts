import { describe, expect, it } from 'vitest';
import digamma from '@stdlib/math-base-special-digamma';
import { besselRatio, digammaDifference } from '../../../src/distributions/implicit/index.js';
import { gaussLegendre } from '../../../src/distributions/implicit/gauss-legendre.js';

describe('besselRatio', () => {
  // mpmath besseli(1, κ)/besseli(0, κ) at 30 digits, rounded to float64.
  const table: [number, number, number][] = [
    [1e-3, 0.0004999999375000105, 0.9995000000625],
    [0.5, 0.24249961258080194, 0.757500387419198],
    [5, 0.8933831370440852, 0.10661686295591478],
    [19.999, 0.974669223949034, 0.02533077605096601],
    [20, 0.9746705078898071, 0.025329492110192874],
    [50, 0.9899489673784978, 0.010051032621502247],
    [1000, 0.9994998748748043, 0.0005001251251957198],
    [1e5, 0.9999949999874999, 5.000012500125002e-6],
  ];
  it('matches I₁/I₀ and 1 − I₁/I₀ from mpmath on both sides of the series/asymptotic switch', () => {
    const out = new Float64Array(2);
    for (const [k, a, oneMinusA] of table) {
      besselRatio(k, out);
      expect(Math.abs(out[0]! / a - 1), `κ=${k}`).toBeLessThan(1e-14);
      expect(Math.abs(out[1]! / oneMinusA - 1), `κ=${k}`).toBeLessThan(1e-13);
    }
    expect(Array.from(besselRatio(0, out))).toEqual([0, 1]);
    expect(Array.from(besselRatio(Number.POSITIVE_INFINITY, out))).toEqual([1, 0]);
    expect(besselRatio(-1, out)[0]).toBeNaN();
  });
});

describe('digammaDifference', () => {
  it('matches mpmath where direct subtraction cancels', () => {
    const table: [number, number, number][] = [
      [1000, 0.01, 1.0004951616975164e-5],
      [3.7, 1e-8, 3.1003785719306177e-9],
      [0.2, 0.1, 1.7865156743920552],
      [50, 3, 0.05883861236802413],
      [1e6, 1e-3, 1.0000004995001662e-9],
      [9.99, 0.5, 0.05130099281675244],
    ];
    for (const [x, h, ref] of table) expect(Math.abs(digammaDifference(x, h) / ref - 1), `x=${x} h=${h}`).toBeLessThan(1e-14);
  });
  it('agrees with ψ(x+h) − ψ(x) where that is well conditioned', () => {
    for (const [x, h] of [
      [0.5, 2],
      [2, 7],
      [1, 1],
    ] as const) {
      expect(digammaDifference(x, h)).toBeCloseTo(digamma(x + h) - digamma(x), 13);
    }
    expect(digammaDifference(2, 0)).toBe(0);
    expect(digammaDifference(Number.NaN, 1)).toBeNaN();
  });
});

describe('gaussLegendre', () => {
  it('integrates polynomials of degree 2n − 1 exactly', () => {
    for (const n of [1, 3, 10, 20]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let deg = 0; deg <= 2 * n - 1; deg++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i]! * nodes[i]! ** deg;
        const exact = deg % 2 === 1 ? 0 : 2 / (deg + 1);
        expect(Math.abs(s - exact), `n=${n} degree ${deg}`).toBeLessThan(1e-14);
      }
    }
  });
});
