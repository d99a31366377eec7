/** Trees of numbers and tensors as JSON: every bit and every key order survives a cluster's sorted-key JSON. */
import { describe, expect, it } from 'vitest';
import { canonicalJSON } from '../../src/parallel/run-spec.js';
import { packTree, unpackTree } from '../../src/portable-json.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('packTree / unpackTree', () => {
  it('keeps −0, NaN, infinities, subnormals, shapes and the order of record keys', () => {
    const values = Float64Array.of(-0, Number.NaN, Infinity, -Infinity, 5e-324, 0.1, -1e308);
    const tree = { name: 'run', on: true, none: null, skipped: undefined, sigma: new Tensor(values, [7]), mu: [2.5, new Tensor(Float64Array.of(1, 2, 3, 4), [2, 2])], w: -0, specials: [Number.NaN, Infinity, -Infinity] };
    const back = unpackTree(JSON.parse(canonicalJSON(packTree(tree)))) as typeof tree;
    expect(Object.keys(back)).toEqual(['name', 'on', 'none', 'sigma', 'mu', 'w', 'specials']);
    expect([back.name, back.on, back.none]).toEqual(['run', true, null]);
    expect(back.specials).toEqual([Number.NaN, Infinity, -Infinity]);
    expect(back.sigma.shape).toEqual([7]);
    [...values].forEach((v, i) => expect(Object.is(back.sigma.data[i], v), `value ${i}`).toBe(true));
    expect(back.mu[0]).toBe(2.5);
    expect((back.mu[1] as Tensor).shape).toEqual([2, 2]);
    expect(Array.from((back.mu[1] as Tensor).data)).toEqual([1, 2, 3, 4]);
    expect(Object.is(back.w, -0)).toBe(true);
  });
  it('refuses what is not such a tree, naming it', () => {
    expect(() => packTree({ f: () => 1 })).toThrow(/a run's arguments must be numbers, strings, booleans, tensors, arrays or records, got/);
    expect(() => unpackTree({ $tensor: { shape: [3], f64: 'AAAAAAAAAAA=' } })).toThrow(/a tensor of shape \[3\] needs 24 bytes, got 8/);
    expect(() => unpackTree({ mu: 1 })).toThrow(/not a packed tree/);
  });
});
