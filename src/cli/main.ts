#!/usr/bin/env node
/**
 * The `pathwise` command. Exit codes: 0 ok, 1 runtime failure, 2 usage error. User errors print one
 * readable line, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { PathwiseError } from '../errors.js';
import { EXIT, UsageError } from './common.js';
import { registerDemo } from './demo/index.js';
import { registerCompare } from './compare.js';
import { registerGreeks } from './greeks.js';
import { registerTrain } from './train.js';
import { registerSde } from './sde.js';
import { registerBench } from './bench.js';
import { registerWorker } from './worker.js';
import { InterruptedError } from '../parallel/errors.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command('pathwise')
    .description('Gradients of expectations with honest standard errors.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerDemo(program);
  registerCompare(program);
  registerGreeks(program);
  registerTrain(program);
  registerSde(program);
  registerBench(program);
  registerWorker(program);
  return program;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof UsageError) {
      process.stderr.write(`pathwise: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof InterruptedError) {
      process.stderr.write(`pathwise: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof PathwiseError) {
      process.stderr.write(`pathwise: ${e.message}\n`);
      return EXIT.failure;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
