/**
 * State components: `component(x, i)` is column i of a state x [paths, d] as [paths, 1], and
 * `fromComponents([c0, c1, …])` joins [paths, 1] columns back into [paths, k]. SDE code is naturally
 * written per component (Heston's S and v); the general ops `sliceAxis` and `concat` do the same job but
 * copy one row at a time, which for a column of a narrow state costs a call per path. These are single
 * strided loops. Both are linear and each is the other's transpose, so they differentiate to any order.
 */
import { ShapeError, show } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { scalar, toTensor } from '../tensor/create.js';
import { alloc } from '../tensor/pool.js';
import { definePrimitive, type Primitive } from '../ad/primitive.js';
import { bind } from '../ad/trace.js';
import { reshape, sumToShape } from '../ad/ops/index.js';

interface Column {
  readonly i: number;
  readonly d: number;
}

const componentP: Primitive<Column> = definePrimitive<Column>({
  name: 'sde.component',
  smoothness: 'smooth',
  impl: ([x], { i, d }) => {
    const xd = x!.data;
    const n = xd.length / d;
    const out = alloc(n);
    for (let p = 0; p < n; p++) out[p] = xd[p * d + i]!;
    return new Tensor(out, [n, 1]);
  },
  vjp: (g, _x, _y, { i, d }) => [fromComponents(Array.from({ length: d }, (_, j) => (j === i ? g : null)))],
  jvp: ([t], _x, _y, params) => (t === null || t === undefined ? null : bind(componentP, [t], params)),
});

const widest = (cols: readonly Tensor[]): number => cols.reduce((n, c) => Math.max(n, c.size), 0);

const joinP: Primitive<undefined> = definePrimitive({
  name: 'sde.fromComponents',
  smoothness: 'smooth',
  // A column of one value is broadcast to every path (a number, a null's zero, a shared parameter).
  impl: (cols) => {
    const d = cols.length;
    const n = widest(cols);
    const out = alloc(n * d);
    for (let i = 0; i < d; i++) {
      const c = cols[i]!.data;
      if (c.length === 1 && n > 1) for (let p = 0, v = c[0]!; p < n; p++) out[p * d + i] = v;
      else for (let p = 0; p < n; p++) out[p * d + i] = c[p]!;
    }
    return new Tensor(out, [n, d]);
  },
  // A broadcast column's cotangent is summed over the paths (as broadcastTo's would be).
  vjp: (g, cols, _y, _p, needs) => {
    const n = widest(cols);
    return cols.map((c, i) => {
      if (!needs[i]) return null;
      const ct = bind(componentP, [g], { i, d: cols.length });
      return c.size === 1 && n > 1 ? reshape(sumToShape(ct, []), c.shape) : ct;
    });
  },
  jvp: (tangents) => (tangents.every((t) => t === null) ? null : fromComponents(tangents)),
});

/**
 * Column i of x [paths, d], as [paths, 1].
 * @example component(tensor([[1, 2], [3, 4]]), 1).toArray();   // [[2], [4]]
 */
export function component(x: Tensor, i: number): Tensor {
  if (x.ndim !== 2 || !Number.isInteger(i) || i < 0 || i >= x.shape[1]!) {
    throw new ShapeError(`component: needs a state of shape [paths, d] and 0 ≤ i < d, got shape ${show(x.shape)} and i = ${show(i)}`);
  }
  return bind(componentP, [x], { i, d: x.shape[1]! });
}

/**
 * Joins columns into [paths, k]. Each column is a [paths, 1] (or [paths]) tensor, or a number (broadcast
 * to every path); null stands for zeros.
 * @example fromComponents([tensor([[1], [3]]), 0]).toArray();   // [[1, 0], [3, 0]]
 */
export function fromComponents(cols: readonly (Tensor | number | null)[]): Tensor {
  const n = cols.reduce<number>((acc, c) => (c instanceof Tensor ? Math.max(acc, c.size) : acc), 0);
  if (n === 0) throw new ShapeError(`fromComponents: needs at least one tensor column, got ${show(cols.length)} numbers or nulls`);
  // Numbers, nulls and one-value columns stay one value (the join broadcasts them): a fused step
  // (fused-step.ts) then sees a scalar instead of an array of copies.
  const ts = cols.map((c) => {
    if (c === null) return scalar(0);
    const t = toTensor(c, 'fromComponents');
    if (t.size === n || t.size === 1) return t;
    throw new ShapeError(`fromComponents: every column must have ${n} values or one, got shape ${show(t.shape)}`);
  });
  return bind(joinP, ts, undefined);
}
