/** `pathwise compare FILE`: argument handling, exit codes, and a real comparison in JSON. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

describe('pathwise compare', () => {
  it('compares estimators on an example and flags the biased one (JSON)', () => {
    const r = runCli(['compare', 'examples/digital-threshold.ts', '--estimators', 'pathwise,score,auto', '--samples', '40000', '--seed', '3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: { estimator: string; biased: boolean; components: { name: string; mean: number; stderr: number }[] }[] };
    expect(out.rows.map((x) => [x.estimator, x.biased])).toEqual([['pathwise', true], ['score', false], ['auto', false]]);
    const truth = Math.exp(-0.5 * 0.2 * 0.2) / Math.sqrt(2 * Math.PI);
    const score = out.rows[1]!.components[0]!;
    expect(Math.abs(score.mean - truth)).toBeLessThan(5 * score.stderr);
  });
  it('writes a report with histograms and convergence plots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathwise-compare-'));
    const r = runCli(['compare', 'examples/gaussian-quadratic.ts', '--samples', '20000', '--report', dir, '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { sections: { id: string; plots?: unknown[] }[]; meta: Record<string, any> };   // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(report.sections.map((s) => s.id)).toEqual(['summary', 'parameter-0', 'parameter-1']);
    expect(report.meta.inputs).toEqual({ file: 'examples/gaussian-quadratic.ts', samples: 20000, seed: 1, estimators: ['pathwise', 'score', 'mvd', 'fd'], baseline: 'loo', keepSamples: 20000 });
    expect(report.meta.units.workNormalizedVariance).toMatch(/variance × secondsPerSample/);
    expect(report.sections[1]!.plots!.length).toBe(2);
  });
  it('usage errors: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['compare', 'examples/gaussian-quadratic.ts', '--samples', '-5'], /^pathwise: --samples: must be an integer ≥ 2 \(a standard error needs two samples\) \(got "-5"\)$/],
      [['compare', 'examples/gaussian-quadratic.ts', '--estimators', 'pathwise,magic'], /^pathwise: --estimators: .*unknown: magic/],
      [['compare', 'no/such/file.ts'], /^pathwise: file not found: no\/such\/file.ts$/],
      [['compare', 'test/cli/fixtures/no-default.ts'], /has no default export; export default \{ objective, params \}$/],
      [['compare', 'test/cli/fixtures/not-an-objective.ts'], /the default export must be \{ objective, params \}/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});
