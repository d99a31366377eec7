/**
 * fuse(fn) must give the bits of the unfused computation: forward values, JVP tangents and VJP cotangents,
 * on every elementwise primitive (special values included, over several tiles and a partial one) and on
 * random chains drawn by fast-check; and fall back to op-by-op evaluation where a graph is not fusable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as pw from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { bind } from '../../src/ad/trace.js';
import { primitives, type Primitive } from '../../src/ad/primitive.js';
import { fuseCounts, setFuseCodegenEnabled } from '../../src/ad/fuse.js';
import { setTranscendentalWasmEnabled } from '../../src/ad/kernels/transcendental.js';
import { mapBinary } from '../../src/ad/kernels/elementwise.js';

const N = 2 * 2048 + 17;   // two whole tiles and a partial one

/** Deterministic values: specials first, then a spread of magnitudes from a fixed LCG. */
function values(n: number, seed: number, positive = false): Float64Array {
  const special = [0, -0, 1, -1, 0.5, -2.5, 3, 1e-300, 5e-324, -1e308, 1e308, Infinity, -Infinity, NaN, 700, -700, 1e6, 0.1, 2.2, -0.75, 1e-8, 40, -40];
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    const v = i < special.length ? special[i]! : (u - 0.5) * 2 * 10 ** Math.floor(u * 7 - 3);
    out[i] = positive ? Math.abs(v) : v;
  }
  return out;
}

function bitsEqual(a: Tensor | null | undefined, b: Tensor | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  if (a.size !== b.size || a.shape.join() !== b.shape.join()) return false;
  for (let i = 0; i < a.size; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

function expectSame(a: unknown, b: unknown, what: string): void {
  const xs = Array.isArray(a) ? a as Tensor[] : [a as Tensor];
  const ys = Array.isArray(b) ? b as Tensor[] : [b as Tensor];
  expect(xs.length, what).toBe(ys.length);
  xs.forEach((x, i) => expect(bitsEqual(x, ys[i]), `${what} [${i}]`).toBe(true));
}

afterEach(() => {
  setFuseCodegenEnabled(true);
  setTranscendentalWasmEnabled(true);
});

const elementwisePrims = [...primitives().values()].filter((p) => p.elementwise !== undefined && p.name !== 'fused');
const arity = (p: Primitive<unknown>): number => (p.name === 'where' ? 3 : p.elementwise?.binary !== undefined ? 2 : 1);
const paramsOf = (p: Primitive<unknown>): unknown => (p.name === 'polygamma' ? { n: 2 } : undefined);
// Series evaluations that need a non-negative argument.
const POSITIVE = new Set(['besselRatio', 'logBesselI0']);

describe('fuse: every elementwise primitive gives the unfused bits', () => {
  it('covers the arithmetic, math, special and piecewise primitives', () => {
    const names = elementwisePrims.map((p) => p.name);
    for (const n of ['add', 'mul', 'div', 'pow', 'exp', 'log', 'sin', 'tanh', 'sqrt', 'erf', 'maximum', 'where', 'greater', 'polygamma']) {
      expect(names).toContain(n);
    }
  });

  for (const prim of elementwisePrims) {
    it(`${prim.name}: forward, JVP and VJP, full and scalar operands`, () => {
      const k = arity(prim);
      const params = paramsOf(prim);
      const op = (...xs: Tensor[]) => bind(prim, xs, params);
      const fused = pw.fuse(op);
      const pos = POSITIVE.has(prim.name);
      const full = (seed: number) => pw.tensor(values(N, seed, pos));
      const scalar = (seed: number) => pw.tensor(values(30, seed, pos)[25]!);
      // Operand patterns: all full, then each operand in turn a scalar.
      const patterns: Tensor[][] = [Array.from({ length: k }, (_, i) => full(11 + i))];
      for (let j = 0; j < k; j++) patterns.push(Array.from({ length: k }, (_, i) => (i === j ? scalar(3 + i) : full(11 + i))));
      if (prim.name === 'where') patterns.forEach((xs) => { xs[0] = pw.greater(xs[0]!, 0); });
      for (const xs of patterns) {
        const before = fuseCounts.fused;
        expectSame(fused(...xs), op(...xs), 'forward');
        expect(fuseCounts.fused, 'a fused kernel ran').toBe(before + 1);
        if (prim.smoothness === 'discontinuous') continue;
        const ts = xs.map((x, i) => pw.tensor(values(x.size, 40 + i), x.shape));
        const g = (f: (...a: Tensor[]) => Tensor) => (a: Tensor[]) => f(...a);
        const opByOp = fuseCounts.opByOp;
        expectSame(pw.jvp(g(fused), xs, ts)[1], pw.jvp(g(op), xs, ts)[1], 'jvp');
        expect(fuseCounts.opByOp, 'the JVP ran fused').toBe(opByOp);
        const out = op(...xs);
        const ct = pw.tensor(values(out.size, 77), out.shape);
        const [, back] = pw.vjp(g(fused), xs);
        const opByOp2 = fuseCounts.opByOp;
        expectSame(back(ct), pw.vjp(g(op), xs)[1](ct), 'vjp');
        expect(fuseCounts.opByOp, 'the VJP ran fused').toBe(opByOp2);
      }
    });
  }
});

describe('binary loops generated from their expressions', () => {
  it('give the bits of the hand-written loops, contiguous, scalar and broadcast operands', () => {
    const binaries = elementwisePrims.filter((p) => p.elementwise?.binary !== undefined && p.elementwise.expr !== undefined);
    expect(binaries.map((p) => p.name)).toEqual(expect.arrayContaining(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'greater', 'less', 'equal']));
    const a = pw.tensor(values(40, 1), [5, 8]);
    const b = pw.tensor(values(40, 2), [5, 8]);
    const pairs: [Tensor, Tensor][] = [
      [a, b], [a, pw.tensor(values(30, 3)[20]!)], [pw.tensor(values(30, 4)[22]!), b],
      [a, pw.tensor(values(8, 5), [8])], [pw.tensor(values(5, 6), [5, 1]), b], [pw.tensor(1.5), pw.tensor(-0)],
    ];
    for (const p of binaries) {
      for (const [x, y] of pairs) {
        expectSame(p.impl([x, y], undefined), mapBinary(p.elementwise!.binary!, x, y, p.name), p.name);
      }
    }
  });
});

// Random chains: a program is a list of instructions over a growing pool of values (x, y full; s a
// scalar; 0.7 a constant); its output is the last value.
const UNARY = ['neg', 'exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'tanh', 'sqrt', 'sigmoid', 'softplus', 'abs', 'atan', 'square', 'erf', 'normLogCdf'] as const;
const BINARY = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow', 'select'] as const;
type Instr = { op: string; a: number; b: number };

function run(prog: readonly Instr[], x: Tensor, y: Tensor, s: Tensor): Tensor {
  const pool: (Tensor | number)[] = [x, y, s, 0.7];
  for (const { op, a, b } of prog) {
    const u = pool[a % pool.length]!;
    const v = pool[b % pool.length]!;
    const ops = pw as unknown as Record<string, (...z: (Tensor | number)[]) => Tensor>;
    pool.push(op === 'select' ? pw.where(pw.greater(u, v), u, v) : (BINARY as readonly string[]).includes(op) ? ops[op]!(u, v) : ops[op]!(u));
  }
  const out = pool[pool.length - 1]!;
  return typeof out === 'number' ? pw.tensor(out) : out;
}

const instr = fc.record({
  op: fc.constantFrom(...UNARY, ...BINARY),
  a: fc.nat(40),
  b: fc.nat(40),
});

describe('fuse: random chains (fast-check)', () => {
  const n = 2048 + 33;
  const x = pw.tensor(values(n, 5));
  const y = pw.tensor(values(n, 6, true));
  const s = pw.tensor(1.3);
  const ct = pw.tensor(values(n, 8));
  const tx = pw.tensor(values(n, 9));
  const ty = pw.tensor(values(n, 10));

  it('forward, JVP and VJP bits equal the unfused path', () => {
    const before = { ...fuseCounts };
    fc.assert(fc.property(fc.array(instr, { minLength: 1, maxLength: 12 }), (prog) => {
      const plain = (x: Tensor, y: Tensor, s: Tensor) => run(prog, x, y, s);
      const fused = pw.fuse(plain);
      expectSame(fused(x, y, s), plain(x, y, s), 'forward');
      const pf = ([a, b, c]: Tensor[]) => fused(a!, b!, c!);
      const pp = ([a, b, c]: Tensor[]) => plain(a!, b!, c!);
      expectSame(pw.jvp(pf, [x, y, s], [tx, ty, pw.tensor(0.25)])[1], pw.jvp(pp, [x, y, s], [tx, ty, pw.tensor(0.25)])[1], 'jvp');
      const dirs = [[tx, ty, pw.tensor(0.25)], [ty, pw.tensor(values(n, 11)), pw.tensor(0)], [tx, ty, pw.tensor(-1)]];
      expectSame(pw.jvpMany(pf, [x, y, s], dirs)[1], pw.jvpMany(pp, [x, y, s], dirs)[1], 'jvpMany');
      const out = plain(x, y, s);
      const c = out.size === n ? ct : pw.tensor(values(out.size, 8), out.shape);
      expectSame(pw.vjp(pf, [x, y, s])[1](c), pw.vjp(pp, [x, y, s])[1](c), 'vjp');
    }), { numRuns: 60, seed: 15 });
    // Most programs fuse (some end on a scalar-only value, or need a reduction in their VJP).
    expect(fuseCounts.fused - before.fused).toBeGreaterThan(4 * (fuseCounts.opByOp - before.opByOp));
  });

  it('the step-by-step path (no generated code) and the JavaScript kernels give the same bits', () => {
    fc.assert(fc.property(fc.array(instr, { minLength: 1, maxLength: 10 }), (prog) => {
      const plain = (x: Tensor, y: Tensor, s: Tensor) => run(prog, x, y, s);
      const fused = pw.fuse(plain);
      const want = plain(x, y, s);
      setFuseCodegenEnabled(false);
      expectSame(fused(x, y, s), want, 'step by step');
      setFuseCodegenEnabled(true);
      setTranscendentalWasmEnabled(false);
      expectSame(fused(x, y, s), plain(x, y, s), 'JavaScript kernels');
      setTranscendentalWasmEnabled(true);
    }), { numRuns: 25, seed: 16 });
  });
});

describe('fuse: semantics', () => {
  const x = pw.tensor(values(5000, 1));

  it('reads captured values afresh on every call', () => {
    let k = 2;
    const f = pw.fuse((v: Tensor) => pw.mul(v, k));
    expectSame(f(x), pw.mul(x, 2), 'k = 2');
    k = 3;
    expectSame(f(x), pw.mul(x, 3), 'k = 3');
  });

  it('runs a graph that is not elementwise op by op', () => {
    const f = pw.fuse((v: Tensor) => pw.exp(pw.sum(pw.sin(v))));
    expectSame(f(x), pw.exp(pw.sum(pw.sin(x))), 'reduction');
    const a = pw.tensor([[1], [2], [3]]);
    const b = pw.tensor([[0.5, -1, 2, 4]]);
    const g = pw.fuse((p: Tensor, q: Tensor) => pw.tanh(pw.mul(p, q)));
    expectSame(g(a, b), pw.tanh(pw.mul(a, b)), 'general broadcast');
    expect(g(a, b).shape).toEqual([3, 4]);
  });

  it('keeps shapes, scalars and size-one broadcasts', () => {
    const m = pw.tensor(values(12, 3), [3, 4]);
    const f = pw.fuse((v: Tensor, c: Tensor) => pw.add(pw.exp(v), c));
    const c = pw.tensor([[0.5]]);
    expectSame(f(m, c), pw.add(pw.exp(m), c), 'matrix + [[c]]');
    expectSame(f(pw.tensor(0.3), 2), pw.add(pw.exp(0.3), 2), 'all scalars');
    expectSame(pw.fuse((v: Tensor) => v)(x), x, 'identity');
    expectSame(pw.fuse(() => 2.5)(), pw.tensor(2.5), 'a number');
  });

  it('reports discontinuities as the unfused path does', () => {
    const z = pw.markSource(pw.tensor(values(3000, 4)), 'z');
    const f = (v: Tensor) => pw.mul(pw.step(v), pw.exp(v));
    const [, plain] = pw.traceDiscontinuities(() => f(z));
    const [out, fused] = pw.traceDiscontinuities(() => pw.fuse(f)(z));
    expect(fused).toEqual(plain);
    expect(fused).toEqual([{ op: 'step', sources: ['z'], count: 1 }]);
    expect([...(out.sources ?? [])]).toEqual(['z']);
    // A discontinuous op on captured values only (run eagerly while recording), and a graph that is
    // abandoned for op-by-op evaluation after a discontinuous op: each event counted once.
    const w = pw.markSource(pw.tensor(values(3000, 5)), 'w');
    const g = (v: Tensor) => pw.add(pw.exp(v), pw.sign(w));
    expect(pw.traceDiscontinuities(() => pw.fuse(g)(pw.tensor(values(3000, 6))))[1]).toEqual(pw.traceDiscontinuities(() => g(pw.tensor(values(3000, 6))))[1]);
    const h = (v: Tensor) => pw.sum(pw.mul(pw.step(v), v));
    expect(pw.traceDiscontinuities(() => pw.fuse(h)(z))[1]).toEqual([{ op: 'step', sources: ['z'], count: 1 }]);
  });

  it('differentiates to second order with the unfused bits', () => {
    const f = (v: Tensor, s: Tensor) => pw.sum(pw.mul(pw.tanh(pw.mul(v, s)), pw.sin(v)));
    const fused = pw.fuse((v: Tensor, s: Tensor) => pw.mul(pw.tanh(pw.mul(v, s)), pw.sin(v)));
    const ff = (v: Tensor, s: Tensor) => pw.sum(fused(v, s));
    const s = pw.tensor(0.8);
    const d2 = (h: typeof f) => pw.grad((v: Tensor) => pw.sum(pw.grad((w: Tensor) => h(w, s))(v) as Tensor))(x);
    expectSame(d2(ff), d2(f), 'grad of grad');
    const hvp = (h: typeof f) => pw.jvp((v: Tensor) => pw.grad((w: Tensor) => h(w, s))(v), x, pw.tensor(values(5000, 2)))[1];
    expectSame(hvp(ff), hvp(f), 'jvp of grad');
    const gs = (h: typeof f) => pw.grad((c: Tensor) => h(x, c))(s);
    expectSame(gs(ff), gs(f), 'gradient in a scalar');
  });

  it('forward mode with several lanes (partials shared by the lanes) gives the bits of one lane at a time', () => {
    const f = ([v, c]: Tensor[]) => pw.log1p(pw.square(pw.add(c!, pw.mul(pw.tanh(v!), pw.sqrt(pw.abs(c!))))));
    const c = pw.tensor(0.7);
    const dirs = [[pw.tensor(values(5000, 3)), pw.tensor(0)], [pw.tensor(values(5000, 0)).mul(0), pw.tensor(1)], [pw.tensor(values(5000, 5)), pw.tensor(-2)]];
    const [, many] = pw.jvpMany(f, [x, c], dirs);
    dirs.forEach((d, k) => expectSame(many[k], pw.jvp(f, [x, c], d)[1], `lane ${k}`));
    const [, fusedMany] = pw.jvpMany(([v, w]: Tensor[]) => pw.fuse((a: Tensor, b: Tensor) => f([a, b]))(v!, w!), [x, c], dirs);
    dirs.forEach((_, k) => expectSame(fusedMany[k], many[k], `fused lane ${k}`));
  });

  it('recycles its buffers inside tidy', () => {
    const f = pw.fuse((v: Tensor) => pw.sqrt(pw.add(pw.mul(v, v), 1)));
    const a = pw.tidy(() => f(x).data[17]!);
    const b = pw.tidy(() => f(x).data[17]!);
    expect(a).toBe(b);
    expect(a).toBe(Math.sqrt(x.data[17]! * x.data[17]! + 1));
  });
});
