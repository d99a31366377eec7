/**
 * x·log y and x·log(1 + y) with the convention 0·log 0 = 0 (SciPy's xlogy/xlog1py), written so that the
 * excluded branch is never evaluated at the singular point: a `where` over log(0) would give the right
 * value but a NaN gradient (0·∞ in the chain rule), so y is replaced by a harmless 1 (or 0) where x = 0.
 */
import type { Tensor, TensorLike } from '../tensor/tensor.js';
import { equal, log, log1p, mul, where } from '../ad/ops/index.js';

/** x·log y, 0 where x = 0. @example xlogy(0, 0).item() // 0 */
export function xlogy(x: TensorLike, y: TensorLike): Tensor {
  return mul(x, log(where(equal(x, 0), 1, y)));
}

/** x·log(1 + y), 0 where x = 0. @example xlog1py(0, -1).item() // 0 */
export function xlog1py(x: TensorLike, y: TensorLike): Tensor {
  return mul(x, log1p(where(equal(x, 0), 0, y)));
}
