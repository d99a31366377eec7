/** `pathwise sde` and `pathwise bench`: real runs against closed forms, and usage errors. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('pathwise sde', () => {
  it('forward and adjoint agree and match the Euler moment equations (JSON)', () => {
    const r = runCli(['sde', '--mode', 'forward,adjoint', '--paths', '2000', '--steps', '40', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      results: Record<string, { grad: { km: { mean: number; stderr: number } } }>;
      closedForm: { euler: number };
    };
    const f = out.results.forward!.grad.km, a = out.results.adjoint!.grad.km;
    expect(Math.abs(f.mean - a.mean)).toBeLessThan(1e-10 * Math.abs(f.mean));
    expect(Math.abs(f.mean - out.closedForm.euler)).toBeLessThan(5 * f.stderr);
  });
  it('usage errors exit 2 with one line', () => {
    for (const [args, msg] of [
      [['sde', '--model', 'heat'], /--model: expected one of gene, gbm/],
      [['sde', '--mode', 'forward,magic'], /--mode: .*unknown: magic/],
      [['sde', '--paths', '0'], /--paths: must be an integer ≥ 2/],
      [['bench', 'nonsense'], /unknown benchmark/],
    ] as const) {
      const r = runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(msg);
    }
  });
});
