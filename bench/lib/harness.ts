/**
 * Shared benchmark harness: medians of repeated timings, and peers (NumPy, C, PyTorch) run in the same
 * process tree so that ratios are measured on the same machine at the same moment.
 * Benchmarks are scripts (`npx tsx bench/<name>.ts`), never tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The clock: wall time by default; with PATHWISE_BENCH_CLOCK=cpu, the process's CPU time (here and in the
 * Python peers' median_time), which stays meaningful on a machine shared with other busy processes.
 */
const CPU_CLOCK = process.env.PATHWISE_BENCH_CLOCK === 'cpu';
const now = CPU_CLOCK
  ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
  : () => performance.now();

/** Runs `fn` `warmup` times, then `runs` times, and returns the median time (wall or CPU) in seconds. */
export function timeMedian(fn: () => unknown, runs = 7, warmup = 2): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += consume(fn());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    sink += consume(fn());
    times.push((now() - t0) / 1000);
  }
  if (sink === 0.123456789) console.log('');  // keeps results alive so the work cannot be optimized away
  return median(times);
}

function consume(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x instanceof Float64Array) return x[x.length >> 1] ?? 0;
  return 0;
}

/**
 * Python interpreters to try for a peer; the first that imports all `modules` wins.
 * Debian's python3-torch installs for /usr/bin/python3 only, so it is tried as well.
 */
export function findPython(modules: readonly string[]): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', modules.map((m) => `import ${m}`).join(';')], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

/**
 * Runs a Python peer script that prints one JSON object on its last line; returns it, or null with a
 * printed reason when the interpreter or a module is missing. OpenBLAS variables are unset so that a
 * current NumPy picks its fastest kernels (they are set on this machine for old OpenBLAS builds).
 */
export function runPython(script: string, modules: readonly string[]): Record<string, number> | null {
  const py = findPython(modules);
  if (py === null) {
    console.log(`  (skipped: no python3 with ${modules.join(', ')})`);
    return null;
  }
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  env.OMP_NUM_THREADS = '1';
  env.MKL_NUM_THREADS = '1';
  env.OPENBLAS_NUM_THREADS = '1';
  const out = execFileSync(py, ['-c', script], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, number>;
}

/** Compiles a C program with `cc -O3 -march=native` and runs it; returns its last-line JSON, or null. */
export function runC(source: string, args: readonly string[] = []): Record<string, number> | null {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-bench-'));
  const src = join(dir, 'peer.c');
  const bin = join(dir, 'peer');
  writeFileSync(src, source);
  const cc = spawnSync('cc', ['-O3', '-march=native', '-o', bin, src, '-lm'], { encoding: 'utf8' });
  if (cc.status !== 0) {
    console.log(`  (skipped: cc failed: ${(cc.stderr ?? '').split('\n')[0]})`);
    return null;
  }
  const out = execFileSync(bin, [...args], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, number>;
}

/** Python prelude for peers: a `median_time(fn, runs, warmup)` helper matching timeMedian. */
export const PY_TIMER = `
import time, json, statistics
clock = ${CPU_CLOCK ? 'time.process_time' : 'time.perf_counter'}
def median_time(fn, runs=7, warmup=2):
    for _ in range(warmup): fn()
    ts = []
    for _ in range(runs):
        t0 = clock(); fn(); ts.append(clock() - t0)
    return statistics.median(ts)
`;

/** Prints one aligned table row. */
export function row(label: string, ...cells: (string | number)[]): void {
  const fmt = (c: string | number) =>
    typeof c === 'number' ? (Math.abs(c) >= 1e4 || (Math.abs(c) < 1e-3 && c !== 0) ? c.toExponential(3) : c.toFixed(3)) : c;
  console.log(`  ${label.padEnd(34)} ${cells.map((c) => String(fmt(c)).padStart(12)).join(' ')}`);
}
