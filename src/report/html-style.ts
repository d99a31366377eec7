/**
 * The stylesheet inlined into every index.html. Inline because the report must open from a file, offline,
 * under a Content-Security-Policy that allows no external resources; system fonts only for the same reason.
 * Numbers and short labels never wrap; long text (notes, reasons: class wrap) does, so a table fits the
 * page instead of scrolling.
 */

export const reportCss = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; --accent: #2f5d8a; --band: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer, nav { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; padding-bottom: 8px; border-bottom: 1px solid var(--rule); }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
.subtitle { color: var(--muted); margin: 0 0 12px; }
nav { padding-top: 10px; padding-bottom: 10px; font-size: 14px; }
nav ol { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
section { padding: 18px 0 8px; border-bottom: 1px solid var(--rule); }
h2 { font-size: 20px; margin: 0 0 8px; }
p { margin: 0 0 10px; max-width: 76ch; }
ul { margin: 0 0 10px; padding-left: 22px; max-width: 76ch; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--band);
  padding: 1px 4px; border-radius: 3px; }
.table-wrap { overflow-x: auto; margin: 12px 0 18px; }
table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 6px; }
th, td { padding: 5px 12px; border-bottom: 1px solid var(--rule); white-space: nowrap; vertical-align: top; }
td.wrap { white-space: normal; overflow-wrap: break-word; min-width: 12ch; }
@media (max-width: 900px) { th, td { padding: 5px 7px; } header, main, footer, nav { padding: 0 16px; } }
th { font-weight: 600; border-bottom: 2px solid #c9c9c9; text-align: left; }
tbody tr:nth-child(even) { background: var(--band); }
.num { text-align: right; }
.na { color: #9aa0a6; }
.nonfinite { color: #b3261e; }
figure { margin: 14px 0 22px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; max-width: 76ch; }
footer { padding-top: 14px; padding-bottom: 32px; color: var(--muted); font-size: 13px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; word-break: break-word; }
`;
