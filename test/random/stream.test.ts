import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import { key, normal, normalQuantile, split, uniform } from '../../src/random/index.js';
import { setPhiloxWasmEnabled } from '../../src/advanced.js';
import { philoxWasm } from '../../src/random/philox-wasm.js';
import { expectKS, expectMean, expectVariance, normalCdf } from './stat-helpers.js';

const k0 = key(20260101);

describe('uniform', () => {
  it('lies in the open interval (0, 1) on a 2^-53 grid', () => {
    const u = uniform(k0, 100_000);
    let bad = 0;
    for (const x of u) if (!(x > 0 && x < 1) || !Number.isInteger(x * 2 ** 53)) bad++;
    expect(bad).toBe(0);
  });

  it('uses all 53 bits: the low bit is set about half the time', () => {
    const u = uniform(k0, 20_000);
    let odd = 0;
    for (const x of u) odd += (x * 2 ** 53) % 2;
    // binomial(20000, 1/2): sd ≈ 70.7
    expect(Math.abs(odd - 10_000) / 70.7).toBeLessThan(5.3);
  });

  it('passes KS and moment tests', () => {
    const u = uniform(k0, 200_000);
    expectKS('uniform', u, (x) => x);
    expectMean('uniform', u, 0.5, 1 / 12);
    expectVariance('uniform', u, 0.5, 1 / 12, 1 / 80);
  });

  it('chunking never changes bits (property test, odd offsets included)', () => {
    const full = uniform(k0, 600, { offset: 1001 });
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 97 }), { maxLength: 12 }), (cuts) => {
      const parts: number[] = [];
      let at = 0;
      for (const c of cuts) {
        const len = Math.min(c, 600 - at);
        parts.push(...uniform(k0, len, { offset: 1001 + at }));
        at += len;
      }
      parts.push(...uniform(k0, 600 - at, { offset: 1001 + at }));
      expect(Float64Array.from(parts)).toEqual(full);
    }), { numRuns: 60 });
  });

  it('a chunk starting at an odd offset matches, and so does a single sample', () => {
    const full = uniform(k0, 9);
    expect(uniform(k0, 4, { offset: 3 })).toEqual(full.subarray(3, 7));
    expect(uniform(k0, 1, { offset: 7 })[0]).toBe(full[7]);
  });

  it('handles indices beyond 2^32 (counter word c1)', () => {
    const big = 2 ** 33 + 5;
    const a = uniform(k0, 6, { offset: big });
    expect(uniform(k0, 3, { offset: big + 3 })).toEqual(a.subarray(3));
    expect(a).not.toEqual(uniform(k0, 6, { offset: 5 }));
  });

  it('writes into out and validates its arguments', () => {
    const out = new Float64Array(5);
    expect(uniform(k0, 5, { out })).toBe(out);
    expect(() => uniform(k0, -1)).toThrow(/uniform: n must be a non-negative integer, got -1/);
    expect(() => uniform(k0, 2.5)).toThrow(PathwiseRangeError);
    expect(() => uniform(k0, 3, { offset: 0.5 })).toThrow(/uniform: offset must be a non-negative integer/);
    expect(() => uniform(k0, 3, { out: new Float64Array(2) })).toThrow(/out must hold 3 values/);
    expect(uniform(k0, 0).length).toBe(0);
  });
});

describe('WebAssembly and JavaScript kernels', () => {
  it('give identical bits, including odd offsets, long runs and the carry into counter word c1', () => {
    expect(philoxWasm()).not.toBeNull();          // Node has WebAssembly: the fast path is the one tested above
    const cases: [number, number][] = [[0, 1], [1, 20_001], [3, 7], [2 ** 33 - 7, 20], [2 ** 52 + 1, 9]];
    const fast = cases.map(([offset, n]) => uniform(k0, n, { offset }));
    const fastNormal = cases.map(([offset, n]) => normal(k0, n, { offset }));
    setPhiloxWasmEnabled(false);
    try {
      expect(philoxWasm()).toBeNull();
      cases.forEach(([offset, n], c) => expect(uniform(k0, n, { offset })).toEqual(fast[c]));
      cases.forEach(([offset, n], c) => expect(normal(k0, n, { offset })).toEqual(fastNormal[c]));
    } finally {
      setPhiloxWasmEnabled(true);
    }
  });
});

describe('normal', () => {
  it('is the inverse normal CDF of the uniform stream, bit for bit', () => {
    const u = uniform(k0, 5000, { offset: 77 });
    const z = normal(k0, 5000, { offset: 77 });
    let bad = 0;
    for (let i = 0; i < 5000; i++) if (z[i] !== normalQuantile(u[i]!)) bad++;
    expect(bad).toBe(0);
  });

  it('passes KS and moment tests', () => {
    const z = normal(split(k0, 2)[1]!, 200_000);
    expectKS('normal', z, normalCdf);
    expectMean('normal', z, 0, 1);
    expectVariance('normal', z, 0, 1, 3);
  });

  it('chunking never changes bits, across the internal chunk sizes', () => {
    const full = normal(k0, 10_000, { offset: 3 });
    for (const cut of [1, 2049, 4095, 4096, 4097, 8193]) {
      expect(normal(k0, cut, { offset: 3 })).toEqual(full.subarray(0, cut));
      expect(normal(k0, 10_000 - cut, { offset: 3 + cut })).toEqual(full.subarray(cut));
    }
  });
});
