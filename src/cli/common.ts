/**
 * Conventions shared by every command: options validated with zod into one readable line per
 * problem (exit code 2), `--json` printing one object and nothing else on stdout, colour only on a
 * terminal without NO_COLOR, and a progress bar on stderr for work longer than a second when stderr is
 * a terminal.
 */
import { SingleBar } from 'cli-progress';
import { z } from 'zod';

/** A usage problem (bad flag or value, missing file): printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface GlobalOptions {
  readonly json: boolean;
  readonly quiet: boolean;
}

/** Colour is used only when stdout is a terminal and NO_COLOR is unset. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? '') === '' && process.env.TERM !== 'dumb';
}

/** Parses `value` (a flag's string) with a zod schema; the error names the flag and the value. */
export function parseOption<T>(flag: string, value: unknown, schema: z.ZodType<T>): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'} (got ${JSON.stringify(value)})`);
}

/** A finite number from a flag's text. */
export const number = z.string().trim().min(1, 'expected a number').transform((s, ctx) => {
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

export interface Progress {
  /** Advances by `n` units of work. */
  tick(n?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr that appears only once the work has lasted a second, and never in --json or
 * --quiet mode or when stderr is not a terminal.
 */
export function progress(total: number, label: string, options: GlobalOptions): Progress {
  if (options.json || options.quiet || process.stderr.isTTY !== true) return { tick: () => undefined, stop: () => undefined };
  const started = Date.now();
  let done = 0;
  let bar: SingleBar | null = null;
  return {
    tick(n = 1) {
      done += n;
      if (bar === null && Date.now() - started > 1000) {
        bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true });
        bar.start(total, done);
      } else bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/** Writes one JSON object to stdout (the only output in --json mode). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
}
