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
  // One malloc arena: glibc's per-thread arenas (V8's GC threads) otherwise add tens of MB of noise to RSS
  // that has nothing to do with what the run holds.
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, String(steps), '4096'], { encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '1' } });
  return (JSON.parse(out.trim().split('\n').pop()!) as { rssMB: number }).rssMB;
};

describe('memory flat in steps', () => {
  it('Heston forward mode: 1,000 steps within the memory of 100 steps + 10 %', () => {
    const short = peak(100), long = peak(1000);
    expect(long).toBeLessThan(1.1 * short);
  }, 180_000);
});
