/**
 * Buffer reuse. Allocating a fresh multi-megabyte Float64Array costs more than the arithmetic that fills
 * it (the operating system maps and zeroes new pages: ~3 ms per 8 MB here, against ~0.6 ms for an add).
 * Inside `tidy(fn)`, every buffer that kernels allocate is recorded; when fn returns, the buffers that
 * its result does not hold go back to a pool keyed by length, and later kernels take them from there.
 * This is the Monte Carlo loop's pattern: batch after batch of equally shaped temporaries.
 *
 * The contract, as with tf.tidy: a tensor created inside the scope must not be used after the scope
 * ends unless it is part of fn's return value. Outside any scope nothing is pooled.
 */
import { Tensor } from './tensor.js';
import { newFloat64Array } from './allocate.js';

const MAX_POOLED_BYTES = 512 * 1024 * 1024;
const MIN_POOLED_LENGTH = 1024;  // small arrays come cheaply from V8's allocator

const pool = new Map<number, Float64Array[]>();
let pooledBytes = 0;
const scopes: Set<Float64Array>[] = [];

/**
 * A buffer of length n with unspecified contents: the kernel must write every element. A length the engine
 * cannot allocate throws a PathwiseRangeError naming `where` and the size.
 */
export function alloc(n: number, where = 'alloc'): Float64Array {
  let a: Float64Array | undefined;
  if (n >= MIN_POOLED_LENGTH) {
    const free = pool.get(n);
    a = free?.pop();
    if (a !== undefined) pooledBytes -= a.byteLength;
  }
  a ??= newFloat64Array(n, where);
  if (scopes.length > 0 && n >= MIN_POOLED_LENGTH) scopes[scopes.length - 1]!.add(a);
  return a;
}

/** A buffer of length n filled with zeros (for kernels that accumulate). */
export function allocZeroed(n: number, where = 'alloc'): Float64Array {
  const a = alloc(n, where);
  a.fill(0);
  return a;
}

function release(a: Float64Array): void {
  if (pooledBytes + a.byteLength > MAX_POOLED_BYTES) return;
  let free = pool.get(a.length);
  if (free === undefined) pool.set(a.length, (free = []));
  free.push(a);
  pooledBytes += a.byteLength;
}

function collectKept(value: unknown, kept: Set<Float64Array>, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Tensor) {
    kept.add(value.data);
    return;
  }
  if (value instanceof Float64Array) {
    kept.add(value);
    return;
  }
  if (ArrayBuffer.isView(value)) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) collectKept(v, kept, seen);
}

/**
 * Runs fn and recycles the buffers of the tensors it created and did not return (in arrays, records,
 * Maps are not searched). Nested scopes hand kept buffers to the enclosing scope.
 * @example
 * const f = (x: Tensor) => square(x);
 * let total = 0;
 * for (let b = 0; b < 4; b++) total += tidy(() => sum(f(tensor(normal(foldIn(key(0), b), 1000)))).item());
 */
export function tidy<T>(fn: () => T): T {
  const mine = new Set<Float64Array>();
  scopes.push(mine);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scopes.pop();
    throw e;  // buffers of a failed scope are simply left to the garbage collector
  }
  scopes.pop();
  const kept = new Set<Float64Array>();
  collectKept(result, kept, new Set());
  const parent = scopes[scopes.length - 1];
  for (const a of mine) {
    if (kept.has(a)) parent?.add(a);
    else release(a);
  }
  return result;
}

/**
 * Drops every pooled buffer (for tests and for giving memory back).
 * @example
 * tidy(() => sum(square(arange(1000))).item());   // 332833500
 * clearPool();   // the temporaries' buffers go back to the garbage collector
 */
export function clearPool(): void {
  pool.clear();
  pooledBytes = 0;
}
