/**
 * Greeks stream over time: memory is O(paths × state × inputs), never O(paths × steps). Heston at 1,000 steps
 * (a call by pathwise and vibrato, three forward lanes each; an Asian call, whose running average is
 * carried, not its path) must peak under the resident memory of 100 steps + 10 % (each in its own child
 * process, peak RSS from the kernel). Before the streaming path generation, a batch held every step's state
 * and tangents: 2.6 GB at 1e5 paths × 100 steps.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/greeks-heston-memory.ts', import.meta.url));
const peak = (steps: number): number => {
  // As in test/sde/memory.test.ts: a 1 MB nursery and one malloc arena leave what the run retains.
  const out = execFileSync(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', script, String(steps), '2048'], {
    encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '1' },
  });
  return (JSON.parse(out.trim().split('\n').pop()!) as { rssMB: number }).rssMB;
};

describe('greeks: memory flat in steps', () => {
  it('Heston call and Asian: 1,000 steps within the memory of 100 steps + 10 %', () => {
    const short = peak(100), long = peak(1000);
    expect(long).toBeLessThan(1.1 * short);
  }, 300_000);
});
