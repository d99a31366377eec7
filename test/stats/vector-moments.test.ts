import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CoMoments, Moments, VectorMoments } from '../../src/stats/index.js';
import { PathwiseRangeError } from '../../src/errors.js';

function column(values: Float64Array, k: number, j: number): Float64Array {
  const out = new Float64Array(values.length / k);
  for (let r = 0; r < out.length; r++) out[r] = values[r * k + j]!;
  return out;
}

const rows = (k: number) =>
  fc
    .array(
      // Values whose products would underflow are flushed to 0 (no relative accuracy exists down there).
      fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v)),
      { minLength: 2 * k, maxLength: 60 * k },
    )
    .map((a) => Float64Array.from(a.slice(0, a.length - (a.length % k))));

describe('VectorMoments', () => {
  it('each column equals the scalar Moments of that column', () => {
    const k = 3;
    const x = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i * 1.3) * 10 + (i % 3));
    const vm = new VectorMoments(k).addBatch(x);
    for (let j = 0; j < k; j++) {
      const m = Moments.of(column(x, k, j));
      expect(vm.mean[j]).toBeCloseTo(m.mean, 14);
      expect(vm.m2[j]).toBeCloseTo(m.m2, 11);
      expect(vm.variance(j)).toBeCloseTo(m.variance(), 12);
    }
  });

  it('a narrow batch (column by column) gives the bits of a wide one (row by row) (property)', () => {
    // Widths up to 8 take the column-wise path; padding the same columns out to width 11 takes the row-wise one.
    fc.assert(
      fc.property(rows(3), (x) => {
        const n = x.length / 3, wide = new Float64Array(n * 11);
        for (let r = 0; r < n; r++) for (let j = 0; j < 11; j++) wide[r * 11 + j] = j < 3 ? x[r * 3 + j]! : r * j;
        const a = new VectorMoments(3).addBatch(x), b = new VectorMoments(11).addBatch(wide);
        for (let j = 0; j < 3; j++) {
          expect(Object.is(a.mean[j], b.mean[j]), `mean ${j}`).toBe(true);
          expect(Object.is(a.m2[j], b.m2[j]), `m2 ${j}`).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('merging any row split equals one pass (property)', () => {
    const k = 2;
    fc.assert(
      fc.property(rows(k), fc.nat(), (x, cut) => {
        const n = x.length / k;
        const c = (cut % (n + 1)) * k;
        const one = new VectorMoments(k).addBatch(x);
        const merged = new VectorMoments(k).addBatch(x.subarray(0, c)).merge(new VectorMoments(k).addBatch(x.subarray(c)));
        for (let j = 0; j < k; j++) {
          expect(Math.abs(merged.mean[j]! - one.mean[j]!)).toBeLessThanOrEqual(1e-12 * 1e3);
          expect(Math.abs(merged.m2[j]! - one.m2[j]!)).toBeLessThanOrEqual(1e-12 * Math.max(one.m2[j]!, n * (Number.EPSILON * 1e3) ** 2));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through JSON and validates its inputs', () => {
    const vm = new VectorMoments(2).addBatch(new Float64Array([1, 2, 3, 5]));
    expect(VectorMoments.fromJSON(JSON.parse(JSON.stringify(vm))).toJSON()).toEqual(vm.toJSON());
    const empty = VectorMoments.fromJSON(JSON.parse(JSON.stringify(new VectorMoments(3))));
    expect(empty.k).toBe(3);
    expect(empty.mean[0]).toBeNaN();
    expect(() => new VectorMoments(0)).toThrow(PathwiseRangeError);
    expect(() => new VectorMoments(2).addBatch(new Float64Array(3))).toThrow(PathwiseRangeError);
    expect(() => new VectorMoments(2).merge(new VectorMoments(3))).toThrow(PathwiseRangeError);
  });
});

describe('CoMoments', () => {
  it('matches the direct covariance formula', () => {
    const k = 3;
    const n = 50;
    const x = new Float64Array(n * k);
    for (let r = 0; r < n; r++) {
      const s = Math.cos(r * 0.7);
      x[r * k] = s;
      x[r * k + 1] = 3 * s + Math.sin(r * 2.1);
      x[r * k + 2] = r;
    }
    const cm = new CoMoments(k).addBatch(x);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const xi = column(x, k, i);
        const xj = column(x, k, j);
        const mi = xi.reduce((a, b) => a + b, 0) / n;
        const mj = xj.reduce((a, b) => a + b, 0) / n;
        let c = 0;
        for (let r = 0; r < n; r++) c += (xi[r]! - mi) * (xj[r]! - mj);
        expect(cm.covariance(i, j)).toBeCloseTo(c / (n - 1), 11);
      }
    }
    const vm = new VectorMoments(k).addBatch(x);
    for (let j = 0; j < k; j++) expect(cm.variance(j)).toBeCloseTo(vm.variance(j), 11);
  });

  it('recovers an exact linear relation as the regression coefficient', () => {
    // y = f·s with a baseline-like control c = s: here y = 2.5·c + 1 exactly, so β = 2.5.
    const n = 1000;
    const x = new Float64Array(2 * n);
    for (let r = 0; r < n; r++) {
      const c = Math.sin(r) + 1e6; // offset: co-moments must not cancel catastrophically either
      x[2 * r] = 2.5 * (c - 1e6) + 1;
      x[2 * r + 1] = c;
    }
    const cm = new CoMoments(2);
    for (let s = 0; s < 2 * n; s += 2 * 137) cm.addBatch(x.subarray(s, Math.min(2 * n, s + 2 * 137)));
    expect(cm.regressionCoefficient(0, 1)).toBeCloseTo(2.5, 8);
  });

  it('merging any row split equals one pass (property)', () => {
    const k = 3;
    fc.assert(
      fc.property(rows(k), fc.nat(), fc.nat(), (x, c1, c2) => {
        const n = x.length / k;
        const [a, b] = [(c1 % (n + 1)) * k, (c2 % (n + 1)) * k].sort((p, q) => p - q) as [number, number];
        const one = new CoMoments(k).addBatch(x);
        const merged = new CoMoments(k)
          .addBatch(x.subarray(0, a))
          .merge(new CoMoments(k).addBatch(x.subarray(a, b)).merge(new CoMoments(k).addBatch(x.subarray(b))));
        expect(merged.count).toBe(one.count);
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            // Cauchy–Schwarz bound; square roots taken separately so tiny co-moments do not underflow.
            const scale = Math.sqrt(one.comoment[i * k + i]!) * Math.sqrt(one.comoment[j * k + j]!);
            expect(Math.abs(merged.comoment[i * k + j]! - one.comoment[i * k + j]!)).toBeLessThanOrEqual(1e-12 * Math.max(scale, n * (Number.EPSILON * 1e3) ** 2));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through JSON and validates its inputs', () => {
    const cm = new CoMoments(2).addBatch(new Float64Array([1, 2, 3, 5, 4, 4]));
    expect(CoMoments.fromJSON(JSON.parse(JSON.stringify(cm))).toJSON()).toEqual(cm.toJSON());
    expect(() => CoMoments.fromJSON({ count: 1, mean: [0, 0], comoment: [0] })).toThrow(PathwiseRangeError);
    expect(() => new CoMoments(1.5)).toThrow(PathwiseRangeError);
  });
});
