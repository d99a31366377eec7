/**
 * Estimators as computations that stream over time. A {@link PathStream} holds a small state per path (the
 * model's state and the payoff's running quantities) and moves it one date at a time; its value pass keeps
 * only the current state, and its tangent pass carries one tangent of that state per differentiated input
 * (forward mode, one `jvpMany` per step, the step's primal computed once for all inputs). Memory is
 * O(paths × state × inputs), never O(paths × steps), as in src/sde/forward.ts.
 *
 * Each step runs in its own top-level `tidy`, so its temporaries go back to the pool at once; the state it
 * returns is left to the garbage collector when the next step replaces it. Call these outside any `tidy`:
 * an enclosing scope would keep every step's state until it ends.
 */
import { jvpMany } from '../../ad/index.js';
import { fusedStep, fusionSite } from '../../sde/fused-step.js';
import { scalar } from '../../tensor/create.js';
import { tidy } from '../../tensor/pool.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DiffInputs, InputName } from '../models/inputs.js';

/** What a stream keeps per path between dates: a record of tensors. */
export type StreamState = Record<string, Tensor>;

/** A per-path estimator computed date by date; its mean is the price (or the estimator's target). */
export interface PathStream {
  readonly steps: number;
  init(x: DiffInputs): StreamState;
  step(x: DiffInputs, s: StreamState, i: number): StreamState;
  finish(x: DiffInputs, s: StreamState): Tensor;
}

/** A per-path array from a tensor that may have broadcast to a scalar (no dependence on the path). */
export function perPath(t: Tensor, n: number): Float64Array {
  if (t.size === n) return Float64Array.from(t.data);
  return new Float64Array(n).fill(t.data[0]!);
}

/**
 * The stream's per-path values at inputs x: date by date, one state at a time.
 *
 * For instance (internal; not a public example):
 * ```ts
 * streamValue(plainStream(pb, noise), inputsOf(pb.market), 1000);   // discounted payoffs of 1000 paths
 * ```
 */
export function streamValue(stream: PathStream, x: DiffInputs, n: number): Float64Array {
  let s = stream.init(x);
  const site = fusionSite();
  for (let i = 0; i < stream.steps; i++) {
    const prev = s;
    const keys = Object.keys(prev);
    s = tidy(() => {
      let outKeys: string[] = [];
      const flat = fusedStep(site, keys.map((k) => prev[k]!), (...xs) => {
        const y = stream.step(x, Object.fromEntries(keys.map((k, c) => [k, xs[c]!])), i);
        outKeys = Object.keys(y);
        return outKeys.map((k) => y[k]!);
      }, n);
      return Object.fromEntries(outKeys.map((k, c) => [k, flat[c]!]));
    });
  }
  const last = s;
  return tidy(() => perPath(stream.finish(x, last), n));
}

/**
 * The stream's per-path values and their derivatives with respect to `inputs` (one forward lane each), with
 * the state's tangents carried over time.
 *
 * For instance (internal; not a public example):
 * ```ts
 * const { value, tangents: [delta, vega] } = streamTangents(plainStream(pb, noise), inputsOf(pb.market), ['spot', 'vol'], 1000);
 * ```
 */
export function streamTangents(stream: PathStream, x: DiffInputs, inputs: readonly InputName[], n: number): { value: Float64Array; tangents: Float64Array[] } {
  const zero = scalar(0), one = scalar(1);
  const unit = (name: InputName): DiffInputs => ({
    spot: name === 'spot' ? one : zero, vol: name === 'vol' ? one : zero, rate: name === 'rate' ? one : zero, maturity: name === 'maturity' ? one : zero,
  });
  const lanes = inputs.map(unit);
  let [s, ts] = jvpMany((a: DiffInputs) => stream.init(a), x, lanes) as [StreamState, StreamState[]];
  // Each step with its tangent lanes runs as one loop over the paths where it can (src/sde/fused-step.ts).
  const site = fusionSite();
  let spare: Float64Array[] = [];
  for (let i = 0; i < stream.steps; i++) {
    const [prev, prevT] = [s, ts];
    const into = spare;
    const keys = Object.keys(prev);
    const wasFused = site.fused;
    [s, ts] = tidy(() => {
      let outKeys: string[] = [];
      const flat = fusedStep(site, [...keys.map((k) => prev[k]!), ...prevT.flatMap((t) => keys.map((k) => t[k]!))], (...xs) => {
        const state = (j: number): StreamState => Object.fromEntries(keys.map((k, c) => [k, xs[j * keys.length + c]!]));
        const [y, ys] = jvpMany(
          (a: { s: StreamState; x: DiffInputs }) => stream.step(a.x, a.s, i),
          { s: state(0), x }, lanes.map((l, k) => ({ s: state(k + 1), x: l })),
        ) as [StreamState, StreamState[]];
        outKeys = Object.keys(y);
        return [y, ...ys].flatMap((r) => outKeys.map((k) => r[k]!));
      }, n, into);
      const state = (j: number): StreamState => Object.fromEntries(outKeys.map((k, c) => [k, flat[j * outKeys.length + c]!]));
      return [state(0), lanes.map((_, k) => state(k + 1))] as [StreamState, StreamState[]];
    });
    // Two fused steps in a row: the first one's inputs are referred to by nothing any more.
    spare = site.fused && wasFused ? [...Object.values(prev), ...prevT.flatMap((t) => Object.values(t))].map((t) => t.data) : [];
  }
  const [last, lastT] = [s, ts];
  return tidy(() => {
    const [v, dv] = jvpMany(
      (a: { s: StreamState; x: DiffInputs }) => stream.finish(a.x, a.s),
      { s: last, x }, lanes.map((l, k) => ({ s: lastT[k]!, x: l })),
    ) as [Tensor, Tensor[]];
    return { value: perPath(v, n), tangents: dv.map((t) => perPath(t, n)) };
  });
}
