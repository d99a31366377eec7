import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Run { code: number | null; stdout: string; stderr: string }

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'greeks', ...args], { cwd: process.cwd(), env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const BASE = ['--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1'];

describe('pathwise greeks (command line)', () => {
  it('bad flag values and unknown payoffs: one line naming the flag and value, exit code 2', async () => {
    const [badNumber, badPayoff, missing, badBarrier, hugeVol] = await Promise.all([
      cli([...BASE.slice(0, 6), '--vol', 'abc', '--maturity', '1']),
      cli([...BASE, '--payoff', 'lookback']),
      cli(['--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2']),
      cli([...BASE, '--payoff', 'barrier', '--barrier', '120', '--barrier-type', 'down-out']),
      cli([...BASE.slice(0, 6), '--vol', '1000', '--maturity', '1', '--paths', '2000']),
    ]);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr.trim().split('\n')).toHaveLength(1);
    expect(badNumber.stderr).toMatch(/--vol/);
    expect(badNumber.stderr).toMatch(/abc/);
    expect(badPayoff.code).toBe(2);
    expect(badPayoff.stderr.trim().split('\n')).toHaveLength(1);
    expect(badPayoff.stderr).toMatch(/--payoff.*lookback/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--maturity is required/);
    expect(badBarrier.code).toBe(2);
    expect(badBarrier.stderr).toMatch(/--barrier/);
    // a Monte Carlo that would print 0 ± 0 for a price of 100 is refused, in one line naming the input
    expect(hugeVol.code).toBe(2);
    expect(hugeVol.stderr.trim().split('\n')).toHaveLength(1);
    expect(hugeVol.stderr).toMatch(/vol·√maturity must be ≤ 5.*1000/);
  });

  it('--json prints one object with the documented shape, and nothing on stderr', async () => {
    const r = await cli([...BASE, '--payoff', 'digital-call', '--greeks', 'delta,gamma', '--method', 'all', '--paths', '20000', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, any>;   // eslint-disable-line @typescript-eslint/no-explicit-any
    // Digital call, S = K = 100, r = 0.05, σ = 0.2, T = 1: price e^{−rT}N(d₂), delta e^{−rT}φ(d₂)/(Sσ√T),
    // gamma −e^{−rT}φ(d₂)d₁/(S²σ²T) (scipy.stats.norm, computed once).
    const exact = { price: 0.5323248154537634, delta: 0.01876201734584689, gamma: -0.00032833530355232067 };
    const within = (e: { mean: number; stderr: number }, truth: number) => {
      expect(e.stderr).toBeGreaterThan(0);
      expect(Math.abs(e.mean - truth), `${e.mean} ± ${e.stderr} vs ${truth}`).toBeLessThanOrEqual(5 * e.stderr);
    };
    within(out.price as { mean: number; stderr: number }, exact.price);
    expect(Object.keys(out.greeks)).toEqual(['delta', 'gamma']);
    expect(out.greeks.delta.pathwise).toMatchObject({ mean: 0, biased: true });
    within(out.greeks.delta.lr as { mean: number; stderr: number }, exact.delta);
    expect(out.greeks.delta.auto.chosen).toBe('lr');
    for (const k of ['price', 'delta', 'gamma'] as const) expect(Math.abs(out.closedForm[k] - exact[k]), k).toBeLessThanOrEqual(1e-10 * Math.abs(exact[k]));
  });

  it('prints a table with estimates, stderr, closed form and the bias reasons', async () => {
    const r = await cli([...BASE, '--payoff', 'barrier', '--barrier', '85', '--barrier-type', 'down-out', '--steps', '10', '--greeks', 'delta', '--method', 'pathwise,auto', '--paths', '4000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/closed form/);
    expect(r.stdout).toMatch(/pathwise \(biased\)/);
    expect(r.stdout).toMatch(/conditional/);
  });
});
