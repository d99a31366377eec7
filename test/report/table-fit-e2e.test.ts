/**
 * In a real browser (Debian's Chromium), a report's widest table fits the page: its text cells wrap instead
 * of hiding the note column behind a horizontal scroll; and every plot is named for screen readers.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { barPlot, writeReport, type Report } from '../../src/report/index.js';

const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const reason = 'biased: built on the pathwise delta, which is biased because the payoff applies a jump (step) to a value derived from spot, and pathwise misses the jump';

describe('report tables in a browser', () => {
  it('fit the page at 1100 and 800 px, wrapping notes, and plots carry a title and an ARIA label', async () => {
    if (!existsSync(executablePath)) throw new Error(`${executablePath} not found: install Chromium (apt-get install -y chromium)`);
    const report: Report = {
      title: 'Greeks', meta: { seed: 1, createdAt: '2026-01-01T00:00:00Z', version: '0.1.0' },
      sections: [{
        id: 'greeks', title: 'Greeks',
        tables: [{
          columns: ['greek', 'method', 'estimate', 'stderr', 'closed form', 'z vs exact', { name: 'note', align: 'left' }],
          rows: [['gamma', 'mixed-pwlr (biased)', -0.0001903, 1.985e-6, -0.0003283, 70, reason], ['gamma', 'lr', -0.0003151, 1.603e-5, -0.0003283, 0.82, '']],
        }],
        plots: [{ spec: barPlot({ title: 'Gamma by method', categories: ['lr', 'mixed'], values: [1, 2] }) }],
      }],
    };
    const { htmlPath } = await writeReport(report, join(mkdtempSync(join(tmpdir(), 'pathwise-fit-')), 'report'));
    const browser = await chromium.launch({ executablePath, args });
    try {
      for (const width of [1100, 800]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(pathToFileURL(htmlPath).href);
        const fit = await page.$eval('.table-wrap', (wrap) => ({ scroll: wrap.scrollWidth, client: wrap.clientWidth }));
        expect(fit.scroll, `${width} px`).toBeLessThanOrEqual(fit.client);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
        // the note wraps onto several lines rather than one long line
        const note = await page.$eval('tbody tr td:last-child', (td) => td.getBoundingClientRect().height);
        expect(note).toBeGreaterThan(30);
        const svg = await page.$eval('figure svg', (s) => ({ role: s.getAttribute('role'), label: s.getAttribute('aria-label'), title: s.querySelector(':scope > title')?.textContent }));
        expect(svg).toEqual({ role: 'img', label: 'Gamma by method', title: 'Gamma by method' });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
