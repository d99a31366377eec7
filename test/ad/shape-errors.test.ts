/** Shape and argument errors name the op, the shapes and the values. */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';

const m = pw.tensor([[1, 2, 3], [4, 5, 6]]);

describe('shape errors', () => {
  it('reshape, transpose, slice, pad', () => {
    expect(() => pw.reshape(m, [4, 2])).toThrow('reshape: cannot reshape a tensor of shape [2, 3] (6 elements) into [4, 2]');
    expect(() => pw.transpose(m, [0, 0])).toThrow(/not a permutation of the 2 axes of shape \[2, 3\]/);
    expect(() => pw.slice(m, [1, 1], [2, 1])).toThrow('slice: block starts [1, 1] sizes [2, 1] is outside shape [2, 3]');
    expect(() => pw.pad(m, [0, 1], [2, 3])).toThrow('pad: block of shape [2, 3] at [0, 1] does not fit in [2, 3]');
    expect(() => pw.sum(m, 2)).toThrow('sum: axis 2 is out of range for a tensor with 2 dimension(s)');
  });
  it('concat, gather, matmul, broadcastTo', () => {
    expect(() => pw.concat([m, pw.tensor([1, 2])])).toThrow(/concat: shapes .* differ outside axis 0/);
    expect(() => pw.gather(m, [0, 3], 1)).toThrow('gather: index 3 is out of range for axis 1 of length 3');
    expect(() => pw.matmul(m, m)).toThrow('matmul: inner dimensions differ: shapes [2, 3] and [2, 3]');
    expect(() => pw.broadcastTo(m, [3, 3])).toThrow(/broadcastTo: shapes \[2, 3\] and \[3, 3\] cannot be broadcast together/);
  });
  it('structural ops give the right values', () => {
    expect(pw.slice(m, [0, 1], [2, -1]).toArray()).toEqual([[2, 3], [5, 6]]);
    expect(pw.gather(m, [2, 0], 1).toArray()).toEqual([[3, 1], [6, 4]]);
    expect(pw.stack([m, m], 0).shape).toEqual([2, 2, 3]);
    expect(pw.squeeze(pw.expandDims(m, 1)).shape).toEqual([2, 3]);
    expect(pw.matmul(pw.ones([4, 2, 3]), pw.ones([3, 5])).shape).toEqual([4, 2, 5]);
    expect(pw.max(m, 1).toArray()).toEqual([3, 6]);
    expect(pw.mean(m, 0).toArray()).toEqual([2.5, 3.5, 4.5]);
    // out[i, j, k] = in[j, k, i]; flat index 5 of shape [4, 2, 3] is (0, 1, 2) → in[1, 2, 0] = 12 + 8.
    expect(pw.transpose(pw.arange(24).reshape([2, 3, 4]), [2, 0, 1]).data[5]).toBe(20);
  });
});
