/**
 * Exact argument reduction for sin and cos beyond the range of the kernels' multi-part π/2 (|x| > 2^20,
 * about 1e6): Payne–Hanek with BigInt. x·2/π is formed exactly enough from 1280 bits of 2/π (the error is
 * below 2^-256, while no double lies closer than about 2^-62·x to a multiple of π/2), q is its nearest
 * integer and the fraction, times π/2 in double-double arithmetic, is the reduced argument. Rare inputs
 * only: the elementwise kernels count such lanes and hand them here, on both the WebAssembly and the
 * JavaScript path, so the two paths agree bit for bit.
 */
import { PIO2_HI, PIO2_LO, TWO_OVER_PI_BITS, TWO_OVER_PI_SCALED, cosReduced, sinReduced } from './transcendental-js.js';

const BITS = new Float64Array(1);
const VIEW = new DataView(BITS.buffer);

/** 2^k for an integer k in [−1022, 1023], from its bit pattern (DataView: big-endian by default). */
function pow2(k: number): number {
  VIEW.setFloat64(0, 0);
  VIEW.setUint16(0, (k + 1023) << 4);
  return VIEW.getFloat64(0);
}

/** The error of the product a·b (Dekker's exact product, no fused multiply–add needed). */
function productError(a: number, b: number, p: number): number {
  const ca = 134217729 * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = 134217729 * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

let reducedHi = 0;
let reducedLo = 0;

/** Reduces a finite x: returns q mod 4 and leaves x − q·π/2 in reducedHi + reducedLo. */
function reduce(x: number): number {
  VIEW.setFloat64(0, Math.abs(x));
  const hi = VIEW.getUint32(0);
  const lo = VIEW.getUint32(4);
  const e = hi >>> 20;                                          // |x| ≥ 2^20: normal
  const mant = (BigInt((hi & 0xfffff) | 0x100000) << 32n) | BigInt(lo);
  const s = BigInt(TWO_OVER_PI_BITS + 1075 - e);                // |x|·2/π = P / 2^s
  const p = mant * TWO_OVER_PI_SCALED;
  let q = p >> s;
  let frac = p - (q << s);
  if (frac >= 1n << (s - 1n)) {
    q += 1n;
    frac -= 1n << s;
  }
  const neg = frac < 0n;
  const af = neg ? -frac : frac;
  const shift = Math.max(0, af.toString(2).length - 110);
  const top = af >> BigInt(shift);
  const th = Number(top);                                        // rounded to nearest
  const tl = Number(top - BigInt(th));
  const scale = pow2(shift - Number(s));                         // f = (th + tl)·scale, |f| ≤ ½
  const fh = (neg ? -th : th) * scale;
  const fl = (neg ? -tl : tl) * scale;
  const ph = fh * PIO2_HI;
  const pl = productError(fh, PIO2_HI, ph) + (fh * PIO2_LO + fl * PIO2_HI);
  const rh = ph + pl;
  const rl = pl - (rh - ph);
  const n = Number(q & 3n);
  if (x < 0) {
    reducedHi = -rh;
    reducedLo = -rl;
    return (4 - n) & 3;
  }
  reducedHi = rh;
  reducedLo = rl;
  return n;
}

/** sin x for |x| > 2^20 or not finite (NaN for ±∞ and NaN). */
export function sinLarge(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const n = reduce(x);
  return sinReduced(reducedHi, reducedLo, n);
}

/** cos x for |x| > 2^20 or not finite (NaN for ±∞ and NaN). */
export function cosLarge(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const n = reduce(x);
  return cosReduced(reducedHi, reducedLo, n);
}
