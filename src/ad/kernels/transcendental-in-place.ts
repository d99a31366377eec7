/**
 * a[i] = f(a[i]) in place for an elementwise transcendental function: applyTranscendental needs distinct
 * input and output arrays, so the array passes through a cache-sized scratch tile. The same bits as the
 * scalar functions of scalar-math.ts, at the elementwise kernels' speed (samplers transforming a whole
 * array of uniforms use it).
 */
import { applyTranscendental, type TranscendentalName } from './transcendental.js';

const TILE = 4096;
const scratch = new Float64Array(TILE);

/**
 * Replaces every element of `a` by f(element).
 *
 * @example
 * ```ts
 * const a = new Float64Array([1, Math.E]);
 * applyTranscendentalInPlace('log', a);   // a is now [0, 1]
 * ```
 */
export function applyTranscendentalInPlace(name: TranscendentalName, a: Float64Array): void {
  for (let i = 0; i < a.length; i += TILE) {
    const m = Math.min(TILE, a.length - i);
    const x = a.subarray(i, i + m);
    const y = m === TILE ? scratch : scratch.subarray(0, m);
    applyTranscendental(name, x, y);
    x.set(y);
  }
}
