/** The debug option: check every primitive's output for NaN/Inf and name the first op that made one. */
import { NonFiniteError, show } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';

let checkFinite = false;

/**
 * Turns the finite-value check on or off (off by default: it costs one pass over each output).
 * @example
 * setDebug({ checkFinite: true });
 * log(tensor([-1]));   // throws NonFiniteError: op 'log' produced NaN at index 0 of an output of shape [1] from finite inputs
 * setDebug({ checkFinite: false });   // back to the default
 */
export function setDebug(options: { checkFinite?: boolean }): void {
  if (options.checkFinite !== undefined) checkFinite = options.checkFinite;
}

export function debugEnabled(): boolean {
  return checkFinite;
}

function firstNonFinite(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) return i;
  return -1;
}

/** Throws when `out` holds a NaN/Inf that none of the inputs held. */
export function checkOutput(op: string, inputs: readonly Tensor[], out: Tensor): void {
  const i = firstNonFinite(out.data);
  if (i < 0) return;
  for (const x of inputs) if (firstNonFinite(x.data) >= 0) return;
  const inputsAt = inputs.map((x) => show(x.data[x.size === out.size ? i : 0])).join(', ');
  throw new NonFiniteError(
    `op '${op}' produced ${show(out.data[i])} at index ${i} of an output of shape ${show(out.shape)} from finite inputs (e.g. ${inputsAt})`,
  );
}
