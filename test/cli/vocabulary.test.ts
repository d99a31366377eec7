/**
 * One vocabulary in every table and message: a column comparing an estimate with its known value is
 * 'z vs exact' (not 'z', 'err/se' or 'z vs closed form'), and a biased estimate is 'biased' (not 'BIASED').
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|html)$/.test(name) ? [path] : [];
  });
}

describe('vocabulary', () => {
  it('says z vs exact and biased everywhere', () => {
    const found: string[] = [];
    for (const file of [...sources('src'), ...sources('playground/src'), ...sources('examples')]) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/BIASED|'err\/se'|z vs closed form|\[[^\]]*'closed form', 'z',/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
