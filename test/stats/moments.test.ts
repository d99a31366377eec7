import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Moments } from '../../src/stats/index.js';
import { PathwiseRangeError, PathwiseTypeError } from '../../src/errors.js';

/** Direct two-pass formulas, the definition of the quantities. */
function direct(x: readonly number[]): { mean: number; m2: number } {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return { mean, m2: x.reduce((s, v) => s + (v - mean) ** 2, 0) };
}

function relClose(a: number, b: number, tol: number, scale = Math.abs(b)): boolean {
  return Math.abs(a - b) <= tol * Math.max(scale, Number.MIN_VALUE);
}

// Values whose squares would underflow are flushed to 0: relative accuracy of M2 means nothing below 1e-300.
const finite = fc
  .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
  .map((v) => (Math.abs(v) < 1e-100 ? 0 : v));

describe('Moments', () => {
  it('matches the direct formulas', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const m = Moments.of(Float64Array.from(x));
    const d = direct(x);
    expect(m.count).toBe(8);
    expect(m.mean).toBeCloseTo(d.mean, 14);
    expect(m.m2).toBeCloseTo(d.m2, 12);
    expect(m.variance()).toBeCloseTo(d.m2 / 7, 12);
  });

  it('merging any split equals one pass (property)', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 200 }), fc.array(fc.nat(), { maxLength: 6 }), (x, cuts) => {
        const all = Float64Array.from(x);
        const one = Moments.of(all);
        const points = [...new Set(cuts.map((c) => c % (x.length + 1)))].sort((a, b) => a - b);
        const merged = new Moments();
        let start = 0;
        for (const p of [...points, x.length]) {
          merged.merge(new Moments().addBatch(all, start, p)); // empty pieces allowed
          start = p;
        }
        const spread = Math.max(...x.map(Math.abs));
        expect(merged.count).toBe(one.count);
        // Mean relative to the data's scale (a mean near 0 has no relative accuracy to speak of).
        expect(relClose(merged.mean, one.mean, 1e-12, spread)).toBe(true);
        // M2 relative to itself, with a floor of n·(ε·spread)² for data so nearly constant that M2 is rounding noise.
        const floor = x.length * (Number.EPSILON * spread) ** 2;
        expect(relClose(merged.m2, one.m2, 1e-12, Math.max(one.m2, floor))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('order of merging does not matter: ((a+b)+c) = (a+(b+c)) to rounding', () => {
    const a = Moments.of(new Float64Array([1, 2, 3]));
    const b = Moments.of(new Float64Array([10, 20]));
    const c = Moments.of(new Float64Array([-5, 7, 8, 9]));
    const left = a.clone().merge(b).merge(c);
    const right = a.clone().merge(b.clone().merge(c));
    expect(left.mean).toBeCloseTo(right.mean, 13);
    expect(left.m2).toBeCloseTo(right.m2, 10);
  });

  it('keeps the variance of 1e9 + small noise (catastrophic cancellation)', () => {
    const n = 10_000;
    const noise = new Float64Array(n);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      noise[i] = ((i * 7919) % 101) / 128 - 0.39; // exactly representable next to 1e9 after adding
      x[i] = 1e9 + noise[i]!;
    }
    for (let i = 0; i < n; i++) noise[i] = x[i]! - 1e9; // the noise actually stored
    const truth = Moments.of(noise);
    // One pass, and in uneven batches merged.
    const one = Moments.of(x);
    const merged = new Moments();
    for (let s = 0; s < n; s += 777) merged.merge(new Moments().addBatch(x, s, Math.min(n, s + 777)));
    // One pass: the corrected two-pass formula is accurate to rounding.
    expect(Math.abs(one.variance() / truth.variance() - 1)).toBeLessThan(1e-12);
    // Merged: each batch mean is stored as a float64 near 1e9 (ulp 1.2e-7), so the δ² term of the merge
    // carries an error ~ ulp·|δ|·n that no (n, mean, M2) representation can avoid; still ~1e-10 here.
    expect(Math.abs(merged.variance() / truth.variance() - 1)).toBeLessThan(1e-8);
    for (const m of [one, merged]) expect(Math.abs(m.mean - 1e9 - truth.mean)).toBeLessThan(1e-6);
    // The textbook one-pass formula fails here, which is why it is not used.
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      s += x[i]!;
      ss += x[i]! * x[i]!;
    }
    const naive = (ss - (s * s) / n) / (n - 1);
    expect(Math.abs(naive / truth.variance() - 1)).toBeGreaterThan(1e-2);
  });

  it('add(x) one at a time equals addBatch', () => {
    const x = new Float64Array([0.1, 0.7, -3, 2.5, 1e-3]);
    const m = new Moments();
    for (const v of x) m.add(v);
    const b = Moments.of(x);
    expect(m.mean).toBeCloseTo(b.mean, 15);
    expect(m.m2).toBeCloseTo(b.m2, 14);
  });

  it('empty and single-value summaries', () => {
    const e = new Moments();
    expect(e.count).toBe(0);
    expect(e.mean).toBeNaN();
    expect(e.variance()).toBeNaN();
    expect(new Moments().add(2).variance()).toBeNaN();
    expect(e.merge(new Moments()).count).toBe(0);
    expect(new Moments().merge(Moments.of(new Float64Array([1, 3]))).mean).toBe(2);
  });

  it('rejects a batch range outside the array', () => {
    const x = new Float64Array(3);
    expect(() => new Moments().addBatch(x, -1, 2)).toThrow(PathwiseRangeError);
    expect(() => new Moments().addBatch(x, 0, 4)).toThrow(PathwiseRangeError);
    expect(() => new Moments().addBatch(x, 0.5, 2)).toThrow(PathwiseRangeError);
    expect(new Moments().addBatch(x, 2, 1).count).toBe(0);
  });

  it('propagates NaN', () => {
    expect(Moments.of(new Float64Array([1, Number.NaN, 2])).mean).toBeNaN();
  });

  it('round-trips through JSON, including the empty summary', () => {
    const m = Moments.of(new Float64Array([1.5, 2.25, -7]));
    const back = Moments.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(back.toJSON()).toEqual(m.toJSON());
    const empty = Moments.fromJSON(JSON.parse(JSON.stringify(new Moments())));
    expect(empty.count).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(() => Moments.fromJSON({ count: -1, mean: 0, m2: 0 })).toThrow(PathwiseRangeError);
    expect(() => Moments.fromJSON({ count: 2, mean: 'x', m2: 0 })).toThrow(PathwiseTypeError);
    expect(() => Moments.fromJSON(null)).toThrow(PathwiseTypeError);
  });
});
