import { describe, expect, it } from 'vitest';
import { barPlot, linePlot, renderSvg, ReportLoadError } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

describe('renderSvg', () => {
  it('renders a standalone, scalable SVG with a generic font', async () => {
    const svg = await renderSvg(barPlot({ title: 'Estimates', categories: ['a', 'b'], values: [1, 2] }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('font-family="sans-serif"');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('names the plot for screen readers and as a tooltip: role img, aria-label and <title>', async () => {
    const svg = await renderSvg(barPlot({ title: 'Estimates & errors', categories: ['a', 'b'], values: [1, 2], errors: [0.1, 0.2] }));
    expect(svg).toMatch(/^<svg role="img" aria-label="Estimates &amp; errors. Error bars: ± 1.96 × standard error." [^>]*><title>Estimates &amp; errors<\/title>/);
    expect(svg.match(/<title>/g)).toHaveLength(1);
    const described = await renderSvg({ ...linePlot({ title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series: [{ name: 'a', x: [1, 2], y: [2, 1] }] }), description: 'Training loss falls from 2 to 1' });
    expect(described).toMatch(/^<svg role="img" aria-label="Training loss falls from 2 to 1" [^>]*><title>Loss<\/title>/);
  });

  it('refuses to load data from the network or the file system', async () => {
    for (const url of ['https://example.com/x.csv', 'data/x.csv', 'file:///etc/passwd']) {
      await expect(
        renderSvg({ data: { url }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }),
      ).rejects.toThrow(ReportLoadError);
    }
  });

  it('escapes series names that look like markup', async () => {
    const svg = await renderSvg(
      linePlot({ title: '<b>t</b>', xLabel: 'x', yLabel: 'y', series: [{ name: '<script>alert(1)</script>', x: [1, 2], y: [1, 2] }] }),
    );
    expect(svg.includes('<script')).toBe(false);
    expect(svg.includes('<b>')).toBe(false);
    expect(svg).toContain('&lt;script&gt;');
  });

  it('is deterministic', async () => {
    const spec = linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', x: [1, 2, 3], y: [3, 1, 2] }] });
    expect(await renderSvg(spec)).toBe(await renderSvg(spec));
  });
});

describe('renderSvg and the caller\'s spec', () => {
  it('leaves the spec untouched (Vega tags data objects in place)', async () => {
    const spec = barPlot({ title: 't', categories: ['a', 'b'], values: [1, 2] });
    const values = (spec as { data: { values: object[] } }).data.values;
    await renderSvg(spec);
    expect(values.every((row) => Object.getOwnPropertySymbols(row).length === 0)).toBe(true);
  });
});

describe('renderSvg warnings', () => {
  it('every plot of the sample report compiles and renders without a warning', async () => {
    const warnings: string[] = [];
    for (const section of sampleReport().sections) {
      for (const plot of section.plots ?? []) await renderSvg(plot.spec, { onWarning: (m) => warnings.push(m) });
    }
    expect(warnings).toEqual([]);
  });

  it('forwards Vega-Lite warnings instead of printing them', async () => {
    const warnings: string[] = [];
    await renderSvg(
      { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative', scale: { type: 'log', zero: true } } } },
      { onWarning: (m) => warnings.push(m) },
    );
    expect(warnings.join('\n')).toMatch(/zero/);
  });
});
