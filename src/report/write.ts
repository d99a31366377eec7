/**
 * Writes a report to a folder: index.html (self-contained, offline) and report.json (every number).
 * The only Node-specific code of src/report. node:fs and node:path are imported when a function here is
 * called, not when the module loads, so that importing the report layer in a browser still works; there,
 * use {@link reportToHtml} and {@link reportToJson} and save the strings however the page likes.
 *
 * A report is written whole or not at all: both files go into a new hidden folder next to the target,
 * which then replaces the target by rename. A write that fails midway (disk full, permissions) removes
 * the new folder and leaves the previous report as it was. Folders are created one level at a time
 * (never `mkdir -p`, which loops forever on some virtual file systems such as /proc), and only below an
 * existing folder that accepts a new entry.
 */

import { PathwiseError, PathwiseRangeError, show } from '../errors.js';
import { reportToHtml } from './html.js';
import { reportToJson, validateReport, type Report } from './report.js';

/** Absolute paths of the two files written. */
export interface WrittenReport {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/**
 * The file-system calls the writer makes, as in node:fs/promises (mkdir and rm never recursive-create).
 * Injectable so that tests can make a write fail midway; {@link nodeReportFs} is the real one.
 */
export interface ReportFs {
  lstat(path: string): Promise<{ isDirectory(): boolean }>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<unknown>;
  rmdir(path: string): Promise<void>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file or a folder with its contents; a missing path is not an error. */
  remove(path: string): Promise<void>;
}

/** The files a report folder holds; a folder holding anything else is never replaced. */
export const REPORT_FILES: readonly string[] = ['index.html', 'report.json'];

/** The real file system (node:fs/promises), loaded on first use. */
export async function nodeReportFs(): Promise<ReportFs> {
  const fs = await import('node:fs/promises');
  return {
    lstat: (p) => fs.lstat(p),
    readdir: (p) => fs.readdir(p),
    mkdir: (p) => fs.mkdir(p),
    rmdir: (p) => fs.rmdir(p),
    writeFile: (p, d) => fs.writeFile(p, d, 'utf8'),
    rename: (a, b) => fs.rename(a, b),
    remove: (p) => fs.rm(p, { recursive: true, force: true }),
  };
}

/** What {@link checkReportFolder} found: the absolute target and the folders still to be created. */
export interface ReportTarget {
  readonly root: string;
  /** Whether `root` exists (as a folder holding only report files, or empty). */
  readonly exists: boolean;
  /** Missing folders between the nearest existing one and `root` (included when missing), outermost first. */
  readonly missing: readonly string[];
}

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

function reason(e: unknown): string {
  const c = code(e);
  const known: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
    ENOSPC: 'no space left on device', EDQUOT: 'disk quota exceeded', ENOENT: 'no such file or folder',
    ENOTDIR: 'not a folder', EEXIST: 'already exists', ENAMETOOLONG: 'name too long', ELOOP: 'too many symbolic links',
  };
  if (c !== undefined && known[c] !== undefined) return `${known[c]} (${c})`;
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

let tempCounter = 0;
function tempName(parent: string, base: string, join: (...p: string[]) => string, kind: 'new' | 'old' | 'probe'): string {
  tempCounter++;
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}${tempCounter}`;
  return join(parent, `.${base}.pathwise-${kind}-${id}`);
}

/**
 * Checks, before any computation, that a report can be written to `dir`: the path is not empty, not the
 * current folder or one of its parents, `dir` is missing or a folder holding only a previous report
 * (index.html, report.json), and its nearest existing ancestor is a folder that accepts a new entry
 * (tried by creating and removing an empty folder there). Creates nothing that outlives the call.
 *
 * @param where - names the caller or the flag in the error, e.g. '--out'
 * @throws PathwiseRangeError naming `where`, the path and what is wrong
 * @example
 * ```ts
 * const target = await checkReportFolder('pathwise-report', '--out');
 * // { root: '/abs/pathwise-report', exists: false, missing: ['/abs/pathwise-report'] }
 * await checkReportFolder('/proc/forbidden', '--out');   // throws: --out: cannot create a folder in /proc …
 * ```
 */
export async function checkReportFolder(dir: string, where = 'writeReport', fs?: ReportFs): Promise<ReportTarget> {
  const files = fs ?? await nodeReportFs();
  const { resolve, dirname, relative, isAbsolute, sep } = await import('node:path');
  if (typeof dir !== 'string' || dir.trim() === '') throw new PathwiseRangeError(`${where}: the report folder must be a non-empty path, got ${show(dir)}`);
  if (dir.includes('\0')) throw new PathwiseRangeError(`${where}: the report folder must not contain a NUL character, got ${show(dir)}`);
  const root = resolve(dir);
  const fromRoot = relative(root, process.cwd());
  if (fromRoot === '' || (fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot))) {
    throw new PathwiseRangeError(`${where}: the report folder must not be the current folder or one of its parents, got ${show(dir)}`);
  }
  const missing: string[] = [];
  let at = root;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = (await files.lstat(at)).isDirectory();
    } catch (e) {
      if (code(e) === 'ENOENT') {
        const up = dirname(at);
        if (up === at) throw new PathwiseRangeError(`${where}: no existing folder above ${show(dir)}`);
        missing.unshift(at);
        at = up;
        continue;
      }
      if (code(e) === 'ENOTDIR') throw new PathwiseRangeError(`${where}: ${show(dir)} lies under a file, not a folder`);
      throw new PathwiseRangeError(`${where}: cannot inspect ${at}: ${reason(e)}`);
    }
    if (!isDir) {
      throw new PathwiseRangeError(at === root
        ? `${where}: the report folder must be a folder, got the file ${show(dir)}`
        : `${where}: ${show(dir)} lies under ${at}, which is a file, not a folder`);
    }
    break;
  }
  const exists = missing.length === 0;
  if (exists) {
    let entries: string[];
    try {
      entries = await files.readdir(root);
    } catch (e) {
      throw new PathwiseRangeError(`${where}: cannot read the folder ${show(dir)}: ${reason(e)}`);
    }
    const other = entries.filter((f) => !REPORT_FILES.includes(f));
    if (other.length > 0) {
      throw new PathwiseRangeError(`${where}: ${show(dir)} holds files that are not a pathwise report (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''}); give a new or a report folder`);
    }
  }
  // The folder that will receive a new entry: the target's parent, or the nearest existing ancestor.
  const host = exists ? dirname(root) : at;
  if (host === root) throw new PathwiseRangeError(`${where}: the report folder must not be the file-system root, got ${show(dir)}`);
  const { join, basename } = await import('node:path');
  const probe = tempName(host, basename(root), join, 'probe');
  try {
    await files.mkdir(probe);
  } catch (e) {
    throw new PathwiseRangeError(`${where}: cannot create a folder in ${host}: ${reason(e)}`);
  }
  await files.rmdir(probe).catch(() => undefined);
  return { root, exists, missing };
}

/**
 * Renders every plot and writes `dir/index.html` and `dir/report.json`, replacing a previous report in
 * `dir` as a whole. Both strings are built first; the files go into a new folder next to `dir` that is
 * renamed into place only when both are complete, so a failure at any point (a plot that does not render,
 * a full disk) leaves the previous report intact and no partial or temporary file behind.
 *
 * @param options.fs - the file-system layer (default: node:fs/promises); tests inject failures here
 * @throws PathwiseRangeError when `dir` cannot hold a report (see {@link checkReportFolder}); PathwiseError
 *   when a write fails (the message names the path and the reason)
 * @example
 * ```ts
 * const { htmlPath, jsonPath } = await writeReport(report, 'pathwise-report');
 * // htmlPath: '/abs/path/pathwise-report/index.html', jsonPath: '/abs/path/pathwise-report/report.json'
 * ```
 */
export async function writeReport(report: Report, dir: string, options: { fs?: ReportFs } = {}): Promise<WrittenReport> {
  validateReport(report, 'writeReport');
  const html = await reportToHtml(report);
  const json = reportToJson(report);
  const fs = options.fs ?? await nodeReportFs();
  const { join, dirname, basename } = await import('node:path');
  const target = await checkReportFolder(dir, 'writeReport', fs);
  const { root } = target;
  const fail = (what: string, e: unknown): never => {
    throw new PathwiseError(`writeReport: cannot ${what} ${root}: ${reason(e)}; any previous report there is unchanged`);
  };
  // Missing outer folders are created level by level; the report folder itself arrives by rename.
  for (const m of target.missing.slice(0, -1)) {
    await fs.mkdir(m).catch((e: unknown) => (code(e) === 'EEXIST' ? undefined : fail('create the folders for', e)));
  }
  const parent = dirname(root), base = basename(root);
  const fresh = tempName(parent, base, join, 'new');
  try {
    await fs.mkdir(fresh);
  } catch (e) {
    fail('write', e);
  }
  try {
    await fs.writeFile(join(fresh, 'index.html'), html);
    await fs.writeFile(join(fresh, 'report.json'), json);
  } catch (e) {
    await fs.remove(fresh).catch(() => undefined);
    fail('write', e);
  }
  await swapIn(fs, fresh, root, tempName(parent, base, join, 'old'), fail);
  return { htmlPath: join(root, 'index.html'), jsonPath: join(root, 'report.json') };
}

/** Moves the finished folder `fresh` to `root`; a previous `root` is set aside first and restored on failure. */
async function swapIn(fs: ReportFs, fresh: string, root: string, old: string, fail: (what: string, e: unknown) => never): Promise<void> {
  let setAside = false;
  try {
    await fs.rename(root, old);
    setAside = true;
  } catch (e) {
    if (code(e) !== 'ENOENT') {
      await fs.remove(fresh).catch(() => undefined);
      fail('replace', e);
    }
  }
  try {
    await fs.rename(fresh, root);
  } catch (e) {
    if (setAside) await fs.rename(old, root).catch(() => undefined);
    await fs.remove(fresh).catch(() => undefined);
    fail('replace', e);
  }
  if (setAside) await fs.remove(old).catch(() => undefined);
}
