import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFormat, reportToJson, writeReport } from '../../src/report/index.js';
import { hostileName, sampleReport } from './sample-report.js';

describe('writeReport', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes index.html with one inline SVG per plot and report.json with every number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pathwise-report-'));
    dirs.push(dir);
    const report = sampleReport();
    const { htmlPath, jsonPath } = await writeReport(report, join(dir, 'nested', 'out'));
    expect(htmlPath).toBe(join(dir, 'nested', 'out', 'index.html'));

    const html = await readFile(htmlPath, 'utf8');
    const plots = report.sections.reduce((n, s) => n + (s.plots?.length ?? 0), 0);
    expect(html.match(/<svg\b/g)).toHaveLength(plots);
    expect(html.includes('<img')).toBe(false);
    // The only URLs in the page are XML namespace names, which are never fetched.
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')).not.toMatch(/https?:\/\//);

    const text = await readFile(jsonPath, 'utf8');
    expect(text).toBe(reportToJson(report));
    expect(text.includes('<svg')).toBe(false);
    const json = JSON.parse(text);
    expect(json.format).toBe(reportFormat.name);
    expect(json.meta).toEqual(report.meta);
    // Table numbers round-trip exactly; NaN is kept as the string "NaN" instead of null.
    const table = json.sections[0].tables[0];
    expect(table.rows).toEqual([
      ['pathwise', 1, 0, 100000],
      ['score', 1.0042731, 0.0049871234, 100000],
      [hostileName, 'NaN', null, 0],
    ]);
    expect(table.columns.map((c: { name: string }) => c.name)).toEqual(['estimator', 'mean', 'stderr', 'n']);
    // Plot data is there (binned histogram, subsampled scatter), not the SVG.
    const spec = report.sections[0]!.plots![1]!.spec as { data: { values: unknown[] } };
    expect(json.sections[0].plots[1].spec.data.values).toEqual(spec.data.values);
    expect(json.sections[0].plots[1].caption).toBe('Pathwise: a single bar at 1.');
  });
});
