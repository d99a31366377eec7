/**
 * Writes a report to a directory: index.html (self-contained, offline) and report.json (every number).
 * The only Node-specific code of src/report. node:fs and node:path are imported when writeReport is
 * called, not when the module loads, so that importing the report layer in a browser still works; there,
 * use {@link reportToHtml} and {@link reportToJson} and save the strings however the page likes.
 */

import { reportToHtml } from './html.js';
import { reportToJson, validateReport, type Report } from './report.js';

/** Absolute paths of the two files written. */
export interface WrittenReport {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/**
 * Renders every plot and writes `dir/index.html` and `dir/report.json`, creating `dir` if needed and
 * overwriting earlier files. Both strings are built before anything is written, so a plot that fails to
 * render leaves a previous report intact.
 *
 * @example
 * ```ts
 * const { htmlPath, jsonPath } = await writeReport(report, 'pathwise-report');
 * // htmlPath: '/abs/path/pathwise-report/index.html', jsonPath: '/abs/path/pathwise-report/report.json'
 * ```
 */
export async function writeReport(report: Report, dir: string): Promise<WrittenReport> {
  validateReport(report, 'writeReport');
  const html = await reportToHtml(report);
  const json = reportToJson(report);
  const [{ mkdir, writeFile }, { resolve, join }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const htmlPath = join(root, 'index.html');
  const jsonPath = join(root, 'report.json');
  await Promise.all([writeFile(htmlPath, html, 'utf8'), writeFile(jsonPath, json, 'utf8')]);
  return { htmlPath, jsonPath };
}
