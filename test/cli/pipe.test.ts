/**
 * What needs a real process: a reader that closes the pipe early (`pathwise --help | head`) ends the
 * run quietly with exit code 0, and Ctrl-C (SIGINT) ends it with 130 as the shell reports it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('pipes and signals', () => {
  // `| true` closes the pipe before the first write, so the write always meets EPIPE (a `head` races).
  it('--help into a reader that has gone: no EPIPE error, exit 0', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" --import tsx src/cli/main.ts --help | true; echo "status $?"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('status 0');
  });
  it('a long --json stream into a reader that stops: quiet, exit 0', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" --import tsx src/cli/main.ts sde --paths 200 --steps 8 --mode forward --json | true; echo "status $?"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('status 0');
  });
  it('SIGINT ends the run at once (the shell reports 128 + 2 = 130)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sde', '--paths', '20000', '--steps', '2000', '--max-memory', '8GB', '--quiet'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 5000));
    const started = Date.now();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('close', (c, s) => r([c, s])));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(code === 130 || signal === 'SIGINT').toBe(true);
  }, 60_000);
  it('SIGINT during a run on worker threads stops the threads and exits 130', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sde', '--paths', '40000', '--steps', '2000', '--workers', '2', '--max-memory', '8GB', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((r) => setTimeout(r, 12_000));   // the pilot, then the threads start (tsx in each)
    const started = Date.now();
    child.kill('SIGINT');
    const [code] = await new Promise<[number | null, string | null]>((r) => child.on('close', (c, sig) => r([c, sig])));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(130);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pathwise: interrupted/)]);
  }, 90_000);
});
