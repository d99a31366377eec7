/**
 * Text into HTML safely. Everything in a report that a user can influence — titles, series names,
 * captions, table cells, metadata — goes through {@link escapeHtml}; section text may use a tiny subset of
 * markdown, applied only after escaping, so no input can open a tag or an attribute of its own.
 */

/**
 * Escapes the five characters that are special in HTML text and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror="alert(1)">');  // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 * escapeHtml("a & b's");                          // 'a &amp; b&#39;s'
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Inline markup of one escaped line: `code` spans verbatim, then **bold** and *italic* outside them. */
function inline(text: string): string {
  const parts = text.split('`');
  return parts
    .map((part, i) => {
      const escaped = escapeHtml(part);
      // Odd parts sit between backticks; an unmatched last backtick leaves a final odd part, printed as text.
      if (i % 2 === 1 && i < parts.length - 1) return `<code>${escaped}</code>`;
      const prefix = i % 2 === 1 ? '`' : '';
      return prefix + escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/\*(.+?)\*/g, '<em>$1</em>');
    })
    .join('');
}

/**
 * Renders section text: paragraphs separated by blank lines, blocks whose lines all start with "- " as a
 * bullet list, `code`, **bold** and *italic*. Anything else (links, raw HTML) stays literal text.
 *
 * @example
 * ```ts
 * renderText('The **pathwise** estimate has variance `0`.\n\n- fast\n- exact');
 * // '<p>The <strong>pathwise</strong> estimate has variance <code>0</code>.</p>\n<ul><li>fast</li><li>exact</li></ul>'
 * renderText('<script>alert(1)</script>');   // '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
 * ```
 */
export function renderText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => {
      const lines = block.split('\n').map((line) => line.trim());
      if (lines.every((line) => line.startsWith('- '))) {
        return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`;
      }
      return `<p>${inline(lines.join(' '))}</p>`;
    })
    .join('\n');
}
