/**
 * End to end: `pathwise demo` into a temporary folder, then its index.html in real headless Chromium.
 * Every section's plot must render as an SVG with marks, the page must log no errors and request nothing
 * from the network; a screenshot is saved to test-artifacts/demo-e2e.png.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const executablePath = '/usr/bin/chromium';

describe('pathwise demo', () => {
  it('writes a report whose every plot renders in a browser, without console errors', async () => {
    if (!existsSync(executablePath)) {
      throw new Error(`${executablePath} not found: install Chromium (apt-get install -y chromium) to run the browser test`);
    }
    const out = mkdtempSync(join(tmpdir(), 'pathwise-demo-'));
    const r = runCli(['demo', '--out', out, '--samples', '20000', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { sections: { id: string; plots: unknown[] }[] };
    expect(json.sections.length).toBeGreaterThanOrEqual(4);

    const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (q) => { if (!q.url().startsWith('file:')) problems.push(`request: ${q.url()}`); });
      await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
      const sections = await page.$$eval('section', (nodes) => nodes.map((s) => ({
        id: s.id,
        plots: [...s.querySelectorAll('figure.plot')].map((f) => ({
          width: f.querySelector('svg')?.getBoundingClientRect().width ?? 0,
          marks: f.querySelectorAll('.role-mark > path, .role-mark > line, .role-mark > text').length,
        })),
      })));
      expect(sections.map((s) => s.id)).toEqual(json.sections.map((s) => s.id));
      for (const s of sections) {
        expect(s.plots.length, s.id).toBeGreaterThan(0);
        for (const p of s.plots) {
          expect(p.width, s.id).toBeGreaterThan(100);
          expect(p.marks, s.id).toBeGreaterThan(0);
        }
      }
      await mkdir(resolve('test-artifacts'), { recursive: true });
      await page.screenshot({ path: resolve('test-artifacts', 'demo-e2e.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
