/** The statistical checks of pathwise/testing must pass correct results and catch wrong ones. */
import { describe, expect, it } from 'vitest';
import { checkWithinStderr, ksTest, StatisticalCheckError } from '../../src/testing/index.js';
import { normal, uniform, key } from '../../src/random/index.js';
import { normCdf } from '../../src/finance/index.js';

describe('statistical checks', () => {
  it('checkWithinStderr passes within z standard errors and names the distance otherwise', () => {
    expect(() => checkWithinStderr({ mean: 1.04, stderr: 0.01 }, 1)).not.toThrow();
    expect(() => checkWithinStderr({ mean: 1.06, stderr: 0.01 }, 1)).toThrow(/6\.00 standard errors from 1 \(allowed 5\)/);
    expect(() => checkWithinStderr({ mean: 1, stderr: Number.NaN }, 1)).toThrow(StatisticalCheckError);
  });
  it('ksTest accepts normals against Φ and rejects uniforms against Φ', () => {
    expect(ksTest(normal(key(5), 20_000), normCdf).pValue).toBeGreaterThan(1e-6);
    expect(ksTest(uniform(key(5), 20_000), normCdf).pValue).toBeLessThan(1e-12);
  });
});
