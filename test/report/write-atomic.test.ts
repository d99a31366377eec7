/**
 * A report is written whole or not at all: a write that fails midway leaves the previous report intact and
 * no partial or temporary file; folders that cannot hold a report are refused before anything is written.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PathwiseError, PathwiseRangeError } from '../../src/errors.js';
import { checkReportFolder, nodeReportFs, writeReport, type ReportFs } from '../../src/report/index.js';
import type { Report } from '../../src/report/index.js';

/** A report without plots (plots take a second to render and are not what is tested here). */
function sampleReport(): Report {
  return { title: 'a report', sections: [{ id: 'one', title: 'One', text: 'Some text.', tables: [{ columns: ['a', 'b'], rows: [[1, 2]] }] }], meta: { seed: 1, createdAt: '2026-11-30T00:00:00Z', version: '0' } };
}

const dirs: string[] = [];
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'pathwise-atomic-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** The real file system, except that the n-th writeFile writes the first half of its data, then fails. */
async function diskFullAt(n: number): Promise<ReportFs> {
  const real = await nodeReportFs();
  let calls = 0;
  return {
    ...real,
    async writeFile(path, data) {
      if (++calls === n) {
        await writeFile(path, data.slice(0, data.length >> 1), 'utf8');
        throw enospc();
      }
      return real.writeFile(path, data);
    },
  };
}

async function previousReport(): Promise<{ parent: string; out: string; html: string; json: string }> {
  const parent = scratch();
  const out = join(parent, 'report');
  const first = sampleReport();
  await writeReport({ ...first, title: 'the previous report' }, out);
  return { parent, out, html: readFileSync(join(out, 'index.html'), 'utf8'), json: readFileSync(join(out, 'report.json'), 'utf8') };
}

describe('writeReport is atomic', () => {
  for (const n of [1, 2]) {
    it(`a disk that fills up during write ${n} of 2 leaves the previous report and no temporary file`, async () => {
      const before = await previousReport();
      const err = await writeReport({ ...sampleReport(), title: 'the new report' }, before.out, { fs: await diskFullAt(n) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PathwiseError);
      expect((err as Error).message).toBe(`writeReport: cannot write ${before.out}: no space left on device (ENOSPC); any previous report there is unchanged`);
      expect(readdirSync(before.parent)).toEqual(['report']);
      expect(readdirSync(before.out).sort()).toEqual(['index.html', 'report.json']);
      expect(readFileSync(join(before.out, 'index.html'), 'utf8')).toBe(before.html);
      expect(readFileSync(join(before.out, 'report.json'), 'utf8')).toBe(before.json);
    });
  }
  it('a failed rename puts the previous report back', async () => {
    const before = await previousReport();
    const real = await nodeReportFs();
    let renames = 0;
    const fs: ReportFs = { ...real, rename: async (a, b) => (++renames === 2 ? Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) : real.rename(a, b)) };
    await expect(writeReport(sampleReport(), before.out, { fs })).rejects.toThrow(/^writeReport: cannot replace .*; any previous report there is unchanged$/);
    expect(readdirSync(before.parent)).toEqual(['report']);
    expect(readFileSync(join(before.out, 'index.html'), 'utf8')).toBe(before.html);
  });
  it('a new report replaces the previous one whole, and a missing folder is created', async () => {
    const before = await previousReport();
    await writeReport({ ...sampleReport(), title: 'the new report' }, before.out);
    expect(readdirSync(before.parent)).toEqual(['report']);
    expect(readFileSync(join(before.out, 'report.json'), 'utf8')).toMatch(/"the new report"/);
    const nested = join(before.parent, 'a', 'b', 'c');
    await writeReport(sampleReport(), nested);
    expect(readdirSync(nested).sort()).toEqual(['index.html', 'report.json']);
  });
});

describe('checkReportFolder refuses folders that cannot hold a report', () => {
  it('names the flag and the problem, and creates nothing', async () => {
    const d = scratch();
    writeFileSync(join(d, 'file.txt'), 'x');
    mkdirSync(join(d, 'mine'));
    writeFileSync(join(d, 'mine', 'notes.md'), 'keep me');
    const cases: [string, RegExp][] = [
      ['', /^--out: the report folder must be a non-empty path, got ""$/],
      ['   ', /^--out: the report folder must be a non-empty path/],
      ['.', /^--out: the report folder must not be the current folder or one of its parents, got "\."$/],
      ['..', /must not be the current folder or one of its parents/],
      [join(d, 'file.txt'), /^--out: the report folder must be a folder, got the file ".*file\.txt"$/],
      [join(d, 'file.txt', 'sub'), /^--out: ".*file\.txt\/sub" lies under a file, not a folder$/],
      [join(d, 'mine'), /^--out: ".*mine" holds files that are not a pathwise report \(notes\.md\); give a new or a report folder$/],
      ['/proc/forbidden', /^--out: cannot create a folder in \/proc: /],
      ['/proc/forbidden/deeper/still', /^--out: cannot create a folder in \/proc: /],
    ];
    for (const [dir, message] of cases) {
      const err = await checkReportFolder(dir, '--out').catch((e: unknown) => e);
      expect(err, dir).toBeInstanceOf(PathwiseRangeError);
      expect((err as Error).message, dir).toMatch(message);
    }
    expect(readdirSync(d).sort()).toEqual(['file.txt', 'mine']);
    expect(readdirSync(join(d, 'mine'))).toEqual(['notes.md']);
  });
  it('an unwritable folder is found by trying, and nothing is left behind', async () => {
    const d = scratch();
    const real = await nodeReportFs();
    const readOnly: ReportFs = { ...real, mkdir: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) };
    await expect(checkReportFolder(join(d, 'out'), '--report', readOnly)).rejects.toThrow(`--report: cannot create a folder in ${d}: permission denied (EACCES)`);
    expect(readdirSync(d)).toEqual([]);
    await expect(checkReportFolder(join(d, 'out'), '--report')).resolves.toEqual({ root: join(d, 'out'), exists: false, missing: [join(d, 'out')] });
    expect(readdirSync(d)).toEqual([]);
  });
});
