/**
 * Noise for distributions: base variates from src/random written into pooled buffers and wrapped as
 * tensors of the requested shape. Row r of a sample tensor reads elements r·perRow … of the stream, so a
 * Monte Carlo sample is the same whatever batch it falls in.
 */
import { Tensor } from '../tensor/tensor.js';
import { sizeOf, type Shape } from '../tensor/shape.js';
import { alloc } from '../tensor/pool.js';
import { markRowIndexed } from '../ad/per-sample.js';
import { foldIn, type Key } from '../random/key.js';
import { normal } from '../random/normal.js';
import { uniform } from '../random/uniform.js';
import { gamma, logGamma } from '../random/gamma.js';

/**
 * A batch-scoped memo of noise: the estimators evaluate a batch several times (one forward-mode pass
 * per parameter component, the re-runs of measure-valued and finite-difference estimators), always with
 * the same keys, so each noise tensor is drawn once per batch and then reused. Noise tensors are
 * therefore read-only: a distribution must never write into one.
 */
let memo: Map<string, Tensor> | null = null;

/** Runs fn with noise memoized; the memo ends with fn (it holds pooled tensors of fn's tidy scope). */
export function withNoiseMemo<T>(fn: () => T): T {
  const outer = memo;
  memo = new Map();
  try {
    return fn();
  } finally {
    memo = outer;
  }
}

function memoized(kind: string, key: Key, shape: Shape, rowOffset: number, extra: string, draw: () => Tensor): Tensor {
  if (memo === null) return markRowIndexed(draw());
  const id = `${kind}|${key.k0}|${key.k1}|${shape.join(',')}|${rowOffset}|${extra}`;
  let t = memo.get(id);
  if (t === undefined) memo.set(id, (t = markRowIndexed(draw())));
  return t;
}

export function perRowOf(shape: Shape): number {
  return shape.length === 0 ? 1 : sizeOf(shape.slice(1));
}

export function normalNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return memoized('normal', key, shape, rowOffset, '', () => {
    const n = sizeOf(shape);
    return new Tensor(normal(key, n, { offset: rowOffset * perRowOf(shape), out: alloc(n) }), shape);
  });
}

export function uniformNoise(key: Key, shape: Shape, rowOffset: number): Tensor {
  return memoized('uniform', key, shape, rowOffset, '', () => {
    const n = sizeOf(shape);
    return new Tensor(uniform(key, n, { offset: rowOffset * perRowOf(shape), out: alloc(n) }), shape);
  });
}

/** Gamma(shape α, 1) variates, α one value or one per element (a Float64Array of the sample's size). */
export function gammaNoise(key: Key, shape: Shape, rowOffset: number, alpha: number | Float64Array): Tensor {
  // The shape parameter changes the variates (finite differences perturb it), so it is part of the id.
  const extra = typeof alpha === 'number' ? String(alpha) : alphaId(alpha);
  return memoized('gamma', key, shape, rowOffset, extra, () => {
    const n = sizeOf(shape);
    return new Tensor(gamma(key, n, alpha, { offset: rowOffset * perRowOf(shape), out: alloc(n) }), shape);
  });
}

/**
 * log G of Gamma(shape α, 1) variates (the same stream as {@link gammaNoise}), finite for every α > 0:
 * what the families sample from, so that shapes down to 1e-6 lose nothing to underflow.
 */
export function logGammaNoise(key: Key, shape: Shape, rowOffset: number, alpha: number | Float64Array): Tensor {
  const extra = typeof alpha === 'number' ? String(alpha) : alphaId(alpha);
  return memoized('logGamma', key, shape, rowOffset, extra, () => {
    const n = sizeOf(shape);
    return new Tensor(logGamma(key, n, alpha, { offset: rowOffset * perRowOf(shape), out: alloc(n) }), shape);
  });
}

/** A content id for per-element shape parameters (FNV-1a over their bits). */
function alphaId(a: Float64Array): string {
  const w = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i]!, 0x01000193) >>> 0;
  return `${a.length}:${h}`;
}

/** Independent sub-streams of a site's key (the site's own draws use the key itself). */
export const STREAM = { mvdPlus: 1, mvdMinus: 2, mvdSign: 3, second: 4, third: 5 } as const;

export function subKey(key: Key, stream: number): Key {
  return foldIn(key, 0x5ab0000 + stream);
}
