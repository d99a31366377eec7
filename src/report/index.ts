/**
 * The report layer: Vega-Lite plot specs built from plain arrays, headless SVG rendering, terminal tables,
 * and self-contained HTML + JSON reports. Everything here runs in a browser except that writeReport needs
 * Node (it loads node:fs only when called).
 */
export { linePlot, type LinePlotOptions, type LineSeries } from './plots/line-plot.js';
export { histogram, type HistogramOptions, type HistogramSeries } from './plots/histogram.js';
export { binValues, defaultBinCount, robustRange, type Binned } from './plots/bin.js';
export { scatterPlot, type ScatterPlotOptions, type ScatterSeries } from './plots/scatter-plot.js';
export { barPlot, type BarPlotOptions } from './plots/bar-plot.js';
export { imageGrid, type ImageGridOptions } from './plots/image-grid.js';
export { plotConfig, plotFont } from './plots/common.js';
export { renderSvg, labelSvg, offlineLoader, ReportLoadError, type RenderSvgOptions } from './render-svg.js';
export { formatNumber, formatCell } from './format-number.js';
export { resolveColumns, type Table, type TableCell, type TableColumn, type ResolvedColumn } from './table-model.js';
export { compareTable, flattenCompareRows, formatCompareRows, type FlatCompareRow } from './compare-table.js';
export { formatTable, sanitizeTerminalText, wrapText, MIN_WRAP, type FormatTableOptions } from './table.js';
export {
  reportToJson,
  validateReport,
  reportFormat,
  type Report,
  type ReportSection,
  type ReportPlot,
  type ReportMeta,
  type JsonValue,
} from './report.js';
export { reportToHtml, buildHtml, namespaceSvgIds } from './html.js';
export { escapeHtml, renderText } from './html-text.js';
export { writeReport, checkReportFolder, nodeReportFs, REPORT_FILES, type WrittenReport, type ReportFs, type ReportTarget } from './write.js';
export type { TopLevelSpec } from 'vega-lite';
