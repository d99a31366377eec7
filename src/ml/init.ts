/**
 * Keyed parameter initialisation. Each weight matrix is a pure function of (key, shape), so a model
 * built from a seed is the same on every machine and whatever else was sampled before it.
 *
 * - Glorot/Xavier uniform, U(−a, a) with a = √(6 / (fan_in + fan_out)): keeps the variance of
 *   activations and of back-propagated gradients roughly constant for tanh/sigmoid layers
 *   (Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks",
 *   AISTATS 2010, eq. 16).
 * - He/Kaiming normal, N(0, 2 / fan_in): the same argument for ReLU, which zeroes half its inputs
 *   (He, Zhang, Ren & Sun, "Delving Deep into Rectifiers", ICCV 2015, eq. 10).
 */
import { PathwiseRangeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { Key } from '../random/key.js';
import { uniform } from '../random/uniform.js';
import { normal } from '../random/normal.js';

export type InitName = 'glorot' | 'he';

function checkFans(fn: string, fanIn: number, fanOut: number): void {
  for (const [name, v] of [['fanIn', fanIn], ['fanOut', fanOut]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new PathwiseRangeError(`${fn}: ${name} must be a positive integer, got ${show(v)}`);
  }
}

/**
 * A [fanIn, fanOut] weight matrix drawn from Glorot's uniform distribution.
 * @example
 * const w = glorotUniform(key(0), 64, 256);   // shape [64, 256], values in ±√(6/320)
 * glorotUniform(key(0), 0, 3);                // throws PathwiseRangeError: glorotUniform: fanIn must be a positive integer, got 0
 */
export function glorotUniform(k: Key, fanIn: number, fanOut: number): Tensor {
  checkFans('glorotUniform', fanIn, fanOut);
  const a = Math.sqrt(6 / (fanIn + fanOut));
  const u = uniform(k, fanIn * fanOut);
  for (let i = 0; i < u.length; i++) u[i] = a * (2 * u[i]! - 1);
  return new Tensor(u, [fanIn, fanOut]);
}

/**
 * A [fanIn, fanOut] weight matrix drawn from He's normal distribution N(0, 2/fanIn).
 * @example
 * const w = heNormal(key(0), 256, 32);   // shape [256, 32], standard deviation √(2/256)
 */
export function heNormal(k: Key, fanIn: number, fanOut: number): Tensor {
  checkFans('heNormal', fanIn, fanOut);
  const s = Math.sqrt(2 / fanIn);
  const z = normal(k, fanIn * fanOut);
  for (let i = 0; i < z.length; i++) z[i] = s * z[i]!;
  return new Tensor(z, [fanIn, fanOut]);
}

/**
 * A weight matrix by the named scheme.
 * @example initWeight('he', key(1), 8, 4).shape   // [8, 4]
 */
export function initWeight(scheme: InitName, k: Key, fanIn: number, fanOut: number): Tensor {
  if (scheme === 'glorot') return glorotUniform(k, fanIn, fanOut);
  if (scheme === 'he') return heNormal(k, fanIn, fanOut);
  throw new PathwiseRangeError(`initWeight: scheme must be 'glorot' or 'he', got ${show(scheme)}`);
}
