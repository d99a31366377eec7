#!/usr/bin/env node
/**
 * The `pathwise` command. Exit codes: 0 ok, 1 runtime failure, 2 usage error; user errors print one
 * readable line, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { PathwiseError } from '../errors.js';
import { runDemo } from './demo.js';

function main(argv: readonly string[]): number {
  const program = new Command('pathwise')
    .description('Gradients of expectations with honest standard errors.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('demo')
    .description('run a showcase of real computations and print their tables')
    .option('--json', 'print one JSON object instead of tables')
    .addHelpText('after', '\nExample:\n  $ pathwise demo\n  $ pathwise demo --json > demo.json')
    .action((opts: { json?: boolean }) => runDemo({ json: opts.json === true }));

  try {
    program.parse(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof PathwiseError) {
      process.stderr.write(`pathwise: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
