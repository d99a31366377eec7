/**
 * The one pilot of every Monte Carlo entry point: run the computation once on a few samples with its inputs
 * marked as random sources or parameters, and record which discontinuous ops consumed values derived from
 * which sources (the engine's discontinuity tracking). `auto` rules read the result: wherever a parameter's
 * or a sample site's values reach a jump, the pathwise derivative is biased and an estimator that does not
 * differentiate through the jump must be used.
 */
import { traceDiscontinuities, type DiscontinuityEvent } from '../ad/tracking.js';

/** What a pilot saw: the events, and for each source name the discontinuous ops its values reached. */
export interface PilotFindings<T> {
  readonly result: T;
  readonly events: DiscontinuityEvent[];
  /** Source → ops, in the order first seen. */
  readonly jumps: ReadonlyMap<string, readonly string[]>;
}

/**
 * Runs `fn` under discontinuity tracking and groups the events by source.
 * @example
 * const { jumps } = runPilot(() => step(markSource(scalar(1), 'spot').sub(1)));
 * jumps.get('spot');   // ['step']
 */
export function runPilot<T>(fn: () => T): PilotFindings<T> {
  const [result, events] = traceDiscontinuities(fn);
  const jumps = new Map<string, string[]>();
  for (const e of events) {
    for (const s of e.sources) {
      const ops = jumps.get(s) ?? [];
      if (!ops.includes(e.op)) ops.push(e.op);
      jumps.set(s, ops);
    }
  }
  return { result, events, jumps };
}

/**
 * The auto rule shared by the entry points: keep the pathwise derivative when no jump is reached; otherwise
 * take the first candidate that applies (each entry point lists its unbiased alternatives in order of
 * preference: the score function / likelihood ratio, conditioning, vibrato, finite differences).
 * @example
 * autoEstimator([], [{ name: 'score', applies: true, why: 'likelihood ratio' }])   // { name: 'pathwise', … }
 */
export function autoEstimator<N extends string>(
  jumpOps: readonly string[], alternatives: readonly { readonly name: N; readonly applies: boolean; readonly why: string }[],
  pathwise: N = 'pathwise' as N,
): { name: N; reason: string } {
  if (jumpOps.length === 0) return { name: pathwise, reason: 'no discontinuous op is reached: pathwise' };
  const pick = alternatives.find((a) => a.applies);
  const jump = `discontinuous op(s) ${jumpOps.join(', ')} reached, where a pathwise derivative is biased`;
  if (pick === undefined) return { name: pathwise, reason: `${jump}; no unbiased alternative applies here: pathwise, biased` };
  return { name: pick.name, reason: `${jump}: ${pick.why}` };
}
