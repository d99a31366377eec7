/** where(cond, a, b): a where cond ≠ 0, else b, with broadcasting. Differentiable in a and b. */
import { Tensor, type TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { broadcastShapes, sizeOf } from '../../tensor/shape.js';
import { definePrimitive } from '../primitive.js';
import { bind } from '../trace.js';
import { broadcastData } from '../kernels/elementwise.js';
import { alloc } from '../../tensor/pool.js';

function dataAt(x: Tensor, shape: readonly number[], n: number): Float64Array {
  return x.size === n ? x.data : broadcastData(x, shape);
}

const whereP = definePrimitive({
  name: 'where',
  elementwise: {},
  smoothness: 'smooth',
  impl: ([c, a, b]) => {
    const shape = broadcastShapes(broadcastShapes(c!.shape, a!.shape, 'where'), b!.shape, 'where');
    const n = sizeOf(shape);
    const cd = dataAt(c!, shape, n), ad = dataAt(a!, shape, n), bd = dataAt(b!, shape, n);
    const out = alloc(n);
    for (let i = 0; i < n; i++) out[i] = cd[i] !== 0 ? ad[i]! : bd[i]!;
    return new Tensor(out, shape);
  },
  vjp: (g, [c], _out, _p, needs) => [
    null,
    needs[1] ? where(c!, g, 0) : null,
    needs[2] ? where(c!, 0, g) : null,
  ],
  jvp: ([, ta, tb], [c]) => (ta === null && tb === null ? null : where(c!, ta ?? 0, tb ?? 0)),
});

/**
 * Elementwise selection: `a` where `cond` is non-zero, else `b` (all three broadcast). The gradient flows
 * into the selected branch only. Note that the condition usually comes from a comparison, which is
 * recorded as a discontinuity when it consumes a sampled value.
 * @example where(tensor([1, 0]), tensor([10, 20]), -1).toArray() // [10, -1]
 */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return bind(whereP, [toTensor(cond, 'where'), toTensor(a, 'where'), toTensor(b, 'where')], undefined);
}
