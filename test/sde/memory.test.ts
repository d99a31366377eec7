/**
 * Forward sensitivities stream over time: memory is O(paths × state × parameters), never O(paths × steps).
 * Heston (3 tangent lanes) at 1,000 steps must peak under the resident memory of 100 steps + 10 % (each in its
 * own child process, peak RSS from the kernel).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/heston-memory.ts', import.meta.url));
const peak = (steps: number): number => {
  // Measurement hygiene, not a looser bound: V8 grows its young generation (up to 3 × 16 MB) with the
  // allocation rate and the machine's load, and glibc's per-thread arenas (V8's GC threads) add more; both
  // move RSS by tens of MB that the run does not hold. A 1 MB nursery and one arena leave what is retained.
  const out = execFileSync(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', script, String(steps), '4096'], {
    encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '1' },
  });
  return (JSON.parse(out.trim().split('\n').pop()!) as { rssMB: number }).rssMB;
};

describe('memory flat in steps', () => {
  it('Heston forward mode: 1,000 steps within the memory of 100 steps + 10 %', () => {
    const short = peak(100), long = peak(1000);
    expect(long).toBeLessThan(1.1 * short);
  }, 180_000);
});
