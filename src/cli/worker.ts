/**
 * `pathwise worker --redis URL [--modules DIR …] [--concurrency N]`: a cluster worker. It computes the blocks
 * of runs submitted with --cluster (or the `cluster` option) to the same Redis, importing only pathwise's
 * own modules and modules under the --modules directories. Ctrl-C stops taking jobs, lets running blocks
 * finish and exits 130; a second Ctrl-C ends it at once (its blocks are then retried by another worker).
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { CliContext } from './common.js';
import { InterruptedError } from '../parallel/errors.js';
import { withInterrupt } from '../parallel/interrupt.js';
import { DEFAULT_LOCK_MS, DEFAULT_QUEUE } from '../parallel/cluster-jobs.js';
import { moduleDirs } from '../parallel/run-spec.js';
import { UsageError, parseOption, positiveInteger } from './common.js';

interface WorkerFlags {
  redis?: string;
  modules: string[];
  concurrency?: string;
  queue: string;
  lockDuration?: string;
  verbose?: boolean;
}

function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function registerWorker(program: Command, ctx?: CliContext): void {
  program
    .command('worker')
    .description('compute blocks of cluster runs from a Redis queue (BullMQ)')
    .requiredOption('--redis <url>', 'redis://[user:password@]HOST:PORT[/db], or rediss://… for TLS')
    .option('--modules <dir...>', 'directories whose modules runs may use (besides pathwise\'s own)', [])
    .option('--concurrency <n>', 'blocks computed at once, one worker thread each (default: the cores)')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--lock-duration <ms>', `how soon a dead worker's block goes to another worker (default ${DEFAULT_LOCK_MS})`)
    .option('--verbose', 'log every block started and finished')
    .addHelpText('after', '\nExamples:\n  $ redis-server --port 6379\n  $ pathwise worker --redis redis://127.0.0.1:6379 --modules examples --concurrency 4')
    .action(async (flags: WorkerFlags, command: Command) => {
      // The worker's machinery (BullMQ, ioredis, piscina) loads only when this command runs.
      const { checkRedisURL } = await import('../parallel/redis.js');
      const { runWorker } = await import('../parallel/worker-process.js');
      const redis = usage(() => checkRedisURL(flags.redis));
      const concurrency = flags.concurrency === undefined ? availableParallelism() : parseOption('--concurrency', flags.concurrency, positiveInteger);
      const lockDuration = flags.lockDuration === undefined ? DEFAULT_LOCK_MS : parseOption('--lock-duration', flags.lockDuration, positiveInteger);
      usage(() => moduleDirs(flags.modules));
      if (ctx?.checkOnly === true) return;
      let interrupted = false;
      await withInterrupt(async (signal) => {
        signal.addEventListener('abort', () => (interrupted = true), { once: true });
        await runWorker({ redis, modules: flags.modules, concurrency, lockDuration, queue: flags.queue, verbose: flags.verbose === true || command.optsWithGlobals().verbose === true, signal });
      });
      if (interrupted) throw new InterruptedError('worker stopped');
    });
}
