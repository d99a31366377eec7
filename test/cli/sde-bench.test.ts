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
    // The truth derived here, not taken from the code under test. The drift is linear, so the Euler means obey
    // s_m ← s_m + (1 − γ_m s_m)h, s_p ← s_p + (k_p s_m − γ_p s_p)h from 0 (x0 is a fixed number): with a = 1 − γ_m h
    // and b = 1 − γ_p h, s_m,j = (1 − a^j)/γ_m and s_p,N = (h k_p/γ_m)[(1 − b^N)/(γ_p h) − (b^N − a^N)/(b − a)].
    const gm = 1, kp = 2, gp = 0.5, T = 2, N = 40, h = T / N, A = 1 - gm * h, B = 1 - gp * h;
    const euler = ((h * kp) / gm) * ((1 - B ** N) / (gp * h) - (B ** N - A ** N) / (B - A));
    expect(Math.abs(out.closedForm.euler - euler)).toBeLessThan(1e-12 * euler);
    expect(Math.abs(f.mean - euler)).toBeLessThan(5 * f.stderr);
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
