/**
 * `--workers`, `--cluster` and `--timeout`: where a command's Monte Carlo blocks are computed. Results are
 * the same bits on one thread, several threads or a cluster; Ctrl-C stops the threads and exits 130.
 */
import type { Command } from 'commander';
import '../parallel/index.js';   // registers worker threads and the cluster with the driver
import type { ParallelOptions } from '../montecarlo/execute.js';
import { number, parseOption, positiveInteger, UsageError } from './common.js';

export function addParallelFlags(cmd: Command): Command {
  return cmd
    .option('--workers <n>', 'worker threads (default: every core for runs big enough to pay off; env PATHWISE_WORKERS)')
    .option('--cluster <url>', 'compute the blocks on `pathwise worker` processes through Redis (redis://host:port, rediss:// for TLS)')
    .option('--timeout <s>', 'with --cluster: seconds to wait without any finished block before failing (default 60)');
}

/** The parallel options of a command's flags. */
export function parallelFlags(flags: { workers?: string; cluster?: string; timeout?: string }): ParallelOptions {
  const o: { workers?: number; cluster?: string; timeout?: number } = {};
  if (flags.workers !== undefined) o.workers = parseOption('--workers', flags.workers, positiveInteger);
  if (flags.cluster !== undefined) {
    if (!/^rediss?:\/\/[^\s]+$/.test(flags.cluster)) throw new UsageError(`--cluster: expected a redis:// or rediss:// URL (got ${JSON.stringify(flags.cluster)})`);
    o.cluster = flags.cluster;
  }
  if (flags.timeout !== undefined) {
    if (flags.cluster === undefined) throw new UsageError('--timeout applies to --cluster runs only');
    const t = parseOption('--timeout', flags.timeout, number);
    if (!(t > 0)) throw new UsageError(`--timeout: must be a positive number of seconds (got ${JSON.stringify(flags.timeout)})`);
    o.timeout = t;
  }
  if (o.cluster !== undefined && o.workers !== undefined) throw new UsageError('--workers and --cluster: give one (a cluster run uses the workers connected to Redis)');
  return o;
}
