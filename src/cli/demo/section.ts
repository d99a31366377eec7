/** What every demo section receives and returns. */
import type { ReportSection } from '../../report/index.js';

export interface DemoContext {
  readonly seed: number;
  /** Base number of Monte Carlo samples; sections scale it to their needs. */
  readonly samples: number;
}

export interface DemoSection extends ReportSection {
  /** Every number of the section, for report.json and --json (tables and plots carry them too). */
  readonly numbers?: Record<string, number | string | boolean | null>;
}

export type SectionBuilder = (ctx: DemoContext) => DemoSection;

/** z-score of an estimate against the truth (NaN when the stderr is 0 and the estimate is exact). */
export function zOf(mean: number, stderr: number, truth: number): number {
  const d = mean - truth;
  return stderr > 0 ? d / stderr : d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
}
