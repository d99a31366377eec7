/**
 * The matmul kernel's contracts: each element of C is the plain left-to-right sum over k of its row of A
 * times its column of B — so a row's bits do not depend on the batch (m), on the columns computed with
 * it (n), on the tile or block it falls in, on the WebAssembly or JavaScript path, or on whether an
 * operand is read transposed — and that sum is accurate to the usual γₖ = kε/(1 − kε) bound.
 * Bits are compared with Object.is (=== that also tells +0 from −0).
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as pw from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { checkGrads } from '../../src/testing/index.js';
import { bind } from '../../src/ad/trace.js';
import { primitives } from '../../src/ad/primitive.js';
import { setMatmulWasmEnabled } from '../../src/advanced.js';
import { matmulLayout, matmulWasm } from '../../src/ad/kernels/matmul-wasm.js';
import { gemm, gemmJs } from '../../src/ad/kernels/matmul.js';

const matmulP = primitives().get('matmul')!;
const mm = (a: Tensor, b: Tensor, ta = false, tb = false) => bind(matmulP, [a, b], { ta, tb });

/** Deterministic values of varied sign and magnitude (xorshift from a seed). */
function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const u = s / 4294967296;
    out[i] = (u - 0.5) * 2 ** ((s & 15) - 6);
  }
  return out;
}

/** The defined order: s = 0, then s += A[i,p]·B[p,j] for p = 0 … k−1. */
function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
  return c;
}

function expectSameBits(x: ArrayLike<number>, y: ArrayLike<number>, what: string): void {
  expect(x.length, what).toBe(y.length);
  for (let i = 0; i < x.length; i++) {
    if (!Object.is(x[i], y[i])) expect.fail(`${what}: element ${i} differs: ${x[i]} vs ${y[i]}`);
  }
}

const transposed = (x: Float64Array, r: number, c: number) => {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = x[i * c + j]!;
  return t;
};

afterEach(() => setMatmulWasmEnabled(true));

// Shapes that cross the kernel's tile (4×4) and block (MC rows, KC depth) boundaries.
const shape = fc.record({
  m: fc.integer({ min: 1, max: matmulLayout.mc + 14 }),
  k: fc.integer({ min: 1, max: matmulLayout.kc + 40 }),
  n: fc.integer({ min: 1, max: 37 }),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
});

describe('matmul kernel', () => {
  it('has WebAssembly SIMD on this machine (else only the fallback would be tested)', () => {
    expect(matmulWasm()).not.toBeNull();
  });

  it('a row of A·B has the same bits as that row alone, in any row split, on both paths', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 50 }), ({ m, k, n, seed }, cut) => {
      const a = values(m * k, seed), b = values(k * n, seed + 1);
      const B = pw.tensor(b, [k, n]);
      const whole = pw.matmul(pw.tensor(a, [m, k]), B).data;
      expectSameBits(whole, naive(a, b, m, k, n), `[${m},${k}]×[${k},${n}] vs the defined order`);
      setMatmulWasmEnabled(false);
      expectSameBits(pw.matmul(pw.tensor(a, [m, k]), B).data, whole, 'JavaScript fallback');
      setMatmulWasmEnabled(true);
      for (const i of [0, m - 1, Math.floor(m / 2)]) {
        const row = pw.matmul(pw.tensor(a.slice(i * k, (i + 1) * k), [1, k]), B).data;
        expectSameBits(row, whole.subarray(i * n, (i + 1) * n), `row ${i} alone`);
      }
      for (let i0 = 0; i0 < m; i0 += cut) {
        const rows = Math.min(cut, m - i0);
        const part = pw.matmul(pw.tensor(a.slice(i0 * k, (i0 + rows) * k), [rows, k]), B).data;
        expectSameBits(part, whole.subarray(i0 * n, (i0 + rows) * n), `rows ${i0}…${i0 + rows - 1}`);
      }
    }), { numRuns: 25 });
  });

  it('a column of A·B does not depend on the other columns computed with it', () => {
    fc.assert(fc.property(shape, ({ m, k, n, seed }) => {
      const a = values(m * k, seed), b = values(k * n, seed + 1);
      const A = pw.tensor(a, [m, k]);
      const whole = pw.matmul(A, pw.tensor(b, [k, n])).data;
      const j = seed % n;
      const col = pw.matmul(A, pw.tensor(Float64Array.from({ length: k }, (_, p) => b[p * n + j]!), [k, 1])).data;
      expectSameBits(col, Float64Array.from({ length: m }, (_, i) => whole[i * n + j]!), `column ${j}`);
    }), { numRuns: 20 });
  });

  it('transposed operands, read in place, give the same bits as materialized transposes', () => {
    fc.assert(fc.property(shape, ({ m, k, n, seed }) => {
      const a = values(m * k, seed), b = values(k * n, seed + 1);
      const ref = naive(a, b, m, k, n);
      const A = pw.tensor(a, [m, k]), B = pw.tensor(b, [k, n]);
      const At = pw.tensor(transposed(a, m, k), [k, m]), Bt = pw.tensor(transposed(b, k, n), [n, k]);
      for (const wasm of [true, false]) {
        setMatmulWasmEnabled(wasm);
        expectSameBits(mm(At, B, true, false).data, ref, `Aᵀ stored, wasm ${wasm}`);
        expectSameBits(mm(A, Bt, false, true).data, ref, `Bᵀ stored, wasm ${wasm}`);
        expectSameBits(mm(At, Bt, true, true).data, ref, `both stored transposed, wasm ${wasm}`);
      }
    }), { numRuns: 15 });
  });

  it('general strides (neither axis contiguous) give the same bits', () => {
    // A(i, p) at a[2·(i·k + p)]: the packing path for A, and a strided B.
    const m = 37, k = 29, n = 11;
    const a = values(m * k, 5), b = values(k * n, 6);
    const a2 = new Float64Array(2 * m * k), b2 = new Float64Array(2 * k * n);
    a.forEach((v, i) => { a2[2 * i] = v; });
    b.forEach((v, i) => { b2[2 * i] = v; });
    const c = new Float64Array(m * n), cj = new Float64Array(m * n);
    gemm(a2, 0, 2 * k, 2, b2, 0, 2 * n, 2, c, 0, m, n, k);
    gemmJs(a2, 0, 2 * k, 2, b2, 0, 2 * n, 2, cj, 0, m, n, k);
    expectSameBits(c, naive(a, b, m, k, n), 'strided, WebAssembly');
    expectSameBits(cj, c, 'strided, JavaScript');
  });

  it('large products cross every block boundary in a fixed memory', () => {
    const w = matmulWasm()!;
    const bytes = w.mem.buffer.byteLength;
    const m = matmulLayout.mc * 2 + 7, k = matmulLayout.kc * 2 + 19, n = matmulLayout.nc + 13;
    const a = values(m * k, 11), b = values(k * n, 12);
    const c = pw.matmul(pw.tensor(a, [m, k]), pw.tensor(b, [k, n])).data;
    expectSameBits(c, naive(a, b, m, k, n), `[${m},${k}]×[${k},${n}]`);
    expect(w.mem.buffer.byteLength).toBe(bytes);
    expect(matmulWasm()!.mem).toBe(w.mem);
  });

  it('column blocks narrower than a tile (n = 3, n = NC + 1 … NC + 3) come out right', () => {
    for (const [m, k, n] of [[60, 60, 3], [9, 20, matmulLayout.nc + 1], [10, 21, matmulLayout.nc + 2], [11, 22, matmulLayout.nc + 3]] as const) {
      const a = values(m * k, m), b = values(k * n, n);
      expectSameBits(pw.matmul(pw.tensor(a, [m, k]), pw.tensor(b, [k, n])).data, naive(a, b, m, k, n), `[${m},${k}]×[${k},${n}]`);
    }
  });

  it('is accurate to γₖ·Σ|aᵢ||bᵢ| against the exact sum', () => {
    // Values on the grid 2^-30 (and below 2^9): exact integers after scaling by 2^40, so BigInt sums are exact.
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 1 << 30 }), (k, seed) => {
        const m = 5, n = 6;
        const a = values(m * k, seed).map((v) => Math.round(v * 2 ** 30) * 2 ** -30);
        const b = values(k * n, seed + 7).map((v) => Math.round(v * 2 ** 30) * 2 ** -30);
        const c = pw.matmul(pw.tensor(a, [m, k]), pw.tensor(b, [k, n])).data;
        const eps = 2 ** -53, gamma = (k * eps) / (1 - k * eps);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let exact = 0n, mag = 0;
            for (let p = 0; p < k; p++) {
              const x = a[i * k + p]!, y = b[p * n + j]!;
              exact += BigInt(x * 2 ** 40) * BigInt(y * 2 ** 40);
              mag += Math.abs(x * y);
            }
            const err = Math.abs(c[i * n + j]! - Number(exact) * 2 ** -80);
            expect(err).toBeLessThanOrEqual(gamma * mag * (1 + 1e-12));
          }
        }
      }), { numRuns: 30 });
  });

  it('propagates NaN and infinities to exactly the elements they reach', () => {
    // n = 30 leaves spare columns in the last 4-column tile; k past one block exercises partial sums.
    for (const [wasm, k] of [[true, 50], [true, matmulLayout.kc + 10], [false, 50]] as const) {
      setMatmulWasmEnabled(wasm);
      const m = 40, n = 30;
      const a = values(m * k, 3), b = values(k * n, 4).map(Math.abs);
      const p = k - 3;             // in the last k block
      a[5 * k + p] = NaN;          // row 5: NaN everywhere
      a[9 * k + p] = Infinity;     // row 9: +∞ times positive B
      b[p * n + 2] = 0;            // … but ∞·0 = NaN in column 2
      const c = pw.matmul(pw.tensor(a, [m, k]), pw.tensor(b, [k, n])).data;
      for (let j = 0; j < n; j++) {
        expect(c[5 * n + j]).toBeNaN();
        if (j === 2) expect(c[9 * n + j]).toBeNaN();
        else expect(c[9 * n + j]).toBe(Infinity);
      }
      for (const i of [0, 4, 6, 8, 10, m - 1]) for (let j = 0; j < n; j++) expect(Number.isFinite(c[i * n + j]!)).toBe(true);
    }
  });

  it('handles empty dimensions: k = 0 gives zeros, m = 0 or n = 0 an empty result', () => {
    for (const wasm of [true, false]) {
      setMatmulWasmEnabled(wasm);
      const z = pw.matmul(pw.zeros([3, 0]), pw.zeros([0, 4]));
      expect(z.shape).toEqual([3, 4]);
      expectSameBits(z.data, new Float64Array(12), 'k = 0');
      expect(pw.matmul(pw.zeros([0, 5]), pw.ones([5, 4])).shape).toEqual([0, 4]);
      expect(pw.matmul(pw.ones([3, 5]), pw.zeros([5, 0])).shape).toEqual([3, 0]);
      expect(pw.matmul(pw.zeros([2, 0, 5]), pw.ones([5, 4])).shape).toEqual([2, 0, 4]);
    }
  });

  it('batches over broadcast leading axes with the same bits as each product alone', () => {
    const m = 21, k = 33, n = 9;
    const a = values(2 * 1 * m * k, 21), b = values(3 * k * n, 22);
    const c = pw.matmul(pw.tensor(a, [2, 1, m, k]), pw.tensor(b, [3, k, n]));
    expect(c.shape).toEqual([2, 3, m, n]);
    for (let s = 0; s < 2; s++) {
      for (let t = 0; t < 3; t++) {
        const ref = naive(a.subarray(s * m * k, (s + 1) * m * k), b.subarray(t * k * n, (t + 1) * k * n), m, k, n);
        expectSameBits(c.data.subarray((s * 3 + t) * m * n, (s * 3 + t + 1) * m * n), ref, `batch (${s}, ${t})`);
      }
    }
  });
});

describe('matmul derivatives', () => {
  it('VJPs are the products G·Bᵀ and Aᵀ·G, bit for bit', () => {
    const m = 13, k = 17, n = 6;
    const a = pw.tensor(values(m * k, 31), [m, k]), b = pw.tensor(values(k * n, 32), [k, n]);
    const g = pw.tensor(values(m * n, 33), [m, n]);
    const { x: ga, y: gb } = pw.grad((p: { x: Tensor; y: Tensor }) => pw.sum(pw.mul(pw.matmul(p.x, p.y), g)))({ x: a, y: b });
    expectSameBits(ga.data, naive(g.data, transposed(b.data, k, n), m, n, k), 'Ā = G·Bᵀ');
    expectSameBits(gb.data, naive(transposed(a.data, m, k), g.data, k, m, n), 'B̄ = Aᵀ·G');
  });

  const any: [number, number] = [-2, 2];
  const draw = (shapes: number[][]) => fc.tuple(...shapes.map((s) => {
    const len = s.reduce((x, y) => x * y, 1);
    return fc.array(fc.double({ min: any[0], max: any[1], noNaN: true }), { minLength: len, maxLength: len }).map((v) => pw.tensor(v, s));
  }));
  for (const [ta, tb] of [[true, false], [false, true], [true, true]] as const) {
    it(`passes checkGrads to second order with ${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'} (batched, broadcast)`, () => {
      const as = ta ? [2, 3, 4] : [2, 4, 3], bs = tb ? [2, 3] : [3, 2];
      fc.assert(fc.property(draw([as, bs]), ([x, y]) => {
        checkGrads((u: Tensor, v: Tensor) => pw.exp(pw.mul(mm(u, v, ta, tb), 0.3)), [x!, y!], { order: 2, tol: 1e-5, eps: 1e-5, name: 'matmul' });
      }), { numRuns: 6, seed: 42 });
    });
  }
});
