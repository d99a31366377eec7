/** `pathwise worker` processes for the cluster tests, with their log lines. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedis, type RedisServer } from './redis.js';

export const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Log lines so far. */
  readonly lines: string[];
  /** Resolves with the first log line matching `re`. */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  /** Resolves with [code, signal] when the process has exited. */
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
}

export function startWorker(redis: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--redis', redis, '--modules', FIXTURES, '--concurrency', '1', '--verbose', ...extra], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let buffer = '';
  child.stderr!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
    }
  });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
  return {
    child, lines, exited,
    waitFor(re, ms = 120_000) {
      const seen = lines.find((l) => re.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no line ${String(re)} in ${ms} ms; log:\n${lines.join('\n')}`)), ms);
        waiters.push({ re, resolve: (l) => { clearTimeout(t); resolve(l); } });
      });
    },
  };
}

/** Runs the CLI to completion. */
export function runWorkerCli(args: readonly string[], timeout = 30_000): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'worker', ...args], { encoding: 'utf8', timeout });
  return { code: r.status, stderr: r.stderr };
}

/** A real redis-server and `workers` ready `pathwise worker` processes on it; `stop` ends them all. */
export interface LocalCluster {
  readonly redis: RedisServer;
  readonly workers: readonly WorkerProcess[];
  stop(): Promise<void>;
}

export async function startCluster(workers = 2): Promise<LocalCluster> {
  const redis = await startRedis();
  const procs = Array.from({ length: workers }, () => startWorker(redis.url));
  await Promise.all(procs.map((w) => w.waitFor(/ready/)));
  return {
    redis, workers: procs,
    async stop() {
      for (const w of procs) w.child.kill('SIGTERM');
      await Promise.all(procs.map((w) => w.exited));
      await redis.stop();
    },
  };
}
