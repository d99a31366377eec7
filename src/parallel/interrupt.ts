/**
 * Ctrl-C for long runs: the first SIGINT aborts the run's signal (executors then drop pending blocks and
 * terminate running threads, and the run rejects with InterruptedError, which the CLI turns into exit code
 * 130); a second SIGINT during the clean-up falls back to Node's default and ends the process at once.
 */

/**
 * Runs `fn` with an AbortSignal that fires on SIGINT (and SIGTERM), removing the handlers afterwards.
 *
 * @example
 * ```ts
 * await withInterrupt(async (signal) => {
 *   const pool = threadPoolExecutor({ workers: 4, signal });
 *   try { await pool.run(job, onResult); } finally { await pool.close(); }
 * });   // rejects with InterruptedError after Ctrl-C
 * ```
 */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<T> {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    for (const s of signals) process.removeListener(s, onSignal);
    controller.abort(sig);
  };
  for (const s of signals) process.once(s, onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
  }
}
