import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import { tensor, markSource, traceDiscontinuities, grad, type Tensor } from '../../src/index.js';
import { primitives } from '../../src/advanced.js';

describe('discontinuity tracking', () => {
  it('records a discontinuous op consuming a sampled value, with the source name', () => {
    const z = markSource(tensor([0.1, -0.3, 2]), 'z');
    const [out, events] = traceDiscontinuities(() => pw.mean(pw.step(pw.sub(pw.mul(z, 2), 1))));
    expect(out.item()).toBeCloseTo(1 / 3);
    expect(events).toEqual([{ op: 'step', sources: ['z'], count: 1 }]);
  });
  it('does not record kinked ops (abs, relu, maximum, clamp, max) or smooth ones', () => {
    const z = markSource(tensor([0.1, -0.3]), 'z');
    const [, events] = traceDiscontinuities(() =>
      pw.sum(pw.add(pw.add(pw.abs(z), pw.relu(z)), pw.add(pw.clamp(z, -0.2, 0.2), pw.max(pw.exp(z))))));
    expect(events).toEqual([]);
  });
  it('does not record discontinuous ops on values that depend on no source', () => {
    const [, events] = traceDiscontinuities(() => pw.step(tensor([1, -1])));
    expect(events).toEqual([]);
  });
  it('follows dependence through several ops and merges sources', () => {
    const a = markSource(tensor([1]), 'a');
    const b = markSource(tensor([2]), 'b');
    const [, events] = traceDiscontinuities(() => {
      const c = pw.exp(pw.add(a, b));
      return pw.add(pw.floor(c), pw.greater(a, 0));
    });
    expect(events).toEqual([
      { op: 'floor', sources: ['a', 'b'], count: 1 },
      { op: 'greater', sources: ['a'], count: 1 },
    ]);
  });
  it('sees through transformations and ignores the ops inside derivative rules', () => {
    const [, events] = traceDiscontinuities(() =>
      grad((mu: Tensor) => {
        const z = markSource(pw.add(mu, tensor([0.5, -0.5])), 'z');
        return pw.sum(pw.add(pw.abs(z), pw.step(z)));   // abs's VJP uses sign(): not an event
      })(tensor(0.1)));
    expect(events).toEqual([{ op: 'step', sources: ['z'], count: 1 }]);
  });
  it('nests recorders: each sees the events of its own extent', () => {
    const z = markSource(tensor([1]), 'z');
    const [[, inner], outer] = traceDiscontinuities(() => {
      pw.sign(z);
      return traceDiscontinuities(() => pw.step(z));
    });
    expect(inner.map((e) => e.op)).toEqual(['step']);
    expect(outer.map((e) => e.op)).toEqual(['sign', 'step']);
  });
  it('declares the smoothness of every primitive', () => {
    const kinds = new Map([...primitives()].map(([n, p]) => [n, p.smoothness]));
    for (const n of ['step', 'greater', 'less', 'equal', 'floor', 'sign']) expect(kinds.get(n)).toBe('discontinuous');
    for (const n of ['abs', 'maximum', 'minimum', 'max']) expect(kinds.get(n)).toBe('kinked');
    for (const n of ['exp', 'mul', 'matmul', 'where', 'normLogCdf']) expect(kinds.get(n)).toBe('smooth');
  });
});

describe('debug check for NaN and infinity', () => {
  it('names the first op that produced a non-finite value from finite inputs', () => {
    pw.setDebug({ checkFinite: true });
    try {
      const x = tensor([1, -1]);
      expect(() => pw.exp(pw.log(pw.mul(x, 2)))).toThrow(/op 'log' produced NaN at index 1/);
      expect(() => pw.div(1, tensor([0]))).toThrow(/op 'div' produced Infinity/);
      expect(pw.exp(tensor([1])).item()).toBeCloseTo(Math.E);
    } finally {
      pw.setDebug({ checkFinite: false });
    }
    expect(Number.isNaN(pw.log(-1).item())).toBe(true);  // off by default: kernels propagate NaN
  });
});
