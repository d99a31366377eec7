/** Ctrl-C stops a worker-thread run cleanly: exit code 130, one line, and the process ends by itself. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/interruptible-run.ts', import.meta.url));

describe('SIGINT', () => {
  it('stops the pool: exit 130, no thread keeps the process alive', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('running')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before running: ${stderr}`)));
    });
    const sent = Date.now();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    // Exiting on its own within seconds (not by the signal) means no thread or handle was left running.
    expect(signal).toBe(null);
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(stderr.trim()).toBe('pathwise: interrupted');
    expect(stdout).not.toContain('finished');
  });
});
