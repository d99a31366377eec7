import { describe, expect, it } from 'vitest';
import { PathwiseRangeError, PathwiseTypeError } from '../../src/errors.js';
import { key, normalQuantile, sobol, sobolNormal, SOBOL_MAX_DIMS, split, uniform } from '../../src/random/index.js';
import fixture from '../fixtures/random/sobol-scipy.json' with { type: 'json' };
import { expectKS } from './stat-helpers.js';

describe('Sobol points (Joe–Kuo new-joe-kuo-6.21201)', () => {
  it('starts with the published first points in dimensions 1–5', () => {
    expect(Array.from(sobol(5, 5))).toEqual([
      0, 0, 0, 0, 0,
      0.5, 0.5, 0.5, 0.5, 0.5,
      0.75, 0.25, 0.25, 0.25, 0.75,
      0.25, 0.75, 0.75, 0.75, 0.25,
      0.375, 0.375, 0.625, 0.875, 0.375,
    ]);
  });

  it(`equals SciPy's first 128 points in low and high dimensions, up to ${SOBOL_MAX_DIMS}`, () => {
    expect(SOBOL_MAX_DIMS).toBeGreaterThanOrEqual(1111);
    const pts = sobol(128, SOBOL_MAX_DIMS);
    const dims = fixture.dims as number[];
    let bad = 0;
    for (let i = 0; i < 128; i++) {
      for (let c = 0; c < dims.length; c++) if (pts[i * SOBOL_MAX_DIMS + dims[c]! - 1] !== fixture.points[i]![c]) bad++;
    }
    expect(bad).toBe(0);
  });

  it('is exact at 2^32 scale: 2^m points of any dimension form a (t, m)-net row count per dyadic interval', () => {
    // every dimension of the first 2^10 points hits each interval [k/1024, (k+1)/1024) exactly once
    const pts = sobol(1024, 64);
    for (let d = 0; d < 64; d++) {
      const seen = new Uint8Array(1024);
      for (let i = 0; i < 1024; i++) seen[Math.floor(pts[i * 64 + d]! * 1024)]! += 1;
      expect(seen.every((c) => c === 1)).toBe(true);
    }
  });

  it('skip starts anywhere: the same points as the tail of a longer run, also past 2^31', () => {
    const full = sobol(40, 7);
    expect(sobol(13, 7, { skip: 27 })).toEqual(full.subarray(27 * 7));
    const far = sobol(4, 3, { skip: 2 ** 31 - 2 });
    expect(sobol(2, 3, { skip: 2 ** 31 })).toEqual(far.subarray(6));
    for (const x of sobol(3, 3, { skip: 2 ** 32 - 3 })) expect(x >= 0 && x < 1).toBe(true);
  });

  it('randomized points are keyed, independent of n and skip, inside (0, 1), and uniform', () => {
    for (const scramble of ['shift', 'lms', 'owen'] as const) {
      const k = key(99);
      const a = sobol(64, 6, { key: k, scramble });
      expect(sobol(32, 6, { key: k, scramble, skip: 32 })).toEqual(a.subarray(32 * 6));
      expect(sobol(64, 6, { key: key(100), scramble })).not.toEqual(a);
      for (const x of a) expect(x > 0 && x < 1).toBe(true);
      // point 5 of independent replicates is uniform in each coordinate
      const reps = new Float64Array(2000);
      const ks = split(key(7), 2000);
      for (let r = 0; r < 2000; r++) reps[r] = sobol(1, 3, { key: ks[r]!, scramble, skip: 5 })[2]!;
      expectKS(`sobol ${scramble} replicate`, reps, (x) => x);
    }
  });

  it('sobolNormal is the inverse normal CDF of the same points', () => {
    const u = sobol(50, 4, { key: key(1) });
    const z = sobolNormal(50, 4, { key: key(1) });
    for (let i = 0; i < u.length; i++) expect(z[i]).toBe(normalQuantile(u[i]!));
    expect(sobolNormal(1, 2)[0]).toBe(-Infinity);   // plain point 0: documented
  });

  it('validates its arguments', () => {
    expect(() => sobol(4, SOBOL_MAX_DIMS + 1)).toThrow(/sobol: dims must be in \[1, 4096\], got 4097/);
    expect(() => sobol(4, 0)).toThrow(PathwiseRangeError);
    expect(() => sobol(4, 2, { skip: 2 ** 32 - 2 })).toThrow(/skip \+ n must not exceed 2\^32/);
    expect(() => sobol(4, 2, { scramble: 'lms' })).toThrow(/scramble "lms" needs a key/);
    expect(() => sobol(4, 2, { key: key(1), scramble: 'bad' as never })).toThrow(PathwiseTypeError);
  });
});

describe('randomized QMC convergence on a smooth 8-dimensional integrand', () => {
  // f(x) = exp(Σ x_j / j): smooth, with decaying importance of later coordinates; ∫f = Π j(e^{1/j} − 1)
  const D = 8;
  let exact = 1;
  for (let j = 1; j <= D; j++) exact *= j * (Math.exp(1 / j) - 1);
  const f = (pts: Float64Array, n: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < D; j++) e += pts[i * D + j]! / (j + 1);
      s += Math.exp(e);
    }
    return s / n;
  };
  const slope = (ns: number[], rmse: number[]): number => {
    const xs = ns.map(Math.log);
    const ys = rmse.map(Math.log);
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < xs.length; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; }
    return sxy / sxx;
  };
  const ns = [2 ** 7, 2 ** 8, 2 ** 9, 2 ** 10, 2 ** 11, 2 ** 12, 2 ** 13];
  const R = 16;

  function rmse(estimate: (n: number, r: number) => number): number[] {
    return ns.map((n) => {
      let s = 0;
      for (let r = 0; r < R; r++) s += (estimate(n, r) - exact) ** 2;
      return Math.sqrt(s / R);
    });
  }

  it('scrambled Sobol (LMS and nested) decays with slope ≤ −0.85, plain Monte Carlo with ≈ −0.5', () => {
    const keys = split(key(2026), R);
    const lms = rmse((n, r) => f(sobol(n, D, { key: keys[r]! }), n));
    const owen = rmse((n, r) => f(sobol(n, D, { key: keys[r]!, scramble: 'owen' }), n));
    const mc = rmse((n, r) => f(uniform(keys[r]!, n * D), n));
    const sLms = slope(ns, lms);
    const sOwen = slope(ns, owen);
    const sMc = slope(ns, mc);
    expect(sLms, `LMS RMSE ${lms.join(', ')}`).toBeLessThanOrEqual(-0.85);
    expect(sOwen, `Owen RMSE ${owen.join(', ')}`).toBeLessThanOrEqual(-0.85);
    expect(sMc, `MC RMSE ${mc.join(', ')}`).toBeGreaterThan(-0.7);
    expect(sMc).toBeLessThan(-0.3);
    expect(lms[lms.length - 1]!).toBeLessThan(mc[mc.length - 1]! / 10);
  });
});
