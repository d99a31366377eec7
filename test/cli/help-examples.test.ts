/**
 * Every example in every `--help` runs: each passes all the checks that precede computation (flags,
 * files, folders, budget), and those that fit in a small work budget (--max-work 1e7) run to the end.
 * Benchmarks are never run from tests; reports go to a temporary folder instead of the example's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathwise } from './in-process.js';

const out = mkdtempSync(join(tmpdir(), 'pathwise-help-examples-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The examples of one help text, as argument lists (a shell redirection is dropped). */
function examples(help: string): string[][] {
  return help.split('\n')
    .map((l) => /^\s*\$ pathwise\s+(.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined)
    .map((l) => l.replace(/\s*>.*$/, '').split(/\s+/).filter((a) => a !== ''));
}

/** Points --out/--report at a fresh temporary folder. */
function redirected(args: readonly string[], k: number): string[] {
  return args.map((a, i) => (i > 0 && (args[i - 1] === '--out' || args[i - 1] === '--report') ? join(out, `report-${k}`) : a));
}

describe('the --help examples', () => {
  it('every command has examples, and each one runs', async () => {
    const top = await pathwise(['--help']);
    expect(top.code).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) .*$/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(['demo', 'compare', 'greeks', 'train', 'sde', 'bench', 'worker']);
    const all: string[][] = [];
    for (const c of commands) {
      const h = await pathwise([c, '--help']);
      expect(h.code, c).toBe(0);
      const list = examples(h.stdout);
      expect(list.length, `${c} --help has examples`).toBeGreaterThan(0);
      all.push(...list);
    }
    const ranFully: string[] = [];
    for (const [k, example] of all.entries()) {
      const args = redirected(example, k);
      const name = example.join(' ');
      const checked = await pathwise(args, { checkOnly: true });
      expect(checked, name).toEqual({ code: 0, stdout: '', stderr: '' });
      if (args[0] === 'bench' || args[0] === 'worker') continue;   // benchmarks take minutes; a worker runs until stopped
      const r = await pathwise([...args, '--max-work', '1e7']);
      if (r.code === 2 && /over --max-work/.test(r.stderr)) continue;   // too long for a test: checked only
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stderr, name).toBe('');
      if (args.includes('--json')) expect(() => JSON.parse(r.stdout) as unknown, name).not.toThrow();
      ranFully.push(name);
    }
    expect(ranFully.length).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
