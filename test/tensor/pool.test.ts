import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';

describe('tidy and the buffer pool', () => {
  it('recycles the buffers of temporaries, never those of the result', () => {
    pw.clearPool();
    const x = pw.linspace(0, 1, 4096);
    const first = pw.tidy(() => pw.exp(pw.mul(x, 2)));      // mul's buffer goes back to the pool
    const snapshot = Float64Array.from(first.data);
    const second = pw.tidy(() => pw.add(pw.sin(x), 1));      // may reuse mul's buffer, never first's
    expect(first.data).toEqual(snapshot);
    expect(second.data).not.toBe(first.data);
    expect(second.data[10]).toBeCloseTo(Math.sin(x.data[10]!) + 1, 15);
  });
  it('gives identical results with and without scopes, for reductions that accumulate too', () => {
    const x = pw.tensor(Float64Array.from({ length: 3 * 2048 }, (_, i) => Math.sin(i)), [3, 2048]);
    const plain = pw.sum(pw.mul(x, x), 0);
    for (let r = 0; r < 3; r++) {
      const pooled = pw.tidy(() => pw.sum(pw.mul(x, x), 0));
      expect(pooled.data).toEqual(plain.data);
    }
    const g = pw.tidy(() => pw.grad((v: pw.Tensor) => pw.sum(pw.exp(v)))(x));
    expect(g.data).toEqual(pw.exp(x).data);
  });
  it('keeps tensors nested in returned arrays and records, and hands them to an enclosing scope', () => {
    const x = pw.linspace(0, 1, 2048);
    const out = pw.tidy(() => {
      const inner = pw.tidy(() => ({ a: [pw.exp(x)], b: pw.mul(x, 3) }));
      return inner;
    });
    pw.tidy(() => pw.add(pw.sin(x), pw.cos(x)));
    expect(out.a[0]!.data[5]).toBe(Math.exp(x.data[5]!));
    expect(out.b.data[5]).toBe(x.data[5]! * 3);
  });
});
