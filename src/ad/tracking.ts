/**
 * Discontinuity tracking. A tensor marked as a random source carries the source's name; every value
 * computed from it carries the union of its inputs' names (in Tensor.sources). When a discontinuous
 * primitive consumes such a value, an event `{ op, sources }` is recorded in every active recorder, so an
 * estimator can tell that a pathwise gradient through that op is biased. Kinked ops are not events.
 */
import type { Tensor } from '../tensor/tensor.js';

export interface DiscontinuityEvent {
  /** The primitive that consumed a sampled value. */
  readonly op: string;
  /** The random sources (sample-site names) the consumed value depends on. */
  readonly sources: readonly string[];
  /** How many times this (op, sources) pair occurred during the traced computation. */
  count: number;
}

class Recorder {
  readonly events = new Map<string, DiscontinuityEvent>();
  add(op: string, sources: ReadonlySet<string>): void {
    const names = [...sources].sort();
    const id = `${op}\u0000${names.join('\u0000')}`;
    const e = this.events.get(id);
    if (e) e.count++;
    else this.events.set(id, { op, sources: names, count: 1 });
  }
}

const recorders: Recorder[] = [];
let suspended = 0;

/** True while derivative rules run: their internal comparisons are not the user's computation. */
export function trackingSuspended(): boolean {
  return suspended > 0;
}

/** Runs `fn` with tracking suspended (used by the engine around VJP/JVP rules). */
export function untracked<T>(fn: () => T): T {
  suspended++;
  try {
    return fn();
  } finally {
    suspended--;
  }
}

export function recordEvent(op: string, sources: ReadonlySet<string>): void {
  if (held !== null) held.push([op, sources]);
  else for (const r of recorders) r.add(op, sources);
}

let held: [string, ReadonlySet<string>][] | null = null;

/**
 * Runs fn with the events it causes held back from the recorders and returns them, to be reported later
 * with `recordEvent` or dropped (fuse records a graph that may be abandoned and then run op by op).
 */
export function holdEvents<T>(fn: () => T): [T, [string, ReadonlySet<string>][]] {
  const outer = held;
  const mine: [string, ReadonlySet<string>][] = [];
  held = mine;
  try {
    return [fn(), mine];
  } finally {
    held = outer;
  }
}

/** Union of the inputs' sources, or null when none carries any. */
export function unionSources(inputs: readonly Tensor[]): ReadonlySet<string> | null {
  let acc: Set<string> | null = null;
  let first: ReadonlySet<string> | null = null;
  for (const x of inputs) {
    const s = x.sources;
    if (s === null || s.size === 0) continue;
    if (first === null) first = s;
    else if (s !== first) {
      acc ??= new Set(first);
      for (const n of s) acc.add(n);
    }
  }
  return acc ?? first;
}

/**
 * Marks `x` as depending on the random source `name` and returns it. Marking mutates the tensor's
 * tracking metadata only, never its values.
 * @example
 * const z = markSource(tensor(normal(key(0), 4)), 'z');
 * const [, events] = traceDiscontinuities(() => step(z));   // events: [{ op: 'step', sources: ['z'], count: 1 }]
 */
export function markSource<T extends Tensor>(x: T, name: string): T {
  const s = new Set(x.sources ?? []);
  s.add(name);
  x.sources = s;
  return x;
}

/**
 * Runs `fn` and returns its result with the discontinuity events it caused (nested calls each see
 * the events of their own extent).
 * @example
 * const [y, events] = traceDiscontinuities(() => step(markSource(tensor([1, -1]), 'z')));
 * y.toArray();       // [1, 0]
 * events[0].op;      // 'step'
 */
export function traceDiscontinuities<T>(fn: () => T): [T, DiscontinuityEvent[]] {
  const r = new Recorder();
  recorders.push(r);
  try {
    const out = fn();
    return [out, [...r.events.values()]];
  } finally {
    recorders.splice(recorders.lastIndexOf(r), 1);
  }
}
