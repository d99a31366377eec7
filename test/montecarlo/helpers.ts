/** Deep `===` comparison for the bit-identity tests: typed arrays and tensors element by element. */
import { expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';

export function expectSameBits(a: unknown, b: unknown, path = ''): void {
  if (a instanceof Tensor && b instanceof Tensor) return expectSameBits({ shape: a.shape, data: a.data }, { shape: b.shape, data: b.data }, path);
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as Float64Array, y = b as Float64Array;
    expect(x.length, path).toBe(y.length);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) expect.fail(`${path}[${i}]: ${x[i]} !== ${y[i]}`);
    return;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Object.is(a, b)) expect.fail(`${path}: ${a} !== ${b}`);
    return;
  }
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    expect(ka, path).toEqual(kb);
    for (const k of ka) expectSameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}
