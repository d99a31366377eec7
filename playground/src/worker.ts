/**
 * The Web Worker: runs one playground job at a time with the library, off the page's main thread, and
 * posts progress while it works. Cancelling is the page terminating this worker (the library's loops are
 * synchronous, so there is no point at which to ask them to stop).
 */
import { runGreeks, runLab, runSde, type GreeksJob, type LabJob, type SdeJob } from './jobs.js';

export type JobRequest =
  | { readonly id: number; readonly kind: 'lab'; readonly job: LabJob }
  | { readonly id: number; readonly kind: 'greeks'; readonly job: GreeksJob }
  | { readonly id: number; readonly kind: 'sde'; readonly job: SdeJob };

export type JobMessage =
  | { readonly id: number; readonly type: 'progress'; readonly done: number; readonly total: number; readonly label: string }
  | { readonly id: number; readonly type: 'result'; readonly result: unknown; readonly ms: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

const post = (m: JobMessage): void => postMessage(m);

addEventListener('message', (event: MessageEvent<JobRequest>) => {
  const req = event.data;
  const progress = (done: number, total: number, label: string): void => post({ id: req.id, type: 'progress', done, total, label });
  const t0 = performance.now();
  try {
    const result = req.kind === 'lab' ? runLab(req.job, progress) : req.kind === 'greeks' ? runGreeks(req.job, progress) : runSde(req.job, progress);
    post({ id: req.id, type: 'result', result, ms: performance.now() - t0 });
  } catch (e) {
    // Library errors name the bad input ("fn: what must be …, got …"): show that line, not a stack.
    post({ id: req.id, type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
