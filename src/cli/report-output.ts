/**
 * Report folders on the command line: checked before any computation (a usage error, exit 2, naming the
 * flag), written whole or not at all afterwards (a failed write is a run-time failure, exit 1, and the
 * previous report stays).
 */
import { checkReportFolder, writeReport, type Report, type WrittenReport } from '../report/index.js';
import { CliError, isPathwiseError, UsageError, type CliContext } from './common.js';

/** Throws a UsageError (code 'output') when `dir` cannot receive a report. */
export async function checkOutputFolder(ctx: CliContext, flag: string, dir: string): Promise<void> {
  try {
    await checkReportFolder(dir, flag, ctx.io.fs);
  } catch (e) {
    if (isPathwiseError(e)) throw new UsageError(e.message, 'output', { cause: e });
    throw e;
  }
}

/** Writes the report; a failure is one line naming the folder and the reason (exit 1). */
export async function writeReportTo(ctx: CliContext, report: Report, dir: string): Promise<WrittenReport> {
  try {
    return await writeReport(report, dir, ctx.io.fs !== undefined ? { fs: ctx.io.fs } : {});
  } catch (e) {
    if (isPathwiseError(e)) throw new CliError(e.message, 'runtime', { cause: e });
    throw e;
  }
}
