/** compare() rows, flattened and printed: plain records that console.table and templates print as numbers. */
import { describe, expect, it } from 'vitest';
import * as pw from '../../src/index.js';

describe('flattenCompareRows / formatCompareRows', () => {
  const objective = pw.expectation<{ mu: number; s: number }>((p, s) => pw.step(s.sample('z', pw.Normal(p.mu, p.s)).sub(0.3)));
  const rows = objective.compare({ mu: 0.1, s: 1 }, { estimators: ['pathwise', 'score'], samples: 2000, seed: 1 });
  const discrete = pw.expectation<{ t: number }>((p, s) => s.sample('b', pw.Bernoulli({ logits: p.t })));
  const notApplicable = discrete.compare({ t: 0.2 }, { estimators: ['pathwise', 'score'], samples: 2000, seed: 1 });

  it('gives one record of numbers and strings per estimator and parameter', () => {
    const flat = pw.flattenCompareRows(rows);
    expect(flat.map((r) => [r.estimator, r.parameter, r.biased, r.note])).toEqual([
      ['pathwise', 'mu', true, 'biased'], ['pathwise', 's', true, 'biased'], ['score', 'mu', false, ''], ['score', 's', false, ''],
    ]);
    for (const r of flat) for (const v of Object.values(r)) expect(v === null || typeof v !== 'object').toBe(true);
    const score = flat[2]!;
    const c = rows[1]!.components[0]!;
    expect([score.gradient, score.stderr, score.variance, score.workNormalizedVariance]).toEqual([c.mean, c.stderr, c.variance, c.workNormalizedVariance]);
    expect(score.secondsPerSample).toBe(rows[1]!.secondsPerSample);
    expect(`${flat.map((r) => Object.values(r).join(' ')).join('\n')}`).not.toContain('[object Object]');
  });

  it('keeps an estimator that does not apply as one row with the reason', () => {
    const flat = pw.flattenCompareRows(notApplicable);
    expect(flat[0]).toMatchObject({ estimator: 'pathwise', parameter: null, gradient: null });
    expect(flat[0]!.note).toMatch(/^not applicable: /);
    expect(flat[1]).toMatchObject({ estimator: 'score', parameter: 't', biased: false });
  });

  it('prints the table pathwise compare prints, fitted to a width', () => {
    const text = pw.formatCompareRows(rows, { width: 80 });
    expect(text).toMatch(/estimator +parameter +gradient +stderr +variance +µs\/sample +variance × µs/);
    expect(text).toMatch(/^score +mu +\S+/m);
    expect(Math.max(...text.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/ $|\[object Object\]|BIASED/m);
    expect(pw.formatCompareRows(notApplicable)).toMatch(/^pathwise +— +— .*not applicable: /m);
  });
});
