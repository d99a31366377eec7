/**
 * The resource budget of a run, checked from the request before any work: every command estimates the
 * memory it will hold at once and its work in sample-steps (one random variate drawn and carried through
 * the computation once: about 1 µs here, 0.3–3 µs depending on the command), and a request over
 * `--max-memory` (default 2 GB) or `--max-work` (default 1e10 sample-steps, a few hours of one core) is
 * refused with one line, exit 2, instead of hanging or swapping. The estimates are rough upper bounds
 * (within a small factor, calibrated on this machine under load), not a promise.
 */
import type { Command } from 'commander';
import { formatBytes } from '../tensor/allocate.js';
import { parseOption, UsageError } from './common.js';
import { z } from 'zod';

export const DEFAULT_MAX_MEMORY = 2e9;
export const DEFAULT_MAX_WORK = 1e10;

export interface Budget {
  /** Bytes. */
  readonly maxMemory: number;
  /** Sample-steps. */
  readonly maxWork: number;
}

/** What a request costs; `detail` says what the numbers come from (e.g. "1e+12 paths × 1 step × 6 estimates"). */
export interface Cost {
  readonly memory: number;
  readonly work: number;
  readonly detail: string;
}

const UNITS: Record<string, number> = {
  '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

/** A size such as 2GB, 512MB, 1.5GiB or 2e9 (bytes). */
export const size = z.string().transform((s, ctx) => {
  const m = /^((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([kKmMgGtT]i?[bB]|[bB])?$/.exec(s);
  const unit = UNITS[(m?.[2] ?? '').toLowerCase()];
  const v = m === null || unit === undefined ? NaN : Number(m[1]) * unit;
  if (!(Number.isFinite(v) && v > 0)) {
    ctx.addIssue({ code: 'custom', message: 'expected a positive size such as 2GB, 512MB, 1.5GiB or 2e9 (bytes)' });
    return z.NEVER;
  }
  return v;
});

const work = z.string().transform((s, ctx) => {
  const v = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
  if (!(Number.isFinite(v) && v > 0)) {
    ctx.addIssue({ code: 'custom', message: 'expected a positive number of sample-steps such as 1e10' });
    return z.NEVER;
  }
  return v;
});

/** Adds the budget options to the program (they apply to every command, before or after its name). */
export function addBudgetOptions(program: Command): Command {
  return program
    .option('--max-memory <size>', `refuse requests estimated to need more memory (default ${formatBytes(DEFAULT_MAX_MEMORY)})`)
    .option('--max-work <n>', `refuse requests estimated to need more work, in sample-steps: a random variate drawn and carried through once, about 1 µs (default ${count(DEFAULT_MAX_WORK)})`);
}

/** The budget from the global options. */
export function budgetOf(command: Command): Budget {
  const o = command.optsWithGlobals<{ maxMemory?: string; maxWork?: string }>();
  return {
    maxMemory: o.maxMemory === undefined ? DEFAULT_MAX_MEMORY : parseOption('--max-memory', o.maxMemory, size),
    maxWork: o.maxWork === undefined ? DEFAULT_MAX_WORK : parseOption('--max-work', o.maxWork, work),
  };
}

/** A count for a message, two significant digits from 1e7 up: 1e12 rather than 1000000000000, 20000 as is. */
export function count(n: number): string {
  return n >= 1e7 ? Number(n.toPrecision(2)).toExponential().replace('e+', 'e') : String(Math.round(n));
}

/**
 * Throws a UsageError (code 'budget') naming the estimate, what it comes from and the limit.
 * @example
 * checkBudget({ memory: 8e12, work: 1e12, detail: '1e12 paths' }, { maxMemory: 2e9, maxWork: 1e10 });
 * // UsageError: the request needs about 8 TB of memory (1e12 paths), over --max-memory 2 GB; …
 */
export function checkBudget(cost: Cost, budget: Budget): void {
  if (!(cost.memory <= budget.maxMemory)) {
    throw new UsageError(`the request needs about ${formatBytes(cost.memory)} of memory (${cost.detail}), over --max-memory ${formatBytes(budget.maxMemory)}; ask for less or raise --max-memory`, 'budget');
  }
  if (!(cost.work <= budget.maxWork)) {
    throw new UsageError(`the request needs about ${count(cost.work)} sample-steps of work (${cost.detail}), over --max-work ${count(budget.maxWork)}; ask for less or raise --max-work`, 'budget');
  }
}

/** Memory of the process before any work (code, the engine, small tables). */
export const BASE_MEMORY = 150e6;
