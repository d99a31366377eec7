/**
 * x·log y and x·log(1 + y) with the convention 0·log 0 = 0 (SciPy's xlogy/xlog1py), written so that the
 * excluded branch is never evaluated at the singular point: a `where` over log(0) would give the right
 * value but a NaN gradient (0·∞ in the chain rule), so y is replaced by a harmless 1 (or 0) where x = 0
 * and y is singular. Only there: at x = 0 with y > 0 the value is 0 but ∂/∂x = log y must survive (it is
 * the score of Beta(1, b) and Dirichlet with some α_j = 1). The mask is read from concrete values, a
 * constant, so no comparison on a sampled value is recorded.
 */
import { Tensor, type TensorLike } from '../tensor/tensor.js';
import { toTensor } from '../tensor/create.js';
import { broadcastShapes, sizeOf } from '../tensor/shape.js';
import { broadcastData } from '../ad/kernels/elementwise.js';
import { concrete } from '../ad/trace.js';
import { log, log1p, mul, where } from '../ad/ops/index.js';

/** A constant 0/1 tensor of the broadcast shape: 1 where x = 0 and y equals `singular`. */
function singularMask(x: Tensor, y: Tensor, singular: number): Tensor {
  const shape = broadcastShapes(x.shape, y.shape, 'xlogy');
  const n = sizeOf(shape);
  const cx = concrete(x);
  const cy = concrete(y);
  const xd = cx.size === n ? cx.data : broadcastData(cx, shape);
  const yd = cy.size === n ? cy.data : broadcastData(cy, shape);
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) m[i] = xd[i] === 0 && yd[i] === singular ? 1 : 0;
  return new Tensor(m, shape);
}

/** x·log y, 0 where x = 0. @example xlogy(0, 0).item() // 0 */
export function xlogy(x: TensorLike, y: TensorLike): Tensor {
  const xt = toTensor(x, 'xlogy');
  const yt = toTensor(y, 'xlogy');
  return mul(xt, log(where(singularMask(xt, yt, 0), 1, yt)));
}

/** x·log(1 + y), 0 where x = 0. @example xlog1py(0, -1).item() // 0 */
export function xlog1py(x: TensorLike, y: TensorLike): Tensor {
  const xt = toTensor(x, 'xlog1py');
  const yt = toTensor(y, 'xlog1py');
  return mul(xt, log1p(where(singularMask(xt, yt, -1), 0, yt)));
}
