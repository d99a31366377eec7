/**
 * index.html of a report: one self-contained file with inline CSS and the plots as inline SVG, so it opens
 * offline from disk, needs no script, and can be mailed or archived as it is. A Content-Security-Policy
 * meta tag forbids scripts and every external load, as a second line of defence behind the escaping of
 * all user-provided text ({@link escapeHtml}).
 */

import { formatCell } from './format-number.js';
import { escapeHtml, renderText } from './html-text.js';
import { reportCss } from './html-style.js';
import { renderSvg } from './render-svg.js';
import { validateReport, type JsonValue, type Report } from './report.js';
import { resolveColumns, type Table } from './table-model.js';

/** Text cells longer than this (in characters) make their column wrappable. */
const WRAP_AFTER = 24;

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * Renders every plot of the report to SVG and assembles index.html. Plots render one after another in
 * document order, so the output is the same string for the same report.
 *
 * @example
 * ```ts
 * const html = await reportToHtml({
 *   title: 'pathwise demo', meta: { seed: 7, createdAt: '2026-01-01T00:00:00Z', version: '0.1.0' },
 *   sections: [{ id: 'bars', title: 'Estimates', plots: [{ spec: barPlot({ title: 'b', categories: ['a'], values: [1] }) }] }],
 * });
 * html.includes('<svg');   // true
 * ```
 */
export async function reportToHtml(report: Report): Promise<string> {
  validateReport(report, 'reportToHtml');
  const svgs: string[][] = [];
  for (const section of report.sections) {
    const rendered: string[] = [];
    for (const plot of section.plots ?? []) rendered.push(await renderSvg(plot.spec));
    svgs.push(rendered);
  }
  return buildHtml(report, svgs);
}

/**
 * Assembles index.html from a report and its already rendered SVGs (`svgs[section][plot]`). Pure and
 * synchronous: useful to test the page without rendering, or to reuse SVGs rendered elsewhere.
 */
export function buildHtml(report: Report, svgs: readonly (readonly string[])[]): string {
  validateReport(report, 'buildHtml');
  const sections = report.sections.map((section, s) => {
    const parts = [`<section id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`];
    if (section.text !== undefined) parts.push(renderText(section.text));
    for (const table of section.tables ?? []) parts.push(tableHtml(table));
    (section.plots ?? []).forEach((plot, p) => {
      const svg = namespaceSvgIds(svgs[s]?.[p] ?? '', `${section.id}-${p}-`);
      const caption = plot.caption === undefined ? '' : `<figcaption>${escapeHtml(plot.caption)}</figcaption>`;
      parts.push(`<figure class="plot" id="${escapeHtml(section.id)}-plot-${p}">${svg}${caption}</figure>`);
    });
    parts.push('</section>');
    return parts.join('\n');
  });
  const nav =
    report.sections.length > 1
      ? `<nav><ol>${report.sections.map((x) => `<li><a href="#${escapeHtml(x.id)}">${escapeHtml(x.title)}</a></li>`).join('')}</ol></nav>`
      : '';
  const subtitle = report.subtitle === undefined ? '' : `<p class="subtitle">${escapeHtml(report.subtitle)}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="pathwise ${escapeHtml(report.meta.version)}">
<title>${escapeHtml(report.title)}</title>
<style>${reportCss}</style>
</head>
<body>
<header><h1>${escapeHtml(report.title)}</h1>${subtitle}</header>
${nav}
<main>
${sections.join('\n')}
</main>
<footer>${metaHtml(report.meta)}</footer>
</body>
</html>
`;
}

/** One table: numbers formatted per column, right-aligned; NaN/∞ and empty cells marked by class. */
function tableHtml(table: Table): string {
  const columns = resolveColumns(table, 'buildHtml');
  const cls = (align: 'left' | 'right', extra = ''): string => {
    const names = [align === 'right' ? 'num' : '', extra].filter((x) => x !== '').join(' ');
    return names === '' ? '' : ` class="${names}"`;
  };
  const head = columns.map((c) => `<th scope="col"${cls(c.align)}>${escapeHtml(c.name)}</th>`).join('');
  // A text column with long cells (notes, reasons) may wrap; labels such as 'mixed-pwlr' stay on one line.
  const wraps = columns.map((c, i) => c.align === 'left' && table.rows.some((row) => typeof row[i] === 'string' && row[i].length > WRAP_AFTER));
  const body = table.rows
    .map((row) => {
      const cells = row.map((cell, i) => {
        const column = columns[i]!;
        const extra = cell === null ? 'na' : typeof cell === 'number' && !Number.isFinite(cell) ? 'nonfinite' : wraps[i] === true ? 'wrap' : '';
        return `<td${cls(column.align, extra)}>${escapeHtml(formatCell(cell, column.digits))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = table.caption === undefined ? '' : `<caption>${escapeHtml(table.caption)}</caption>`;
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** The metadata as a definition list; nested values as compact JSON. */
function metaHtml(meta: Readonly<Record<string, JsonValue>>): string {
  const items = Object.entries(meta).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(text)}</dd>`;
  });
  return `<dl class="meta">${items.join('')}</dl>`;
}

/**
 * Prefixes every id in an SVG and every reference to one (`url(#…)`, `href="#…"`). Why: several SVGs
 * inlined into one page share one id namespace, and Vega numbers its clip paths from 1 in each process;
 * two plots with a `clip1` would clip each other's marks.
 *
 * @example
 * ```ts
 * namespaceSvgIds('<clipPath id="clip1"/><g clip-path="url(#clip1)"/>', 'a-');
 * // '<clipPath id="a-clip1"/><g clip-path="url(#a-clip1)"/>'
 * ```
 */
export function namespaceSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`);
}
