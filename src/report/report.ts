/**
 * The report model shared by `pathwise demo`, `compare`, `greeks` and `train`: a title, sections of short
 * text, tables and plots, and metadata (seed, time, version) that makes the run reproducible. From it come
 * index.html ({@link reportToHtml}) and report.json ({@link reportToJson}).
 *
 * report.json holds every number: table cells exactly (JSON round-trips float64), and each plot's
 * Vega-Lite spec with its inline data, so a plot can be redrawn or re-analysed; it holds no SVG.
 * NaN and ±∞, which JSON cannot represent, are written as the strings "NaN", "Infinity" and "-Infinity".
 */

import type { TopLevelSpec } from 'vega-lite';
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { resolveColumns, type Table } from './table-model.js';

/** Any value JSON can hold; the metadata of a report is made of these. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface ReportPlot {
  readonly spec: TopLevelSpec;
  readonly caption?: string;
}

export interface ReportSection {
  /** Anchor of the section: a letter, then letters, digits, '-' or '_'; unique within the report. */
  readonly id: string;
  readonly title: string;
  /** A short paragraph: plain text with **bold**, *italic*, `code`, blank-line paragraphs and "- " lists. */
  readonly text?: string;
  readonly tables?: readonly Table[];
  readonly plots?: readonly ReportPlot[];
}

export interface ReportMeta {
  readonly seed: number | string;
  /** ISO 8601 time of the run; given by the caller so that a report can be reproduced byte for byte. */
  readonly createdAt: string;
  /** pathwise version that produced the report. */
  readonly version: string;
  readonly [key: string]: JsonValue;
}

export interface Report {
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly ReportSection[];
  readonly meta: ReportMeta;
}

/** Identifies the layout of report.json for readers; bumped when the layout changes incompatibly. */
export const reportFormat = { name: 'pathwise-report', version: 1 } as const;

const sectionId = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Checks a report before anything is written: section ids usable as HTML anchors and unique (an id is
 * also a link target, so a duplicate would silently point to the wrong section), titles are strings,
 * tables rectangular, metadata present.
 *
 * @example
 * ```ts
 * const meta = { seed: 7, createdAt: '2026-01-01T00:00:00Z', version: '0.1.0' };
 * validateReport({ title: 'Demo', sections: [{ id: 'x', title: 'X' }], meta });     // ok
 * validateReport({ title: 'Demo', sections: [{ id: 'a b', title: 'X' }], meta });   // throws PathwiseRangeError
 * ```
 */
export function validateReport(report: Report, fn = 'validateReport'): void {
  if (typeof report.title !== 'string') throw new PathwiseTypeError(`${fn}: title must be a string, got ${show(report.title)}`);
  if (report.subtitle !== undefined && typeof report.subtitle !== 'string') {
    throw new PathwiseTypeError(`${fn}: subtitle must be a string, got ${show(report.subtitle)}`);
  }
  if (!Array.isArray(report.sections)) throw new PathwiseTypeError(`${fn}: sections must be an array, got ${show(report.sections)}`);
  const meta: unknown = report.meta;
  if (typeof meta !== 'object' || meta === null) throw new PathwiseTypeError(`${fn}: meta must be an object, got ${show(meta)}`);
  for (const key of ['createdAt', 'version'] as const) {
    if (typeof report.meta[key] !== 'string') throw new PathwiseTypeError(`${fn}: meta.${key} must be a string, got ${show(report.meta[key])}`);
  }
  if (typeof report.meta.seed !== 'number' && typeof report.meta.seed !== 'string') {
    throw new PathwiseTypeError(`${fn}: meta.seed must be a number or a string, got ${show(report.meta.seed)}`);
  }
  const ids = new Set<string>();
  for (const section of report.sections) {
    if (typeof section.id !== 'string' || !sectionId.test(section.id)) {
      throw new PathwiseRangeError(`${fn}: section id must match ${sectionId}, got ${show(section.id)}`);
    }
    if (ids.has(section.id)) throw new PathwiseRangeError(`${fn}: section id ${show(section.id)} is used twice`);
    ids.add(section.id);
    for (const key of ['title', 'text'] as const) {
      const value = section[key];
      if (value !== undefined && typeof value !== 'string') {
        throw new PathwiseTypeError(`${fn}: section ${show(section.id)}: ${key} must be a string, got ${show(value)}`);
      }
    }
    (section.tables ?? []).forEach((table: Table) => resolveColumns(table, `${fn}: section ${show(section.id)}`));
    for (const plot of section.plots ?? []) {
      if (typeof plot.spec !== 'object' || plot.spec === null) {
        throw new PathwiseTypeError(`${fn}: section ${show(section.id)}: every plot needs a Vega-Lite spec, got ${show(plot.spec)}`);
      }
    }
  }
}

/** JSON.stringify replacer: numbers JSON cannot hold become strings instead of a silent null. */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/**
 * report.json: format tag, title, metadata and, per section, text, tables (column names, raw rows,
 * caption) and plots (caption and Vega-Lite spec with inline data). Pretty-printed for diffing.
 *
 * @example
 * ```ts
 * const json = reportToJson(report);
 * JSON.parse(json).sections[0].tables[0].rows[0][1];   // the number exactly as given, e.g. 2.6487212707001282
 * ```
 */
export function reportToJson(report: Report): string {
  validateReport(report, 'reportToJson');
  const document = {
    format: reportFormat.name,
    formatVersion: reportFormat.version,
    title: report.title,
    ...(report.subtitle === undefined ? {} : { subtitle: report.subtitle }),
    meta: report.meta,
    sections: report.sections.map((section) => ({
      id: section.id,
      title: section.title,
      text: section.text ?? '',
      tables: (section.tables ?? []).map((table) => ({
        columns: resolveColumns(table, 'reportToJson'),
        rows: table.rows,
        ...(table.caption === undefined ? {} : { caption: table.caption }),
      })),
      plots: (section.plots ?? []).map((plot) => ({
        ...(plot.caption === undefined ? {} : { caption: plot.caption }),
        spec: plot.spec,
      })),
    })),
  };
  return `${JSON.stringify(document, keepNonFinite, 2)}\n`;
}
