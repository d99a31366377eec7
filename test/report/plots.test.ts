import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { PathwiseRangeError, PathwiseTypeError } from '../../src/errors.js';
import { barPlot, histogram, imageGrid, linePlot, renderSvg, scatterPlot, type TopLevelSpec } from '../../src/report/index.js';
import { markCounts } from './svg-marks.js';

/** The inline data rows of a spec built by the plot functions. */
function rows(spec: TopLevelSpec): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values;
}
/** Tick labels of each axis of a rendered plot, in document order (x axis, then y axis, for one view). */
function axisLabels(svg: string): string[][] {
  return [...svg.matchAll(/role-axis-label"[^>]*>((?:<text[^>]*>[^<]*<\/text>)*)/g)].map((m) => [...m[1]!.matchAll(/>([^<]*)<\/text>/g)].map((t) => t[1]!));
}
function subtitle(spec: TopLevelSpec): string {
  return ((spec as { title: { subtitle?: string[] } }).title.subtitle ?? []).join(' ');
}

describe('linePlot', () => {
  const series = [
    { name: 'score', x: [10, 100, 1000], y: [1, 0.3, 0.1], lower: [0.8, 0.25, 0.09], upper: [1.2, 0.35, 0.11] },
    { name: 'pathwise', x: [10, 100, 1000], y: [0.5, 0.15, 0.05] },
  ];

  it('compiles and renders one line per series, a band and the points', async () => {
    const spec = linePlot({ series, title: 'SE', xLabel: 'n', yLabel: 'se' });
    expect(() => compile(spec)).not.toThrow();
    const marks = markCounts(await renderSvg(spec));
    expect(marks.line).toBe(2);
    expect(marks.area).toBe(1);
    expect(marks.symbol).toBe(6);
  });

  it('leaves out points that a log axis cannot show, and says so per series', async () => {
    const spec = linePlot({
      title: 'SE', xLabel: 'n', yLabel: 'se', logX: true, logY: true,
      series: [
        { name: 'a', x: [0, 10, 100], y: [1, 0.3, 0.1], lower: [0.5, -0.1, 0.05], upper: [1.5, 0.6, 0.15] },
        { name: 'zero variance', x: [10, 100], y: [0, 0] },
        { name: 'c', x: [10, 100], y: [Number.NaN, 0.2] },
      ],
    });
    const data = rows(spec);
    expect(data.every((r) => (r.x as number) > 0 && (r.y as number) > 0)).toBe(true);
    expect(data).toHaveLength(3);
    expect(data.find((r) => r.series === 'a' && r.x === 10)).toMatchObject({ lower: null, upper: null });
    const notes = subtitle(spec);
    expect(notes).toContain('1 point with x ≤ 0 left out (log x axis): a.');
    expect(notes).toContain('2 points with y ≤ 0 left out (log y axis): zero variance.');
    expect(notes).toContain('1 point with NaN or infinite values left out: c.');
    expect(notes).toContain('1 point without band');
    const svg = await renderSvg(spec);
    expect(/ (d|transform|x|y)="[^"]*(NaN|Infinity)/.test(svg)).toBe(false); // coordinates only: the subtitle says "NaN"
    expect(markCounts(svg).line).toBe(2);
  });

  it('keeps zeros and negatives on linear axes', () => {
    const spec = linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', x: [-1, 0, 1], y: [0, -2, 3] }] });
    expect(rows(spec)).toHaveLength(3);
    expect(subtitle(spec)).toBe('');
  });

  it('labels an epoch axis with whole epochs only', async () => {
    const epochs = [1, 2, 3];
    const svg = await renderSvg(linePlot({ title: 'loss', xLabel: 'epoch', yLabel: 'loss', series: [{ name: 'train', x: epochs, y: epochs.map((e) => 1 / e) }] }));
    const [x] = axisLabels(svg);
    expect(x!.length).toBeGreaterThan(2);
    for (const label of x!) expect(label).toMatch(/^\d+$/);
  });

  it('fits a log axis to the data: no decade beyond the last point', async () => {
    const sizes = [1_000, 3_000, 10_000, 30_000, 100_000, 300_000];
    const svg = await renderSvg(linePlot({ title: 'delta', xLabel: 'paths', yLabel: 'delta', logX: true, series: [{ name: 'pathwise', x: sizes, y: sizes.map(() => 0.5) }] }));
    const [x] = axisLabels(svg);
    expect(x).toEqual(['1,000', '10,000', '100,000']);
    const spec = linePlot({ title: 'delta', xLabel: 'paths', yLabel: 'delta', logX: true, series: [{ name: 'pathwise', x: sizes, y: sizes.map(() => 0.5) }] });
    expect(JSON.stringify(spec)).toContain('"type":"log","nice":false');
  });

  it('labels a log axis of under two decades at 1, 2 and 5 per decade, no labels on top of each other', async () => {
    const sizes = [500, 1_000, 1_500, 2_000, 3_000, 4_000, 5_000, 7_000, 10_000, 15_000, 20_000];
    const svg = await renderSvg(linePlot({ title: 'running estimate', xLabel: 'samples n', yLabel: 'estimate', logX: true, series: [{ name: 'score', x: sizes, y: sizes.map(() => 0.4) }] }));
    const [x] = axisLabels(svg);
    expect(x).toEqual(['500', '1,000', '2,000', '5,000', '10,000', '20,000']);
  });

  it('rejects mismatched lengths, half bands and duplicate names', () => {
    const base = { title: 't', xLabel: 'x', yLabel: 'y' };
    expect(() => linePlot({ ...base, series: [{ name: 'a', x: [1, 2], y: [1] }] })).toThrow(PathwiseRangeError);
    expect(() => linePlot({ ...base, series: [{ name: 'a', x: [1], y: [1], lower: [0] }] })).toThrow(/both lower and upper/);
    expect(() => linePlot({ ...base, series: [{ name: 'a', x: [1], y: [1] }, { name: 'a', x: [1], y: [1] }] })).toThrow(/used twice/);
    expect(() => linePlot({ ...base, series: [{ name: 'a', x: ['1' as unknown as number], y: [1] }] })).toThrow(PathwiseTypeError);
  });
});

describe('histogram', () => {
  const n = 100_000;
  const spread = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.731) * 2 + 1);

  it('draws a constant series (variance 0) as exactly one bar, without NaN', async () => {
    const spec = histogram({ title: 'pathwise', xLabel: 'estimate', series: [{ name: 'pathwise', values: new Float64Array(n).fill(1) }] });
    expect(rows(spec)).toEqual([{ series: 'pathwise', start: 0.95, end: 1.05, count: n, density: n / (n * (1.05 - 0.95)) }]);
    expect(subtitle(spec)).toContain('All values are identical: one bar.');
    const svg = await renderSvg(spec);
    expect(svg.includes('NaN')).toBe(false);
    expect(markCounts(svg).rect).toBe(1);
  });

  it('handles a constant 0 and a constant series next to a spread one, overlaid and faceted', async () => {
    expect(rows(histogram({ title: 't', xLabel: 'x', series: [{ name: 'z', values: [0, 0, 0] }] }))[0]).toMatchObject({ start: -0.5, end: 0.5, count: 3 });
    for (const layout of ['overlay', 'facet'] as const) {
      const spec = histogram({
        title: 't', xLabel: 'x', bins: 30, layout,
        series: [{ name: 'pathwise', values: new Float64Array(n).fill(1) }, { name: 'score', values: spread }],
      });
      expect(rows(spec).filter((r) => r.series === 'pathwise')).toHaveLength(1);
      expect(rows(spec).filter((r) => r.series === 'score').length).toBeGreaterThan(20);
      const svg = await renderSvg(spec);
      const bars = markCounts(svg).rect!;
      expect(bars).toBeGreaterThan(21);
      expect(bars).toBeLessThanOrEqual(31);
      // Pre-binned: 2 × 10⁵ values make a small SVG.
      expect(svg.length).toBeLessThan(60_000);
    }
  });

  it('plots densities that integrate to one and reports non-finite values', () => {
    const values = [...spread.slice(0, 1000), Number.NaN, Infinity];
    const spec = histogram({ title: 't', xLabel: 'x', density: true, series: [{ name: 's', values }] });
    const area = rows(spec).reduce((sum, r) => sum + (r.density as number) * ((r.end as number) - (r.start as number)), 0);
    expect(area).toBeCloseTo(1, 12);
    expect(subtitle(spec)).toContain('2 values that are NaN or infinite left out.');
  });

  it('rejects a bad bin count and a bad range', () => {
    expect(() => histogram({ title: 't', xLabel: 'x', bins: 0, series: [{ name: 'a', values: [1] }] })).toThrow(PathwiseRangeError);
    expect(() => histogram({ title: 't', xLabel: 'x', range: [2, 1], series: [{ name: 'a', values: [1] }] })).toThrow(PathwiseRangeError);
    expect(() => histogram({ title: 't', xLabel: 'x', range: 'all' as 'full', series: [{ name: 'a', values: [1] }] })).toThrow(PathwiseRangeError);
  });

  it('survives one series with far outliers: the others keep their shape, and the clipped values are stated', () => {
    // compare examples/digital-threshold.ts: fd's per-sample values are 0 except two at 1/(2h) = 5000
    const fd = new Float64Array(20_000);
    fd[7] = 5000;
    fd[9000] = 5000;
    const score = Float64Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? Math.sin(i) * 1.5 : 0));
    const series = [{ name: 'pathwise', values: new Float64Array(20_000) }, { name: 'score', values: score }, { name: 'fd', values: fd }];
    const spec = histogram({ title: 't', xLabel: 'x', layout: 'facet', density: true, series });
    const scoreBars = rows(spec).filter((r) => r.series === 'score');
    expect(scoreBars.length).toBeGreaterThan(20);
    expect(Math.max(...rows(spec).map((r) => r.end as number))).toBeLessThan(2);
    expect(subtitle(spec)).toContain('2 values outside the range drawn [-1.500, 1.500] not shown: fd 2 of 20,000 (at 5000).');
    // the whole range on request: then score collapses into one bar next to 0, as before
    const full = histogram({ title: 't', xLabel: 'x', layout: 'facet', range: 'full', series });
    expect(rows(full).filter((r) => r.series === 'score').length).toBeLessThanOrEqual(2);
    expect(subtitle(full)).toBe('');
  });
});

describe('scatterPlot', () => {
  it('caps the points drawn per series by a deterministic stride and says so', async () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i));
    const y = Float64Array.from({ length: 5000 }, (_, i) => Math.cos(i * 1.3));
    const make = () => scatterPlot({ title: 's', series: [{ name: 'data', x, y }, { name: 'model', x: [0, 1], y: [Number.NaN, 1] }] });
    const spec = make();
    expect(spec).toEqual(make());
    expect(rows(spec).filter((r) => r.series === 'data')).toHaveLength(2000);
    expect(subtitle(spec)).toContain('data: 2000 of 5000 points shown');
    expect(subtitle(spec)).toContain('1 point with NaN or infinite coordinates left out.');
    expect(markCounts(await renderSvg(spec)).symbol).toBe(2001);
  });

  it('draws 2-D samples at equal aspect: a unit is as long on x as on y', () => {
    // a flat spiral: x in [-10, 10], y in [-2, 2]
    const t = Array.from({ length: 400 }, (_, i) => (i / 400) * 4 * Math.PI);
    const spec = scatterPlot({ title: 'spiral', series: [{ name: 'data', x: t.map((a) => (a / 1.26) * Math.cos(a)), y: t.map((a) => (a / 6.3) * Math.sin(a)) }] }) as Record<string, any>;   // eslint-disable-line @typescript-eslint/no-explicit-any
    const [x0, x1] = spec.encoding.x.scale.domain as number[];
    const [y0, y1] = spec.encoding.y.scale.domain as number[];
    expect((x1! - x0!) / spec.width).toBeCloseTo((y1! - y0!) / spec.height, 12);
    expect(spec.height).toBeLessThan(spec.width);
    const free = scatterPlot({ title: 's', aspect: 'free', series: [{ name: 'a', x: [0, 10], y: [0, 1] }] }) as Record<string, any>;   // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(free.encoding.x.scale.domain).toBeUndefined();
    expect(() => scatterPlot({ title: 's', aspect: 'square' as 'equal', series: [{ name: 'a', x: [0], y: [0] }] })).toThrow(PathwiseRangeError);
  });
});

describe('barPlot', () => {
  it('draws bars, error bars with end ticks and a reference line', async () => {
    const spec = barPlot({
      title: 'd/dφ', categories: ['pathwise', 'score', 'fd'], values: [2.648, 2.61, 2.66], errors: [0.004, 0.05, 0.01],
      reference: { value: 1 + Math.exp(0.5), label: 'exact' },
    });
    expect(rows(spec)[1]).toMatchObject({ category: 'score', lower: 2.61 - 1.96 * 0.05, upper: 2.61 + 1.96 * 0.05 });
    expect(subtitle(spec)).toContain('± 1.96 × standard error');
    expect(subtitle(spec)).toContain('exact = 2.64872');
    const marks = markCounts(await renderSvg(spec));
    expect(marks.rect).toBe(3 + 6); // bars + ticks
    expect(marks.rule).toBe(3 + 1); // error bars + reference
  });

  it('draws dots on an axis that need not include zero in point style', async () => {
    const spec = barPlot({ title: 't', style: 'point', categories: ['a', 'b'], values: [2.64, 2.66], errors: [0.01, 0.02] });
    const marks = markCounts(await renderSvg(spec));
    expect(marks.symbol).toBe(2);
    expect(marks.rect).toBe(4); // end ticks only
    expect(JSON.stringify(spec)).toContain('"zero":false');
  });

  it('leaves out a NaN value and rejects mismatched arrays', () => {
    const spec = barPlot({ title: 't', categories: ['a', 'b'], values: [1, Number.NaN] });
    expect(rows(spec)).toHaveLength(1);
    expect(() => barPlot({ title: 't', categories: ['a'], values: [1, 2] })).toThrow(PathwiseRangeError);
    expect(() => barPlot({ title: 't', categories: ['a', 'a'], values: [1, 2] })).toThrow(/used twice/);
  });
});

describe('imageGrid', () => {
  it('draws one rect per pixel and one label per image', async () => {
    const images = Array.from({ length: 5 }, (_, k) => Float64Array.from({ length: 64 }, (_, i) => ((i + k) % 9) / 8));
    const spec = imageGrid({ images, width: 8, height: 8, columns: 3, title: 'digits', labels: ['a', 'b', 'c', 'd', 'e'] });
    expect(() => compile(spec)).not.toThrow();
    const marks = markCounts(await renderSvg(spec));
    expect(marks.rect).toBe(5 * 64);
    expect(marks.text).toBe(5);
  });

  it('clamps values outside [0, 1] with a note and rejects wrong sizes', () => {
    const spec = imageGrid({ images: [[-1, 0.5, 2, Number.NaN]], width: 2, height: 2, columns: 1, title: 't' });
    expect(rows(spec).map((r) => r.v)).toEqual([0, 0.5, 1, 0]);
    expect(subtitle(spec)).toContain('2 pixel values outside [0, 1] clamped.');
    expect(() => imageGrid({ images: [new Float64Array(10)], width: 8, height: 8, columns: 1, title: 't' })).toThrow(/expected width × height = 64/);
    expect(() => imageGrid({ images: [], width: 8, height: 8, columns: 1, title: 't' })).toThrow(PathwiseRangeError);
  });
});
