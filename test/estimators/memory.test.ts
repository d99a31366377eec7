/** Memory stays bounded: 1e7 samples run in under 500 MB of resident memory (measured in a child process). */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expectWithin } from './helpers.js';

const script = fileURLToPath(new URL('./fixtures/ten-million.ts', import.meta.url));

describe('1e7 samples', () => {
  for (const estimator of ['pathwise', 'score'] as const) {
    it(`${estimator}: peak RSS under 500 MB, and the answer still right`, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, estimator], { encoding: 'utf8' });
      const r = JSON.parse(out) as { maxRssMB: number; mu: { mean: number; stderr: number }; sigma: { mean: number; stderr: number } };
      expect(r.maxRssMB).toBeLessThan(500);
      expectWithin(r.mu, 0.6);       // d/dμ E[z²] = 2μ
      expectWithin(r.sigma, 2.4);    // d/dσ E[z²] = 2σ
    });
  }
});
