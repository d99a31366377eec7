import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../src/errors.js';
import { foldIn, key, keyData, keyFromWords, split, uniform } from '../../src/random/index.js';
import { philox4x32 } from '../../src/advanced.js';

const hex = (a: Uint32Array) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');

describe('philox4x32 (Random123 known-answer vectors)', () => {
  it.each([
    [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '408f276d 41c83b0e a20bc7c6 6d5451fd'],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], 'd16cfe09 94fdcceb 5001e420 24126ea1'],
  ])('counter %j key %j', (c, k, expected) => {
    expect(hex(philox4x32(new Uint32Array(c), new Uint32Array(k)))).toBe(expected);
  });

  it('the uniform stream reads block j = sample pair (2j, 2j+1) of counter (j, 0, 0, 0)', () => {
    const k = keyFromWords(0xa4093822, 0x299f31d0);
    const w = philox4x32(new Uint32Array([5, 0, 0, 0]), keyData(k));
    const u = uniform(k, 2, { offset: 10 });
    expect(u[0]).toBe(((w[0]! >>> 11) * 2 ** 32 + w[1]!) * 2 ** -53);
    expect(u[1]).toBe(((w[2]! >>> 11) * 2 ** 32 + w[3]!) * 2 ** -53);
  });
});

describe('keys', () => {
  it('key(seed) puts the low 32 bits in k0 and the high bits in k1', () => {
    expect(keyData(key(7))).toEqual(new Uint32Array([7, 0]));
    expect(keyData(key(2 ** 40 + 3))).toEqual(new Uint32Array([3, 256]));
    expect(Object.isFrozen(key(1))).toBe(true);
  });

  it('rejects bad seeds with a message naming function, parameter and value', () => {
    expect(() => key(-1)).toThrow(PathwiseRangeError);
    expect(() => key(1.5)).toThrow(/key: seed must be an integer in \[0, 2\^53\), got 1.5/);
    expect(() => key(2 ** 53)).toThrow(PathwiseRangeError);
    expect(() => key('3' as unknown as number)).toThrow(PathwiseTypeError);
    expect(() => uniform({ k0: 1 } as never, 3)).toThrow(/uniform: key must be a Key/);
  });

  it('split is a pure function of (key, i) and gives distinct keys', () => {
    const a = split(key(1), 10);
    const b = split(key(1), 4);
    expect(a.slice(0, 4)).toEqual(b);
    const words = new Set(a.map((k) => `${k.k0},${k.k1}`));
    expect(words.size).toBe(10);
    expect(split(key(2), 1)[0]).not.toEqual(a[0]);
  });

  it('foldIn differs from split and from other data', () => {
    const k = key(3);
    expect(foldIn(k, 0)).not.toEqual(split(k, 1)[0]);
    expect(foldIn(k, 1)).not.toEqual(foldIn(k, 2));
    expect(foldIn(k, 5)).toEqual(foldIn(k, 5));
    expect(() => foldIn(k, -2)).toThrow(/foldIn: data must be an integer/);
    expect(() => split(k, 1.5)).toThrow(/split: n must be a non-negative integer, got 1.5/);
  });

  it('different seeds give unrelated streams', () => {
    const a = uniform(key(0), 1000);
    const b = uniform(key(1), 1000);
    let same = 0;
    for (let i = 0; i < 1000; i++) if (a[i] === b[i]) same++;
    expect(same).toBe(0);
  });
});
