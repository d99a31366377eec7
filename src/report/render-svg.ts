/**
 * Renders a Vega-Lite spec to a standalone SVG string: Vega-Lite compiles it to Vega, and a headless Vega
 * View (renderer 'none', no DOM, no canvas) serializes the scenegraph to SVG. Runs in Node and in a browser.
 *
 * Why a refusing loader: a report must be reproducible and work offline, so every plot carries its data
 * inline; a spec that asks for a URL or a file is a bug, and it fails loudly instead of fetching something.
 * Why a generic font: the SVG is viewed on machines without any particular web font; 'sans-serif' always
 * resolves. Without canvas, Vega estimates text widths (slightly generous), which only affects label spacing.
 */

import { parse, View, type Loader, type LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { PathwiseError } from '../errors.js';
import { escapeHtml } from './html-text.js';
import { plotFont } from './plots/common.js';

/** Thrown when a plot spec tries to load data, images or fonts from a URL or a file. */
export class ReportLoadError extends PathwiseError {
  override name = 'ReportLoadError';
}

/** A Vega loader that refuses every load: reports are built from inline data only. */
export function offlineLoader(): Loader {
  const refuse = (what: string) => async (uri: unknown): Promise<never> => {
    throw new ReportLoadError(`renderSvg: plots must carry their data inline; refused to ${what} ${JSON.stringify(uri)}`);
  };
  return {
    options: {},
    load: refuse('load'),
    sanitize: refuse('resolve'),
    http: refuse('fetch'),
    file: refuse('read file'),
  } as unknown as Loader;
}

export interface RenderSvgOptions {
  /**
   * Receives Vega-Lite and Vega warnings (a dropped encoding, an invalid scale setting); by default they are
   * dropped, so that a CLI printing tables is not interleaved with library chatter. Tests pass a collector.
   */
  readonly onWarning?: (message: string) => void;
}

/** A Vega-Lite logger that forwards warnings to `onWarning` and prints nothing. */
function compileLogger(onWarning: (message: string) => void): LoggerInterface {
  let level = 2;
  const forward = (...args: readonly unknown[]) => {
    onWarning(args.map(String).join(' '));
    return logger;
  };
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error: forward,
    warn: forward,
    info: () => logger,
    debug: () => logger,
  };
  return logger as unknown as LoggerInterface;
}

/**
 * Compiles a Vega-Lite spec and renders it headlessly to an SVG string (with a viewBox, so it scales).
 * Rejects with {@link ReportLoadError} if the spec references external data.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(barPlot({ title: 'Estimates', categories: ['a', 'b'], values: [1, 2] }));
 * svg.startsWith('<svg');   // true
 * await renderSvg({ data: { url: 'https://example.com/x.csv' }, mark: 'point' });  // rejects: ReportLoadError
 * ```
 */
export async function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
  const onWarning = options.onWarning ?? (() => undefined);
  // Vega tags every ingested data object with a Symbol id, in place: render a copy so the caller's spec
  // (which also goes into report.json) stays exactly as built. Config passed here is only the fallback;
  // a spec's own config (plots/common.ts) takes precedence.
  const vegaSpec = compile(structuredClone(spec), { config: { font: plotFont }, logger: compileLogger(onWarning) }).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: offlineLoader() });
  // Vega reports a failed data load as a warning and carries on with empty data, which would draw an empty
  // plot without a word; capture errors and refused loads from its logger and reject instead.
  const failures: unknown[] = [];
  const logger = view.logger();
  for (const level of ['error', 'warn'] as const) {
    const original = logger[level].bind(logger);
    logger[level] = (...args: readonly unknown[]) => {
      const refused = args.find((a) => a instanceof ReportLoadError);
      if (level === 'error' || refused !== undefined) failures.push(refused ?? args[0]);
      else onWarning(args.map(String).join(' '));
      return original(...args);
    };
  }
  view.logLevel(0); // silence the console: failures are rethrown below, not printed
  try {
    const svg = await view.toSVG();
    const failure = failures[0];
    if (failure !== undefined) {
      throw failure instanceof PathwiseError ? failure : new PathwiseError(`renderSvg: vega failed: ${String(failure)}`);
    }
    return labelSvg(svg, spec);
  } finally {
    view.finalize();
  }
}

/** The text of a spec's title and subtitle (a string, a list of lines, or { text, subtitle }). */
function titleText(spec: TopLevelSpec): { title: string; subtitle: string } {
  const join = (x: unknown): string => (Array.isArray(x) ? x.map(String).join(' ') : typeof x === 'string' ? x : '');
  const t = (spec as { title?: unknown }).title;
  if (t !== null && typeof t === 'object' && !Array.isArray(t)) {
    const { text, subtitle } = t as { text?: unknown; subtitle?: unknown };
    return { title: join(text), subtitle: join(subtitle) };
  }
  return { title: join(t), subtitle: '' };
}

/**
 * Makes a rendered plot accessible: the root becomes `role="img"` with an `aria-label` (the spec's
 * description, else its title and subtitle), and a `<title>` element names it, which browsers show as a
 * tooltip and screen readers read. Vega's SVG has neither at the root.
 *
 * @example
 * ```ts
 * labelSvg('<svg width="10"><rect/></svg>', { title: 'Loss', mark: 'point' } as TopLevelSpec);
 * // '<svg role="img" aria-label="Loss" width="10"><title>Loss</title><rect/></svg>'
 * ```
 */
export function labelSvg(svg: string, spec: TopLevelSpec): string {
  const { title, subtitle } = titleText(spec);
  const description = (spec as { description?: unknown }).description;
  const label = typeof description === 'string' && description !== '' ? description : [title, subtitle].filter((x) => x !== '').join('. ');
  const name = title !== '' ? title : label;
  if (label === '' || !svg.startsWith('<svg')) return svg;
  return svg
    .replace(/^<svg/, `<svg role="img" aria-label="${escapeHtml(label)}"`)
    .replace(/^(<svg[^>]*>)/, `$1<title>${escapeHtml(name)}</title>`);
}
