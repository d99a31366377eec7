import { describe, expect, it } from 'vitest';
import { arange, eye, full, linspace, ones, scalar, tensor, zeros, Tensor, add, PathwiseError, ShapeError } from '../../src/index.js';

describe('creation', () => {
  it('infers shapes from nested arrays and keeps row-major order', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect([...t.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
  it('accepts flat data with a shape, and scalars', () => {
    expect(tensor([1, 2, 3, 4], [2, 2]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(scalar(3).shape).toEqual([]);
    expect(scalar(3).item()).toBe(3);
    expect(tensor(2.5).toArray()).toBe(2.5);
  });
  it('makes zeros, ones, full, arange, linspace, eye', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([1, 2]).toArray()).toEqual([[1, 1]]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
  });
  it('rejects ragged arrays, bad shapes and bad item() calls with PathwiseErrors', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/3 values do not fill shape \[2, 2\]/);
    expect(() => zeros([-1])).toThrow(/non-negative integers/);
    expect(() => tensor([1, 2]).item()).toThrow(PathwiseError);
    expect(() => linspace(0, 1, 1.5)).toThrow(/num must be a non-negative integer, got 1.5/);
  });
});

describe('broadcasting', () => {
  it('follows NumPy rules', () => {
    const a = tensor([[1], [2]]);      // [2, 1]
    const b = tensor([10, 20, 30]);    // [3]
    expect(add(a, b).toArray()).toEqual([[11, 21, 31], [12, 22, 32]]);
    expect(add(tensor([[1, 2]]), 1).toArray()).toEqual([[2, 3]]);
    const c = tensor(Float64Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const d = tensor([[100], [200], [300]]);  // [3, 1]
    const r = add(c, d);
    expect(r.shape).toEqual([2, 3, 4]);
    expect(r.data[5]).toBe(5 + 200);
    expect(r.data[23]).toBe(23 + 300);
  });
  it('names the op and both shapes on a mismatch', () => {
    expect(() => add(tensor([1, 2]), tensor([1, 2, 3]))).toThrow('add: shapes [2] and [3] cannot be broadcast together');
  });
  it('accepts numbers wherever a tensor is', () => {
    expect(add(2, 3).item()).toBe(5);
    expect(tensor([1, 2]).mul(2).add(1).toArray()).toEqual([3, 5]);
    expect(() => add('x' as unknown as number, 1)).toThrow(/add: expected a Tensor or a number, got "x"/);
  });
  it('has every op as a method', () => {
    const x = tensor([0.5, 1]);
    expect(x.exp().log().toArray()).toEqual([0.5, 1]);
    expect(x.sum().item()).toBe(1.5);
    expect(tensor([[1, 2], [3, 4]]).transpose().toArray()).toEqual([[1, 3], [2, 4]]);
    expect(x.concat([tensor([3])]).toArray()).toEqual([0.5, 1, 3]);
    expect(x instanceof Tensor).toBe(true);
  });
});
