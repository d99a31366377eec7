/**
 * `pathwise bench [names…]`: runs the benchmarks of bench/ (in a source checkout; they compare against
 * NumPy, a C program and PyTorch measured in the same run and skip a missing peer).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError, UsageError, type CliContext } from './common.js';

export function registerBench(program: Command, ctx: CliContext): void {
  program
    .command('bench')
    .argument('[names...]', 'benchmarks to run (default: all): elementwise, random, estimators, greeks, sde, vae')
    .description('run the benchmarks against NumPy, C and PyTorch (needs the source checkout)')
    .addHelpText('after', '\nExamples:\n  $ pathwise bench\n  $ pathwise bench random estimators')
    .action((names: string[]) => {
      const dir = fileURLToPath(new URL('../../bench/', import.meta.url));
      if (!existsSync(join(dir, 'run.ts'))) throw new UsageError('the benchmarks live in the source checkout (bench/); run this command there');
      const available = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3));
      const unknown = names.filter((n) => !available.includes(n));
      if (unknown.length > 0) throw new UsageError(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
      if (ctx.checkOnly) return;
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, 'run.ts'), ...names], { stdio: 'inherit' });
      if (r.status !== 0) throw new CliError(`the benchmarks failed (${r.signal !== null ? `signal ${r.signal}` : `exit code ${r.status}`})`, 'runtime');
    });
}
