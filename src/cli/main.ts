#!/usr/bin/env node
/**
 * The `pathwise` command. `main(argv, options)` runs it in-process and resolves to the exit code; when this
 * file is the program Node was started with, it runs on process.argv.
 *
 * Exit codes: 0 success; 1 run-time failure (the computation, the user's program, a report write);
 * 2 usage or input error (bad flag or value, an option that does not apply, a missing or invalid file, an
 * output folder that cannot hold a report, a request over the --max-memory / --max-work budget), always
 * found before any computation; 130 interrupted (Ctrl-C). Every error is one line on stderr, `pathwise:
 * <message>`, with the stack trace only under --verbose; with --json, stdout holds
 * `{"error": {"code", "message"}}` and nothing else. A closed stdout (`pathwise --help | head`) ends the
 * run quietly with exit code 0.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { addBudgetOptions } from './budget.js';
import { CliError, exitCodeOf, isPathwiseError, jsonText, processIo, type CliContext, type CliIo, type ErrorCode } from './common.js';
import { registerDemo } from './demo/index.js';
import { registerCompare } from './compare.js';
import { registerGreeks } from './greeks.js';
import { registerTrain } from './train.js';
import { registerSde } from './sde.js';
import { registerBench } from './bench.js';
import { registerWorker } from './worker.js';
import { InterruptedError } from '../parallel/errors.js';
import { VERSION } from './version.js';

/** Every command of `pathwise`, in help order: a new command is one more entry here. */
export const COMMANDS: readonly ((program: Command, ctx: CliContext) => void)[] = [
  registerDemo, registerCompare, registerGreeks, registerTrain, registerSde, registerBench, registerWorker,
];

const EXIT_HELP = `
Exit codes:
  0    success
  1    run-time failure (the computation, the program of \`compare FILE\`, writing a report)
  2    usage or input error, found before any computation (flags, values, files, folders, budget)
  130  interrupted (Ctrl-C)
Errors are one line on stderr (the stack trace only with --verbose); with --json, stdout holds
{"error": {"code", "message"}}.`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('pathwise')
    .description('Gradients of expectations with honest standard errors.')
    .version(VERSION)
    .option('--verbose', 'print the stack trace of an error too')
    .exitOverride()
    // Commander's own error text is replaced by one line (see main); help and version go to stdout.
    .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: () => undefined, outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXIT_HELP);
  addBudgetOptions(program);
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

export interface MainOptions {
  /** Where output goes (default: the process's streams). */
  readonly io?: CliIo;
  /** Stop each command after its checks, before any computation. */
  readonly checkOnly?: boolean;
}

/** Runs the command line on `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const ctx: CliContext = { io, checkOnly: options.checkOnly ?? false };
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    return reportError(e, io, program, flags);
  }
}

function describe(e: unknown, program: Command, flags: readonly string[]): { code: ErrorCode; message: string } | null {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return null;
    const name = flags.find((a) => !a.startsWith('-'));
    const command = program.commands.find((c) => c.name() === name);
    if (e.code === 'commander.help') {
      return { code: 'usage', message: `a command is required: ${program.commands.map((c) => c.name()).join(', ')} (see pathwise --help)` };
    }
    return { code: 'usage', message: `${e.message.replace(/^error: /, '')} (see pathwise${command !== undefined ? ` ${command.name()}` : ''} --help)` };
  }
  if (e instanceof CliError) return { code: e.code, message: e.message };
  if (e instanceof InterruptedError) return { code: 'interrupted', message: e.message };
  if (isPathwiseError(e)) return { code: 'runtime', message: e.message };
  const text = e instanceof Error ? `${e.name}: ${e.message}` : `uncaught ${typeof e}: ${String(e)}`;
  return { code: 'runtime', message: `internal error: ${text}` };
}

function stackOf(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e; x !== undefined && x !== null; x = (x as { cause?: unknown }).cause) {
    parts.push(x instanceof Error ? (x.stack ?? String(x)) : String(x));
    if (!(x instanceof Error)) break;
  }
  return parts.join('\nCaused by: ');
}

function reportError(e: unknown, io: CliIo, program: Command, flags: readonly string[]): number {
  const d = describe(e, program, flags);
  if (d === null) return 0;
  const line = d.message.split('\n')[0]!.trim();
  io.stderr.write(`pathwise: ${line}\n`);
  if (flags.includes('--verbose') && d.code !== 'interrupted') io.stderr.write(`${stackOf(e)}\n`);
  if (flags.includes('--json')) io.stdout.write(jsonText({ error: { code: d.code, message: line } }));
  return exitCodeOf(d.code);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A reader that stops early (`pathwise --help | head`) closes the pipe: end quietly, it got what it wanted.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  process.exitCode = await main(process.argv.slice(2));
}
