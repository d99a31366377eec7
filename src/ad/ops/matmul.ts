/**
 * Batched matrix product with NumPy semantics: [..., n, k] @ [..., k, m] → [..., n, m], leading axes
 * broadcast; 1-D operands are promoted to a row (left) or a column (right) vector and the axis dropped.
 * The arithmetic is src/ad/kernels/matmul.ts (WebAssembly SIMD, JavaScript fallback, same bits).
 */
import { ShapeError, show } from '../../errors.js';
import { Tensor, type TensorLike } from '../../tensor/tensor.js';
import { toTensor } from '../../tensor/create.js';
import { broadcastShapes, broadcastStrides, sizeOf } from '../../tensor/shape.js';
import { definePrimitive, type Primitive } from '../primitive.js';
import { bind } from '../trace.js';
import { add } from './arithmetic.js';
import { reshape } from './structure.js';
import { alloc } from '../../tensor/pool.js';
import { gemm } from '../kernels/matmul.js';

/** Which operands enter the product transposed (their last two axes swapped), read in place. */
interface MatmulParams {
  readonly ta: boolean;
  readonly tb: boolean;
}

const PLAIN: MatmulParams = { ta: false, tb: false };

/** op(A)·op(B) over broadcast leading axes, op(X) = X or its last-two-axes transpose, never materialized. */
function matmulKernel(a: Tensor, b: Tensor, { ta, tb }: MatmulParams): Tensor {
  const na = a.ndim, nb = b.ndim;
  const ar = a.shape[na - 2]!, ac = a.shape[na - 1]!, br = b.shape[nb - 2]!, bc = b.shape[nb - 1]!;
  const m = ta ? ac : ar, k = ta ? ar : ac, n = tb ? br : bc;
  // element (i, p) of op(A) at i·rsa + p·csa, element (p, j) of op(B) at p·rsb + j·csb
  const rsa = ta ? 1 : ac, csa = ta ? ac : 1;
  const rsb = tb ? 1 : bc, csb = tb ? bc : 1;
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul');
  const outShape = [...batch, m, n];
  const out = alloc(sizeOf(outShape));  // gemm writes every element
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
    gemm(a.data, ao * m * k, rsa, csa, b.data, bo * k * n, rsb, csb, out, t * m * n, m, n, k);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d]! < batch[d]!) break;
      idx[d] = 0;
    }
  }
  return new Tensor(out, outShape);
}

/**
 * C = op(A)·op(B). Its derivatives are products with transposes, expressed by the flags instead of
 * transpose ops: for plain operands Ā = G·Bᵀ and B̄ = Aᵀ·G; for a transposed A (stored Aₛ, op(A) = Aₛᵀ)
 * Āₛ = op(B)·Gᵀ, for a transposed B B̄ₛ = Gᵀ·op(A).
 */
const matmulP: Primitive<MatmulParams> = definePrimitive<MatmulParams>({
  name: 'matmul',
  smoothness: 'smooth',
  impl: ([a, b], p) => matmulKernel(a!, b!, p),
  vjp: (g, [a, b], _y, { ta, tb }, needs) => [
    !needs[0] ? null : ta ? bind(matmulP, [b!, g], { ta: tb, tb: true }) : bind(matmulP, [g, b!], { ta: false, tb: !tb }),
    !needs[1] ? null : tb ? bind(matmulP, [g, a!], { ta: true, tb: ta }) : bind(matmulP, [a!, g], { ta: !ta, tb: false }),
  ],
  jvp: ([da, db], [a, b], _y, p) => {
    const l = da === null ? null : bind(matmulP, [da!, b!], p);
    const r = db === null ? null : bind(matmulP, [a!, db!], p);
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
  let out = bind(matmulP, [x, y], PLAIN);
  if (vecLeft) out = reshape(out, [...out.shape.slice(0, -2), out.shape[out.ndim - 1]!]);
  if (vecRight) out = reshape(out, out.shape.slice(0, -1));
  return out;
}
