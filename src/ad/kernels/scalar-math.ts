/**
 * The library's own Math: scalar transcendental functions that give the same bits in every JavaScript
 * engine. ECMAScript leaves Math.exp, log, sin, pow, … "implementation-approximated", and engines do
 * differ: Node 20 and Chromium 156 disagree (by 1 ulp) on 2–8 % of inputs of every one of them
 * (scripts/compare-engine-math.ts), which would break "the same seed gives the same bits on any machine"
 * between a browser and Node, or between two Node versions. Only IEEE-exact operations (+ − × ÷, sqrt,
 * abs, floor, min/max, …) are safe; everything else comes from here.
 *
 * exp, expm1, log, log1p, sin, cos and tanh are the elementwise kernels' JavaScript code run on one element,
 * so a scalar and an elementwise evaluation give the same bits (≤ 1.1 ulp). pow, tan, atan, atan2, asin,
 * acos, cbrt and log10 are @stdlib's (FreeBSD msun ports in plain arithmetic, ≤ 1 ulp), hypot is written
 * here (Math.hypot agrees between Node 20 and Chromium 156, but nothing obliges other engines to). Cost: a few ns more
 * than Math.* per call, which matters only in scalar hot loops (bench/random.ts measures the samplers).
 *
 * @example
 * ```ts
 * exp(1);            // 2.718281828459045
 * log(10);           // 2.302585092994046
 * pow(2, 0.5);       // 1.4142135623730951
 * hypot(3, 4);       // 5
 * ```
 */
import stdlibAcos from '@stdlib/math-base-special-acos';
import stdlibAsin from '@stdlib/math-base-special-asin';
import stdlibAtan from '@stdlib/math-base-special-atan';
import stdlibAtan2 from '@stdlib/math-base-special-atan2';
import stdlibCbrt from '@stdlib/math-base-special-cbrt';
import stdlibLog10 from '@stdlib/math-base-special-log10';
import stdlibPow from '@stdlib/math-base-special-pow';
import stdlibTan from '@stdlib/math-base-special-tan';
import { TRIG_LIMIT, cosJs, expJs, expm1Js, log1pJs, logJs, sinJs, tanhJs } from './transcendental-js.js';
import { cosLarge, sinLarge } from './trig-reduction.js';

// One-element input and output for the kernels (module-level: no allocation per call).
const X = new Float64Array(1);
const Y = new Float64Array(1);

/** e^x. */
export function exp(x: number): number {
  X[0] = x;
  expJs(X, Y, 1);
  return Y[0]!;
}

/** e^x − 1, accurate near 0. */
export function expm1(x: number): number {
  X[0] = x;
  expm1Js(X, Y, 1);
  return Y[0]!;
}

/** The natural logarithm (−∞ at 0, NaN below). */
export function log(x: number): number {
  X[0] = x;
  logJs(X, Y, 1);
  return Y[0]!;
}

/** log(1 + x), accurate near 0. */
export function log1p(x: number): number {
  X[0] = x;
  log1pJs(X, Y, 1);
  return Y[0]!;
}

/** sin x (exact argument reduction beyond 2^20). */
export function sin(x: number): number {
  if (!(Math.abs(x) <= TRIG_LIMIT)) return sinLarge(x);
  X[0] = x;
  sinJs(X, Y, 1);
  return Y[0]!;
}

/** cos x (exact argument reduction beyond 2^20). */
export function cos(x: number): number {
  if (!(Math.abs(x) <= TRIG_LIMIT)) return cosLarge(x);
  X[0] = x;
  cosJs(X, Y, 1);
  return Y[0]!;
}

/** tanh x. */
export function tanh(x: number): number {
  X[0] = x;
  tanhJs(X, Y, 1);
  return Y[0]!;
}

/**
 * x^y with the special cases of Math.pow, which differ from C's (and @stdlib's) in places: x^±0 is 1 even
 * for NaN x; 1^y and (−1)^y are NaN for y = ±∞ or NaN; and ±0^y, (−∞)^y are taken here (@stdlib 0.3.1 gives
 * −∞ for 0^−0.5 and NaN for (−∞)^0.5).
 */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(y) || ((x === 1 || x === -1) && !Number.isFinite(y))) return NaN;
  if (x === 0 || x === -Infinity) {                  // ±0 and −∞: by the sign of y and whether it is odd
    const odd = Math.abs(y % 2) === 1;
    if (y > 0) return odd ? x : x * x;
    return odd ? 1 / x : 1 / (x * x);
  }
  if (x < 0) {                                       // by |x|^y (@stdlib 0.3.1 gives −1 for (−1)^1e300)
    if (Number.isFinite(y) && !Number.isInteger(y)) return NaN;
    const r = stdlibPow(-x, y);
    return Math.abs(y % 2) === 1 ? -r : r;
  }
  return stdlibPow(x, y);
}
/** tan x. */
export const tan: (x: number) => number = stdlibTan;
/** atan x in [−π/2, π/2]. */
export const atan: (x: number) => number = stdlibAtan;
/** The angle of (x, y) in [−π, π], with the sign of y (@stdlib 0.3.1 gives +π for atan2(−5e−324, −1e269)). */
export function atan2(y: number, x: number): number {
  const r = stdlibAtan2(y, x);
  return (y < 0 && r > 0) || (y > 0 && r < 0) ? -r : r;
}
/** asin x in [−π/2, π/2]. */
export const asin: (x: number) => number = stdlibAsin;
/** acos x in [0, π]. */
export const acos: (x: number) => number = stdlibAcos;
/** The real cube root. */
export const cbrt: (x: number) => number = stdlibCbrt;
/** log base 10 (exact at powers of ten). */
export const log10: (x: number) => number = stdlibLog10;

/** √(x² + y²) without overflow or underflow: m·√(1 + (n/m)²) with m = max(|x|, |y|) (≤ 2 ulp). */
export function hypot(x: number, y: number): number {
  const a = Math.abs(x), b = Math.abs(y);
  if (a === Infinity || b === Infinity) return Infinity;
  const m = Math.max(a, b), n = Math.min(a, b);
  if (m === 0 || Number.isNaN(m)) return m === 0 ? 0 : NaN;
  const r = n / m;
  return m * Math.sqrt(1 + r * r);
}
