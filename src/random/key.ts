/**
 * Keys, and the layout of the Philox counter that every sampler in src/random/ follows.
 *
 * A key is a small immutable value: two uint32 words, the Philox key. Like JAX's keys, keys are never
 * mutated and never "advanced": `split` derives independent child keys, `foldIn` mixes data (a step
 * number, a worker id, a parameter index) into a key. A key plus a sample index determines a sample.
 *
 * ## Counter layout (four uint32 words, c0 least significant)
 *
 * | word | holds                                                                                  |
 * |------|----------------------------------------------------------------------------------------|
 * | c0   | index, low 32 bits (Philox block for plain streams, sample for rejection samplers,    |
 * |      | path for Brownian increments, child number for `split`, data for `foldIn`)             |
 * | c1   | index, high 21 bits (indices are safe integers, below 2^53)                            |
 * | c2   | sub-counter: attempt number of a rejection sampler, time step of a Brownian path; else 0 |
 * | c3   | tag·2^24 + lane: the tag separates the streams below; the lane (< 2^24) is a component  |
 * |      | (Dirichlet component, Beta's two gammas, pair of Brownian dimensions)                  |
 *
 * Streams by tag (index = c0 + 2^32·c1):
 *
 * | tag | stream                | index            | c2                  | lane                     |
 * |-----|-----------------------|------------------|---------------------|--------------------------|
 * | 0   | plain (uniform.ts)    | Philox block j   | 0                   | 0                        |
 * | 1   | gamma, beta, Dirichlet| sample i         | attempt (2^32−1: the α<1 boost) | component         |
 * | 2   | Poisson               | sample i         | attempt             | 0                        |
 * | 3   | binomial              | sample i         | attempt             | 0                        |
 * | 4   | Brownian increments   | path p           | time step s         | dimension pair ⌊d/2⌋      |
 * | 5   | split                 | child number     | 0                   | 0                        |
 * | 6   | foldIn                | data             | 0                   | 0                        |
 * | 7   | Sobol randomization   | dimension d      | word block b (0–8)  | 0                        |
 * | 8   | von Mises (distributions/von-mises-sampler.ts) | sample i | attempt | 0              |
 *
 * Plain stream: block j yields samples 2j (words 0, 1) and 2j+1 (words 2, 3), each a 53-bit uniform;
 * uniform, normal and every one-uniform transform (exponential, Gumbel, Bernoulli, categorical) read
 * it, so `normal(k, n)` is exactly the inverse normal CDF of `uniform(k, n)`: use split keys for
 * independent variates. Rejection samplers give sample i its own counters (i, attempt, tag|lane), so
 * however many attempts sample i needs, no other sample moves: chunking never changes bits.
 */
import { PathwiseRangeError, PathwiseTypeError, show } from '../errors.js';
import { philoxBlock, philoxRoundKeys } from './philox.js';

/** An immutable generator key: the two 32-bit words of a Philox4x32 key. */
export interface Key {
  readonly kind: 'pathwise.key';
  readonly k0: number;
  readonly k1: number;
}

/** Stream tags (the top 8 bits of counter word c3). */
export const TAG_PLAIN = 0;
export const TAG_GAMMA = 1;
export const TAG_POISSON = 2;
export const TAG_BINOMIAL = 3;
export const TAG_BROWNIAN = 4;
export const TAG_SPLIT = 5;
export const TAG_FOLD = 6;
export const TAG_SOBOL = 7;
export const TAG_VON_MISES = 8;
/** Multiplier that puts a tag in the top byte of c3. */
export const TAG_SHIFT = 0x1000000;

const TWO32 = 4294967296;

function makeKey(k0: number, k1: number): Key {
  return Object.freeze({ kind: 'pathwise.key' as const, k0: k0 >>> 0, k1: k1 >>> 0 });
}

/** Throws unless `k` is a Key; `fn` names the calling function in the message. */
export function assertKey(k: unknown, fn: string): asserts k is Key {
  const o = k as Key | null;
  if (typeof o !== 'object' || o === null || o.kind !== 'pathwise.key') {
    throw new PathwiseTypeError(`${fn}: key must be a Key from key(seed), got ${show(k)}`);
  }
}

/**
 * The key for an integer seed. Seeds are safe integers 0 ≤ seed < 2^53: the low 32 bits become word k0,
 * the high bits word k1, so distinct seeds give distinct keys.
 *
 * @example
 * ```ts
 * const k = key(7);          // { kind: 'pathwise.key', k0: 7, k1: 0 }
 * key(-1);                   // throws PathwiseRangeError: key: seed must be an integer in [0, 2^53), got -1
 * ```
 */
export function key(seed: number): Key {
  if (typeof seed !== 'number') throw new PathwiseTypeError(`key: seed must be a number, got ${show(seed)}`);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new PathwiseRangeError(`key: seed must be an integer in [0, 2^53), got ${show(seed)}`);
  }
  return makeKey(seed % TWO32, Math.floor(seed / TWO32));
}

/**
 * A key from its two words, e.g. to restore a key saved with `keyData`.
 *
 * @example
 * ```ts
 * const k = keyFromWords(0xa4093822, 0x299f31d0);
 * ```
 */
export function keyFromWords(k0: number, k1: number): Key {
  for (const [name, w] of [['k0', k0], ['k1', k1]] as const) {
    if (!Number.isInteger(w) || w < 0 || w >= TWO32) {
      throw new PathwiseRangeError(`keyFromWords: ${name} must be an integer in [0, 2^32), got ${show(w)}`);
    }
  }
  return makeKey(k0, k1);
}

/**
 * The key's two words as a fresh Uint32Array, the form `philox4x32` takes.
 *
 * @example
 * ```ts
 * keyData(key(7)); // Uint32Array [7, 0]
 * ```
 */
export function keyData(k: Key): Uint32Array {
  assertKey(k, 'keyData');
  return new Uint32Array([k.k0, k.k1]);
}

/** Derives a key as the first two words of the Philox block at (index, 0, tag). */
function derive(k: Key, index: number, tag: number): Key {
  const rk = philoxRoundKeys(k.k0, k.k1);
  const out = new Int32Array(4);
  philoxBlock(index % TWO32, Math.floor(index / TWO32), 0, tag * TAG_SHIFT, rk, out, 0);
  return makeKey(out[0]!, out[1]!);
}

/**
 * `n` independent child keys. Child i is a pure function of (key, i): `split(k, 10)[3]` equals
 * `split(k, 4)[3]`, so adding workers never changes the keys of the existing ones.
 *
 * @example
 * ```ts
 * const [kData, kNoise] = split(key(0), 2);
 * ```
 */
export function split(k: Key, n = 2): Key[] {
  assertKey(k, 'split');
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new PathwiseRangeError(`split: n must be a non-negative integer, got ${show(n)}`);
  }
  const keys: Key[] = new Array<Key>(n);
  for (let i = 0; i < n; i++) keys[i] = derive(k, i, TAG_SPLIT);
  return keys;
}

/**
 * A new key that mixes `data` (an integer in [0, 2^53), e.g. a step or worker number) into `k`.
 * Differs from `split(k, m)[data]` because the two use different stream tags.
 *
 * @example
 * ```ts
 * const kStep = foldIn(key(0), 17);
 * ```
 */
export function foldIn(k: Key, data: number): Key {
  assertKey(k, 'foldIn');
  if (!Number.isSafeInteger(data) || data < 0) {
    throw new PathwiseRangeError(`foldIn: data must be an integer in [0, 2^53), got ${show(data)}`);
  }
  return derive(k, data, TAG_FOLD);
}
