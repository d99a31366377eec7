/**
 * Batched matrix product with NumPy semantics: [..., n, k] @ [..., k, m] → [..., n, m], leading axes
 * broadcast; 1-D operands are promoted to a row (left) or a column (right) vector and the axis dropped.
 */
import { ShapeError, show } from '../../errors.js';
import { Tensor, type TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { broadcastShapes, broadcastStrides, sizeOf } from '../../tensor/shape.js';
import { definePrimitive, type Primitive } from '../primitive.js';
import { bind } from '../trace.js';
import { add } from './arithmetic.js';
import { reshape, transpose } from './structure.js';
import { allocZeroed } from '../../tensor/pool.js';

/** C[n×m] += A[n×k]·B[k×m], i-p-j order so that the innermost loop streams rows of B and C. */
function gemm(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, n: number, k: number, m: number): void {
  const PB = 256;  // block over p so that a panel of B stays in cache across rows i
  for (let p0 = 0; p0 < k; p0 += PB) {
    const p1 = Math.min(k, p0 + PB);
    for (let i = 0; i < n; i++) {
      const ci = co + i * m;
      const ai = ao + i * k;
      for (let p = p0; p < p1; p++) {
        const av = a[ai + p]!;
        if (av === 0) continue;
        const bp = bo + p * m;
        for (let j = 0; j < m; j++) c[ci + j] += av * b[bp + j]!;
      }
    }
  }
}

function matmulKernel(a: Tensor, b: Tensor): Tensor {
  const na = a.ndim, nb = b.ndim;
  const n = a.shape[na - 2]!, k = a.shape[na - 1]!, m = b.shape[nb - 1]!;
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul');
  const outShape = [...batch, n, m];
  const out = allocZeroed(sizeOf(outShape));
  const nBatch = sizeOf(batch);
  const sa = broadcastStrides(a.shape.slice(0, -2), batch);
  const sb = broadcastStrides(b.shape.slice(0, -2), batch);
  const idx = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nBatch; t++) {
    let ao = 0, bo = 0;
    for (let d = 0; d < batch.length; d++) {
      ao += idx[d]! * sa[d]!;
      bo += idx[d]! * sb[d]!;
    }
    gemm(a.data, ao * n * k, b.data, bo * k * m, out, t * n * m, n, k, m);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d]! < batch[d]!) break;
      idx[d] = 0;
    }
  }
  return new Tensor(out, outShape);
}

const swapLast = (x: Tensor) => {
  const perm = [...Array(x.ndim).keys()];
  perm[x.ndim - 2] = x.ndim - 1;
  perm[x.ndim - 1] = x.ndim - 2;
  return transpose(x, perm);
};

const matmulP: Primitive = definePrimitive({
  name: 'matmul',
  smoothness: 'smooth',
  impl: ([a, b]) => matmulKernel(a!, b!),
  vjp: (g, [a, b], _y, _p, needs) => [
    needs[0] ? bind(matmulP, [g, swapLast(b!)], undefined) : null,
    needs[1] ? bind(matmulP, [swapLast(a!), g], undefined) : null,
  ],
  jvp: ([ta, tb], [a, b]) => {
    const l = ta === null ? null : bind(matmulP, [ta!, b!], undefined);
    const r = tb === null ? null : bind(matmulP, [a!, tb!], undefined);
    return l === null ? r : r === null ? l : add(l, r);
  },
});

/**
 * Matrix product, batched over leading axes with broadcasting.
 * @example matmul(tensor([[1, 2], [3, 4]]), tensor([1, 1])).toArray() // [3, 7]
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = toTensor(a, 'matmul');
  let y = toTensor(b, 'matmul');
  if (x.ndim === 0 || y.ndim === 0) throw new ShapeError(`matmul: operands must have at least 1 dimension, got shapes ${show(x.shape)} and ${show(y.shape)}`);
  const vecLeft = x.ndim === 1, vecRight = y.ndim === 1;
  if (vecLeft) x = reshape(x, [1, x.shape[0]!]);
  if (vecRight) y = reshape(y, [y.shape[0]!, 1]);
  if (x.shape[x.ndim - 1] !== y.shape[y.ndim - 2]) {
    throw new ShapeError(`matmul: inner dimensions differ: shapes ${show(toTensor(a).shape)} and ${show(toTensor(b).shape)}`);
  }
  broadcastShapes(x.shape.slice(0, -2), y.shape.slice(0, -2), 'matmul');
  let out = bind(matmulP, [x, y], undefined);
  if (vecLeft) out = reshape(out, [...out.shape.slice(0, -2), out.shape[out.ndim - 1]!]);
  if (vecRight) out = reshape(out, out.shape.slice(0, -1));
  return out;
}
