/**
 * What the commands print is readable and reusable: tables fit the terminal (or 80 columns when piped)
 * with no trailing spaces, one vocabulary ('z vs exact', 'biased'), and every --json object carries the
 * version, the inputs that reproduce the run and the units of its numbers.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo, OutStream } from '../../src/cli/common.js';
import { VERSION } from '../../src/version.js';

class Sink implements OutStream {
  text = '';
  constructor(readonly isTTY: boolean, readonly columns?: number) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function run(args: readonly string[], tty?: { columns: number }, env: Record<string, string> = {}) {
  const stdout = new Sink(tty !== undefined, tty?.columns), stderr = new Sink(false);
  const io: CliIo = { stdout, stderr, env: { NO_COLOR: '1', ...env } };
  const code = await main(args, { io, checkOnly: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
const DIGITAL = ['greeks', '--payoff', 'digital-call', '--spot', '100', '--strike', '100', '--rate', '0.05', '--vol', '0.2', '--maturity', '1', '--paths', '4000'];

describe('command-line output', () => {
  it('greeks --method all fits the terminal, 80 columns when piped, with no trailing spaces', async () => {
    for (const [tty, env, limit] of [[undefined, {}, 80], [{ columns: 100 }, {}, 100], [{ columns: 64 }, {}, 64], [undefined, { COLUMNS: '120' }, 120]] as const) {
      const r = await run([...DIGITAL, '--method', 'all'], tty, env);
      expect(r.code, r.stderr).toBe(0);
      expect(widest(r.stdout), `${limit} columns`).toBeLessThanOrEqual(limit);
      expect(r.stdout).not.toMatch(/ $/m);
      // the reasons are all there, wrapped or under their rows
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('built on the pathwise delta, which is biased because the payoff applies a jump (step) to a value derived from spot');
    }
  });

  it('greeks says z vs exact and biased, never err/se or BIASED', async () => {
    const r = await run([...DIGITAL, '--method', 'all', '--greeks', 'delta']);
    expect(r.stdout).toContain('z vs exact');
    expect(r.stdout).not.toMatch(/err\/se|BIASED/);
  });

  it('greeks --json carries the version, every input and the units', async () => {
    const r = await run([...DIGITAL, '--greeks', 'delta,vega', '--method', 'lr,fd', '--seed', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, any>;   // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.command).toBe('greeks');
    expect(out.version).toBe(VERSION);
    expect(out.inputs).toEqual({
      model: { kind: 'bs' },
      payoff: { kind: 'digital-call', strike: 100 },
      market: { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 },
      greeks: ['delta', 'vega'], methods: ['lr', 'fd'], paths: 4000, seed: 5, steps: 1, qmc: null, blockSize: 16384,
    });
    expect(Object.keys(out.units)).toEqual(expect.arrayContaining(['price', 'delta', 'vega', 'theta', 'stderr']));
  });

  it('compare: a flat table in the terminal width, lower-case biased, units in the header and the JSON', async () => {
    const args = ['compare', 'examples/digital-threshold.ts', '--estimators', 'pathwise,score,auto', '--samples', '4000', '--seed', '3'];
    const table = await run(args);
    expect(table.code, table.stderr).toBe(0);
    expect(widest(table.stdout)).toBeLessThanOrEqual(80);
    expect(table.stdout).not.toMatch(/ $/m);
    expect(table.stdout).not.toMatch(/BIASED|\[object Object\]/);
    expect(table.stdout).toMatch(/^pathwise +mu +0 +0 +0 +\S+ +0\n {4}biased$/m);
    expect(table.stdout).toMatch(/µs\/sample +variance × µs\n/);
    const json = await run([...args, '--json']);
    const out = JSON.parse(json.stdout) as Record<string, any>;   // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.version).toBe(VERSION);
    expect(out.inputs).toEqual({ file: 'examples/digital-threshold.ts', samples: 4000, seed: 3, estimators: ['pathwise', 'score', 'auto'], baseline: 'loo', keepSamples: 4000 });
    expect(out.units.secondsPerSample).toMatch(/^s /);
    expect(out.units.workNormalizedVariance).toMatch(/variance × secondsPerSample/);
  });

  it('sde --json carries the version, the inputs and the units', async () => {
    const r = await run(['sde', '--model', 'gbm', '--mode', 'forward', '--paths', '200', '--steps', '10', '--seed', '4', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, any>;   // eslint-disable-line @typescript-eslint/no-explicit-any
    expect([out.command, out.version]).toEqual(['sde', VERSION]);
    expect(out.inputs).toEqual({ model: 'gbm', modes: ['forward'], paths: 200, steps: 10, seed: 4 });
    expect(out.units.grad).toMatch(/∂E\[X_T\]/);
  });
});
