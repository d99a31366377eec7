import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/random/index.js';
import fixture from '../fixtures/random/normal-quantile.json' with { type: 'json' };

describe('normalQuantile (AS 241) against mpmath at 50 digits', () => {
  it('has relative error ≤ 1e-15 over the whole range, |z| up to 37.7', () => {
    let worst = 0;
    let beyond8 = 0;
    for (const [ps, zs] of fixture.rows as [string, string][]) {
      const p = Number(ps);
      const z = Number(zs);
      const got = normalQuantile(p);
      const err = z === 0 ? Math.abs(got) : Math.abs(got - z) / Math.abs(z);
      if (Math.abs(z) > 8) beyond8++;
      worst = Math.max(worst, err);
      if (!(err <= 1e-15)) expect.fail(`p = ${ps}: got ${got}, expected ${zs}, relative error ${err} > 1e-15`);
    }
    expect(beyond8).toBeGreaterThan(200);
    expect(worst).toBeLessThan(1e-15);
  });

  it('is antisymmetric and exact at the centre', () => {
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [2 ** -40, 2 ** -7, 0.1875, 0.40625]) expect(normalQuantile(1 - p)).toBe(-normalQuantile(p));  // 1 − p exact
    expect(normalQuantile(0.25)).toBe(-normalQuantile(0.75));
  });

  it('maps the ends to infinities and invalid input to NaN', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  it('has no jump at the branch boundaries (monotone up to rounding)', () => {
    for (const p0 of [0.075, 0.925, Math.exp(-25)]) {
      let prev = normalQuantile(p0 * (1 - 1e-12));
      for (let k = -1000; k <= 1000; k++) {
        const z = normalQuantile(p0 * (1 + k * 1e-15));
        expect(z).toBeGreaterThanOrEqual(prev - 4e-16 * Math.abs(prev));
        prev = z;
      }
    }
  });
});
