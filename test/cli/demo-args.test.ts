/** Argument handling and exit codes of the command line. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from './run-cli.js';
import { VERSION } from '../../src/cli/version.js';

describe('pathwise command line', () => {
  it('rejects a bad number with one line naming the flag and the value, exit 2', () => {
    const r = runCli(['demo', '--samples', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('pathwise: --samples: expected a number in decimal or exponent notation (e.g. 100, 0.05, 1e6) (got "abc")');
    expect(r.stdout).toBe('');
  });
  it('rejects an unknown command or option with exit 2 and no stack trace', () => {
    for (const args of [['bogus'], ['demo', '--bogus']]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
  it('prints help with examples and the version', () => {
    const help = runCli(['demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    const v = runCli(['--version']);
    expect(v.stdout.trim()).toBe(VERSION);
    const pkg = JSON.parse(readFileSync(new URL('../../packages/pathwise/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
