/**
 * Two-dimensional data sets generated in code, keyed: two interleaved half-moons and a spiral, each with
 * Gaussian jitter, placed so that both coordinates have roughly unit scale around the origin.
 */
import { PathwiseRangeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { foldIn, type Key } from '../../random/key.js';
import { normal } from '../../random/normal.js';
import { uniform } from '../../random/uniform.js';
import * as dmath from '../../ad/kernels/scalar-math.js';

export type ToyDataset = 'moons' | 'spiral';
/** The toy data sets of `toyData` and `trainDiffusion`. @example TOY_DATASETS   // ['moons', 'spiral'] */
export const TOY_DATASETS: readonly ToyDataset[] = ['moons', 'spiral'];

function check(fn: string, n: number, noise: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new PathwiseRangeError(`${fn}: n must be a positive integer, got ${show(n)}`);
  if (!(noise >= 0)) throw new PathwiseRangeError(`${fn}: noise must be ≥ 0, got ${show(noise)}`);
}

/**
 * n points [n, 2] on two interleaved half-circles (upper: (cos t, sin t); lower: (1 − cos t, ½ − sin t),
 * t ~ U(0, π)), jittered by N(0, noise²), centred and scaled by 1/0.8.
 * @example twoMoons(key(0), 1000).shape   // [1000, 2]
 */
export function twoMoons(k: Key, n: number, noise = 0.08): Tensor {
  check('twoMoons', n, noise);
  const u = uniform(foldIn(k, 0), n);
  const e = normal(foldIn(k, 1), 2 * n);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = Math.PI * u[i]!;
    const upper = i % 2 === 0;
    const x = upper ? dmath.cos(t) : 1 - dmath.cos(t);
    const y = upper ? dmath.sin(t) : 0.5 - dmath.sin(t);
    out[2 * i] = (x - 0.5 + noise * e[2 * i]!) / 0.8;
    out[2 * i + 1] = (y - 0.25 + noise * e[2 * i + 1]!) / 0.8;
  }
  return new Tensor(out, [n, 2]);
}

/**
 * n points [n, 2] on a spiral of 1.5 turns, r = 2s, angle 3πs with s ~ U(0.1, 1), jittered by N(0, noise²).
 * @example spiral(key(0), 1000).shape   // [1000, 2]
 */
export function spiral(k: Key, n: number, noise = 0.05): Tensor {
  check('spiral', n, noise);
  const u = uniform(foldIn(k, 0), n);
  const e = normal(foldIn(k, 1), 2 * n);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const s = 0.1 + 0.9 * u[i]!;
    const a = 3 * Math.PI * s;
    out[2 * i] = 1.6 * s * dmath.cos(a) + noise * e[2 * i]!;
    out[2 * i + 1] = 1.6 * s * dmath.sin(a) + noise * e[2 * i + 1]!;
  }
  return new Tensor(out, [n, 2]);
}

/**
 * A toy data set by name.
 * @example toyData('spiral', key(1), 500)
 */
export function toyData(name: ToyDataset, k: Key, n: number): Tensor {
  if (name === 'moons') return twoMoons(k, n);
  if (name === 'spiral') return spiral(k, n);
  throw new PathwiseRangeError(`toyData: name must be one of ${TOY_DATASETS.join(', ')}, got ${show(name)}`);
}
