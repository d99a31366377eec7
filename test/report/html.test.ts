import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import { buildHtml, escapeHtml, namespaceSvgIds, renderText, type Report } from '../../src/report/index.js';

const meta = { seed: 7, createdAt: '2026-11-25T10:00:00.000Z', version: '0.1.0' };
const hostile = '<img src=x onerror="alert(1)">';

describe('escapeHtml and renderText', () => {
  it('escapes the characters special in text and attributes', () => {
    expect(escapeHtml(hostile)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml("a & b's")).toBe('a &amp; b&#39;s');
  });

  it('supports a tiny markdown subset and nothing else', () => {
    expect(renderText('The **pathwise** estimate has variance `0`.\n\n- fast\n- *exact*')).toBe(
      '<p>The <strong>pathwise</strong> estimate has variance <code>0</code>.</p>\n<ul><li>fast</li><li><em>exact</em></li></ul>',
    );
    expect(renderText('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(renderText('[link](javascript:alert(1)) `<b>` **<i>**')).toBe(
      '<p>[link](javascript:alert(1)) <code>&lt;b&gt;</code> <strong>&lt;i&gt;</strong></p>',
    );
    expect(renderText('one\ntwo\r\n\r\nthree')).toBe('<p>one two</p>\n<p>three</p>');
  });
});

describe('buildHtml', () => {
  const report: Report = {
    title: hostile,
    subtitle: hostile,
    meta: { ...meta, note: hostile, nested: { a: [1, 2] } },
    sections: [
      {
        id: 'first',
        title: hostile,
        text: hostile,
        tables: [{ caption: hostile, columns: [hostile, 'value'], rows: [[hostile, 1.23456789], ['b', Number.NaN], ['c', null]] }],
        plots: [{ spec: { data: { values: [] }, mark: 'point' }, caption: hostile }],
      },
      { id: 'second', title: 'Second' },
    ],
  };
  const svg = '<svg viewBox="0 0 1 1"><clipPath id="clip1"><path d="M0,0"/></clipPath><g clip-path="url(#clip1)"></g></svg>';
  const html = buildHtml(report, [[svg], []]);

  it('escapes every user-provided string', () => {
    expect(html.includes('<img')).toBe(false);
    // <title>, h1, subtitle, nav link, h2, text, table caption, column, cell, figcaption, meta value.
    expect(html.split('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;').length - 1).toBe(11);
  });

  it('is self-contained: no script, no external resource, a CSP that forbids both', () => {
    const page = html.replaceAll(escapeHtml(hostile), '');
    expect(page).not.toMatch(/<script|<link|<img|<iframe|src=|https?:\/\//);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).toContain('<style>');
  });

  it('formats table numbers, marks NaN and empty cells, links sections', () => {
    expect(html).toContain('<td class="num">1.235</td>');
    expect(html).toContain('<td class="num nonfinite">NaN</td>');
    expect(html).toContain('<td class="num na">—</td>');
    expect(html).toContain('<a href="#second">Second</a>');
    expect(html).toContain('<dt>nested</dt><dd>{&quot;a&quot;:[1,2]}</dd>');
  });

  it('namespaces SVG ids per plot', () => {
    expect(html).toContain('id="first-0-clip1"');
    expect(html).toContain('url(#first-0-clip1)');
    expect(namespaceSvgIds('<a href="#x"/><g id="x"/>', 'p-')).toBe('<a href="#p-x"/><g id="p-x"/>');
  });

  it('rejects section ids that are not safe, unique anchors', () => {
    const bad = (id: string, id2 = 'ok'): Report => ({ title: 't', meta, sections: [{ id, title: 'a' }, { id: id2, title: 'b' }] });
    expect(() => buildHtml(bad('a b'), [])).toThrow(PathwiseRangeError);
    expect(() => buildHtml(bad('"><script>'), [])).toThrow(PathwiseRangeError);
    expect(() => buildHtml(bad('same', 'same'), [])).toThrow(/used twice/);
  });
});
