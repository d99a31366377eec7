/** Special functions against 50-digit mpmath references (scripts/gen-special-fixtures.py). */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';
import fixtures from '../fixtures/ad/special.json' with { type: 'json' };

const EPS = 2.220446049250313e-16;

function expectRel(got: number, want: number, k: number, what: string): void {
  const tol = k * EPS * Math.abs(want);
  const err = Math.abs(got - want);
  if (!(err <= tol || (want === 0 && err <= k * EPS))) {
    throw new Error(`${what}: got ${got}, expected ${want}, |diff| ${err.toExponential(3)} > ${tol.toExponential(3)}`);
  }
}

describe('special functions match high-precision references', () => {
  it('normLogCdf is accurate far in the lower tail and near 0 in the upper tail', () => {
    for (const [x, want] of fixtures.normLogCdf) expectRel(pw.normLogCdf(x!).item(), want!, 64, `normLogCdf(${x})`);
  });
  it('invMillsRatio (the derivative of normLogCdf)', () => {
    for (const [x, want] of fixtures.invMillsRatio) expectRel(pw.invMillsRatio(x!).item(), want!, 64, `invMillsRatio(${x})`);
  });
  it('normQuantile in both tails, down to 1e-300', () => {
    for (const [p, want] of fixtures.normQuantile) expectRel(pw.normQuantile(p!).item(), want!, 64, `normQuantile(${p})`);
  });
  it('normCdf by erfc keeps the lower tail', () => {
    // Rounding x/√2 perturbs erfc's argument by ε relative, hence a relative error up to ~x²ε: inherent
    // to Φ(x) = ½ erfc(−x/√2) in float64 (SciPy's ndtr has the same), and far below Monte Carlo noise.
    expectRel(pw.normCdf(-30).item(), 4.906713927148187e-198, 2 * 30 * 30, 'normCdf(-30)');  // mpmath.ncdf(-30)
  });
  it('lgamma, digamma, polygamma, erfc', () => {
    for (const [x, want] of fixtures.lgamma) expectRel(pw.lgamma(x!).item(), want!, 16, `lgamma(${x})`);
    for (const [x, want] of fixtures.digamma) expectRel(pw.digamma(x!).item(), want!, 64, `digamma(${x})`);
    for (const [n, x, want] of fixtures.polygamma) expectRel(pw.polygamma(n!, x!).item(), want!, 256, `polygamma(${n}, ${x})`);
    for (const [x, want] of fixtures.erfc) expectRel(pw.erfc(x!).item(), want!, 16, `erfc(${x})`);
  });
  it('logsumexp and softmax survive extreme logits', () => {
    expect(pw.logsumexp(pw.tensor([1000, 1000])).item()).toBeCloseTo(1000 + Math.LN2, 12);
    expect(pw.logsumexp(pw.tensor([-Infinity, -Infinity])).item()).toBe(-Infinity);
    expect(pw.softmax(pw.tensor([-1e4, 0, 1e4])).toArray()).toEqual([0, 0, 1]);
    expect(pw.logSoftmax(pw.tensor([0, 800])).toArray()).toEqual([-800, 0]);
  });
  it('rejects an invalid polygamma order', () => {
    expect(() => pw.polygamma(0, 1)).toThrow('polygamma: order n must be an integer ≥ 1, got 0');
  });
});
