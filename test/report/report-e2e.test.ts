/**
 * End to end: a generated index.html opened in real headless Chromium. Checks that every plot's SVG is
 * displayed with its marks, that the page logs no error and requests nothing from the network, and saves a
 * screenshot to test-artifacts/report-e2e.png for a human to look at.
 */

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const executablePath = '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('report in a browser', () => {
  it('shows every plot with its marks and logs no errors', async () => {
    if (!existsSync(executablePath)) {
      throw new Error(`${executablePath} not found: install Chromium (e.g. apt-get install -y chromium) to run the browser test`);
    }
    const outDir = resolve('test-artifacts', 'report-e2e');
    await mkdir(outDir, { recursive: true });
    const report = sampleReport();
    const { htmlPath } = await writeReport(report, outDir);

    const browser = await chromium.launch({ executablePath, args });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });

      const figures = await page.$$eval('figure.plot', (nodes) =>
        nodes.map((figure) => {
          const svg = figure.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            id: figure.id,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: figure.querySelectorAll('.role-mark > path, .role-mark > line, .role-mark > text').length,
          };
        }),
      );
      const expected = report.sections.flatMap((s) => (s.plots ?? []).map((_, p) => `${s.id}-plot-${p}`));
      expect(figures.map((f) => f.id)).toEqual(expected);
      for (const f of figures) {
        expect(f.width, f.id).toBeGreaterThan(100);
        expect(f.height, f.id).toBeGreaterThan(50);
        expect(f.marks, f.id).toBeGreaterThan(0);
      }
      // The hostile series name must be shown as text, never become an element.
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('table').count()).toBe(1);

      await page.screenshot({ path: resolve('test-artifacts', 'report-e2e.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
