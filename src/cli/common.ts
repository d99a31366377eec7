/**
 * Conventions shared by every command: where output goes (an injectable {@link CliIo}, so the whole
 * command line runs in-process in tests), errors as one readable line with a documented exit code,
 * options validated with zod into messages naming the flag and the value, options that do not apply
 * refused, `--json` printing one object and nothing else on stdout, colour only on a terminal without
 * NO_COLOR, and a progress bar on stderr for work longer than a second when stderr is a terminal.
 */
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { PathwiseError } from '../errors.js';
import { formatTable, sanitizeTerminalText, wrapText } from '../report/table.js';
import type { Table } from '../report/table-model.js';
import type { ReportFs } from '../report/write.js';

/** Exit codes (documented in the README and `pathwise --help`). */
export const EXIT = {
  /** success */
  ok: 0,
  /** a run-time failure: the computation, the user's program or a report write failed */
  failure: 1,
  /** a usage or input error, found before any computation: bad flag, value, file, folder or budget */
  usage: 2,
  /** interrupted by Ctrl-C (SIGINT: the shell reports 128 + 2) */
  interrupted: 130,
} as const;

/**
 * What went wrong, as `error.code` in `--json` output: usage (flags and values), input (the FILE of
 * `compare`), output (the report folder), budget (--max-memory / --max-work), runtime (exit code 1).
 */
export type ErrorCode = 'usage' | 'input' | 'output' | 'budget' | 'runtime' | 'interrupted';

/** An error the command line reports as one line; `code` decides the exit code (runtime → 1, else 2). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly code: ErrorCode = 'usage', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A usage problem (bad flag or value, missing file): one line, exit code 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, code: Exclude<ErrorCode, 'runtime'> = 'usage', options?: { cause?: unknown }) {
    super(message, code, options);
  }
}

/**
 * Whether `e` is one of the library's errors. A user's module loaded by `compare` may hold its own copy of
 * the library (tsx loads it in a separate module graph), so the class is recognized by name as well.
 */
export function isPathwiseError(e: unknown): e is Error {
  if (e instanceof PathwiseError) return true;
  for (let p: unknown = e instanceof Error ? Object.getPrototypeOf(e) : null; p !== null && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
    if ((p as { constructor?: { name?: string } }).constructor?.name === 'PathwiseError') return true;
  }
  return false;
}

export function exitCodeOf(code: ErrorCode): number {
  if (code === 'interrupted') return 130;
  return code === 'runtime' ? EXIT.failure : EXIT.usage;
}

/** A stream the command line writes to (process.stdout, or a string buffer in tests). */
export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width in columns (set by Node on a TTY). */
  readonly columns?: number | undefined;
}

/** Where a run reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The file-system layer reports are written through (default: node:fs/promises). */
  readonly fs?: ReportFs;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** What every command's action receives besides its flags. */
export interface CliContext {
  readonly io: CliIo;
  /**
   * Stop after every check that precedes computation (flags, files, output folder, budget): used by the
   * test that runs every `--help` example.
   */
  readonly checkOnly: boolean;
}

export interface GlobalOptions {
  readonly json: boolean;
  readonly quiet: boolean;
}

/** Colour is used only when the stream is a terminal and NO_COLOR is unset. */
export function useColor(io: CliIo, stream: OutStream = io.stdout): boolean {
  return stream.isTTY === true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
}

/** Width when the output is not a terminal and COLUMNS is unset: the classic terminal's. */
export const DEFAULT_WIDTH = 80;

/**
 * The width tables are fitted to: the terminal's on a TTY, else COLUMNS (a positive integer) when set,
 * else {@link DEFAULT_WIDTH}, so that piped output also reads on a terminal and in a pager.
 */
export function outputWidth(io: CliIo, stream: OutStream = io.stdout): number {
  if (stream.isTTY === true && Number.isInteger(stream.columns) && stream.columns! > 0) return stream.columns!;
  const env = Number(io.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : DEFAULT_WIDTH;
}

/** A table as the command line prints it: fitted to {@link outputWidth}, coloured per {@link useColor}. */
export function tableText(io: CliIo, table: Table): string {
  return formatTable(table, { color: useColor(io), width: outputWidth(io) });
}

/**
 * Lines of prose (notes, warnings) fitted to {@link outputWidth}: each wraps at spaces, its continuation
 * lines indented by two spaces; every line ends with a newline.
 */
export function proseText(io: CliIo, lines: readonly string[]): string {
  const width = Math.max(20, outputWidth(io)) - 2;
  return lines.map((line) => `${wrapText(sanitizeTerminalText(line), width).join('\n  ')}\n`).join('');
}

/** Parses `value` (a flag's string) with a zod schema; the error names the flag and the value. */
export function parseOption<T>(flag: string, value: unknown, schema: z.ZodType<T>): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'} (got ${JSON.stringify(value)})`);
}

/** Plain decimal or exponent notation: 100, -0.05, .5, 1e6, 2.5E-3. No hex, binary, Infinity or blanks. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number from a flag's text, in decimal or exponent notation only. */
export const number = z.string().transform((s, ctx) => {
  if (s.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a number' });
    return z.NEVER;
  }
  if (!DECIMAL.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'expected a number in decimal or exponent notation (e.g. 100, 0.05, 1e6)' });
    return z.NEVER;
  }
  const v = Number(s);
  if (!Number.isFinite(v)) {
    ctx.addIssue({ code: 'custom', message: 'expected a finite number' });
    return z.NEVER;
  }
  return v;
});
export const positive = number.refine((v) => v > 0, 'must be > 0');
export const nonNegative = number.refine((v) => v >= 0, 'must be ≥ 0');
export const positiveInteger = number.refine((v) => Number.isSafeInteger(v) && v > 0, 'must be a positive integer');
/** A count of Monte Carlo samples or paths: a standard error needs at least two. */
export const sampleCount = number.refine((v) => Number.isSafeInteger(v) && v >= 2, 'must be an integer ≥ 2 (a standard error needs two samples)');
export const seed = number.refine((v) => Number.isSafeInteger(v) && v >= 0, 'must be an integer ≥ 0');

/** A comma-separated list whose items all belong to `allowed`. */
export function listOf<T extends string>(allowed: readonly T[]): z.ZodType<T[]> {
  return z.string().transform((s, ctx) => {
    const items = s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
    const bad = items.filter((x) => !allowed.includes(x as T));
    if (items.length === 0 || bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `expected a comma-separated list of ${allowed.join(', ')}${bad.length > 0 ? `; unknown: ${bad.join(', ')}` : ''}` });
      return z.NEVER;
    }
    return items as T[];
  });
}

/** One of `allowed`. */
export function oneOf<T extends string>(allowed: readonly T[]): z.ZodType<T> {
  return z.string().refine((s): s is T => allowed.includes(s as T), `expected one of ${allowed.join(', ')}`) as unknown as z.ZodType<T>;
}

/** Whether the user typed the option (as opposed to a default), by its attribute name (e.g. 'barrierType'). */
export function given(command: Command, key: string): boolean {
  const source = command.getOptionValueSource(key);
  return source !== undefined && source !== 'default' && source !== 'implied';
}

/** The flag of an option attribute: barrierType → --barrier-type. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Refuses options the user gave that this request does not use: one error naming them and why.
 * @example
 * refuseUnused(cmd, ['barrier', 'rebate'], 'barrier options need --payoff barrier (got --payoff call)');
 * // UsageError: --barrier, --rebate do not apply: barrier options need --payoff barrier (got --payoff call)
 */
export function refuseUnused(command: Command, keys: readonly string[], why: string): void {
  const bad = keys.filter((k) => given(command, k));
  if (bad.length > 0) throw new UsageError(`${bad.map(flagOf).join(', ')} ${bad.length === 1 ? 'does' : 'do'} not apply: ${why}`);
}

/**
 * Refuses the request when any required option is missing, naming all of them at once.
 * @example
 * requireOptions(cmd, ['spot', 'strike', 'rate']);   // UsageError: --strike, --rate are required
 */
export function requireOptions(command: Command, keys: readonly string[], alsoMissing: readonly string[] = []): void {
  const opts = command.opts<Record<string, unknown>>();
  const missing = [...keys.filter((k) => opts[k] === undefined).map(flagOf), ...alsoMissing];
  if (missing.length > 0) throw new UsageError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`);
}

export interface Progress {
  /** Advances by `n` units of work. */
  tick(n?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr that appears only once the work has lasted a second, and never in --json or
 * --quiet mode or when stderr is not a terminal.
 */
export function progress(io: CliIo, total: number, label: string, options: GlobalOptions): Progress {
  if (options.json || options.quiet || io.stderr.isTTY !== true) return { tick: () => undefined, stop: () => undefined };
  const started = Date.now();
  let done = 0;
  let bar: SingleBar | null = null;
  return {
    tick(n = 1) {
      done += n;
      if (bar === null && Date.now() - started > 1000) {
        bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true });
        bar.start(total, done);
      } else bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/** JSON text with non-finite numbers as strings ("NaN", "Infinity"). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}

/** Writes one JSON object to stdout (the only output in --json mode). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(jsonText(value));
}
