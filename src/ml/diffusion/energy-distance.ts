/**
 * The energy distance between two samples (Székely & Rizzo, "Energy statistics: A class of statistics
 * based on distances", J. Stat. Plan. Inference 143, 2013, eq. 2):
 *   D²(X, Y) = 2E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖ ≥ 0, zero iff the laws agree,
 * with the within-sample means over distinct pairs (U-statistics), so that two samples of one law give
 * D² ≈ 0 on average. O(n·m) distance evaluations in plain loops.
 */
import { ShapeError, show } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Key } from '../../random/key.js';
import { normal } from '../../random/normal.js';

function meanDistance(a: Float64Array, n: number, b: Float64Array, m: number, d: number, distinct: boolean): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = distinct ? i + 1 : 0; j < m; j++) {
      let q = 0;
      for (let k = 0; k < d; k++) {
        const t = a[i * d + k]! - b[j * d + k]!;
        q += t * t;
      }
      s += Math.sqrt(q);
    }
  }
  return distinct ? s / ((n * (n - 1)) / 2) : s / (n * m);
}

/**
 * Squared energy distance between samples x [n, d] and y [m, d].
 * @example
 * energyDistance(twoMoons(key(0), 500), twoMoons(key(1), 500))   // ≈ 0 (same law)
 * energyDistance(tensor([[0, 0]]), tensor([[1, 1, 1]]));         // throws ShapeError
 */
export function energyDistance(x: Tensor, y: Tensor): number {
  if (x.ndim !== 2 || y.ndim !== 2 || x.shape[1] !== y.shape[1] || x.shape[0]! < 2 || y.shape[0]! < 2) {
    throw new ShapeError(`energyDistance: expected samples [n, d] and [m, d] with n, m ≥ 2, got shapes ${show(x.shape)} and ${show(y.shape)}`);
  }
  const n = x.shape[0]!, m = y.shape[0]!, d = x.shape[1]!;
  const xy = meanDistance(x.data, n, y.data, m, d, false);
  const xx = meanDistance(x.data, n, x.data, n, d, true);
  const yy = meanDistance(y.data, m, y.data, m, d, true);
  return 2 * xy - xx - yy;
}

/**
 * n draws [n, 2] from the Gaussian with the mean and covariance of the 2-D sample x: the baseline a
 * generative model must beat to show it learned more than two moments (a Cholesky factor of the
 * covariance maps standard normals).
 * @example
 * const data = toyData('moons', key(0), 1000), heldOut = toyData('moons', key(1), 1000);
 * energyDistance(gaussianFit(data, key(5), 1000), heldOut)   // ≈ 0.013 for the moons
 */
export function gaussianFit(x: Tensor, k: Key, n: number): Tensor {
  if (x.ndim !== 2 || x.shape[1] !== 2) throw new ShapeError(`gaussianFit: expected a sample [m, 2], got shape ${show(x.shape)}`);
  const m = x.shape[0]!, d = x.data;
  let mx = 0, my = 0;
  for (let i = 0; i < m; i++) {
    mx += d[2 * i]! / m;
    my += d[2 * i + 1]! / m;
  }
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < m; i++) {
    const a = d[2 * i]! - mx, b = d[2 * i + 1]! - my;
    sxx += (a * a) / (m - 1);
    sxy += (a * b) / (m - 1);
    syy += (b * b) / (m - 1);
  }
  const l11 = Math.sqrt(sxx), l21 = sxy / l11, l22 = Math.sqrt(Math.max(0, syy - l21 * l21));
  const z = normal(k, 2 * n);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = mx + l11 * z[2 * i]!;
    out[2 * i + 1] = my + l21 * z[2 * i]! + l22 * z[2 * i + 1]!;
  }
  return new Tensor(out, [n, 2]);
}
