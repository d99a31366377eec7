/**
 * The transcendental kernels (src/ad/kernels/transcendental.ts):
 * - against correctly rounded mpmath values (scripts/check-transcendental-accuracy.py --fixtures):
 *   10 000 inputs per function, regenerated here from the script's xorshift32 stream, plus edge cases;
 * - exp and log over a million points each against double-double references written below;
 * - the WebAssembly and the JavaScript paths give the same bits (Object.is on every element).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyTranscendental, setTranscendentalWasmEnabled, transcendentalWasmActive, type TranscendentalName,
} from '../../src/ad/kernels/transcendental.js';
import meta from '../fixtures/ad/transcendental.json' with { type: 'json' };

const NAMES: TranscendentalName[] = [
  'exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'tanh', 'sigmoid', 'softplus', 'erf', 'erfc', 'normLogCdf',
];
const refsBuf = readFileSync(new URL('../fixtures/ad/transcendental-refs.bin', import.meta.url));
const REFS = new Float64Array(refsBuf.buffer.slice(refsBuf.byteOffset, refsBuf.byteOffset + refsBuf.byteLength));

const view = new DataView(new ArrayBuffer(8));
function fromHex(h: string): number {          // big-endian hex bits
  view.setBigUint64(0, BigInt('0x' + h));
  return view.getFloat64(0);
}
function toHexLE(x: number): string {
  view.setFloat64(0, x, true);
  let s = '';
  for (let i = 0; i < 8; i++) s += view.getUint8(i).toString(16).padStart(2, '0');
  return s;
}

/** The script's XorShift32 and input categories, reproduced exactly. */
class XorShift32 {
  constructor(private s: number) {}
  next(): number {
    let s = this.s;
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.s = s;
    return s;
  }
  u53(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
type Category = (string | number | boolean)[];
function caseInputs(seed: number, cats: Category[], n: number): Float64Array {
  const rng = new XorShift32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = cats[rng.next() % cats.length]!;
    if (c[0] === 'u') {
      const lo = c[1] as number;
      const hi = c[2] as number;
      out[i] = lo + (hi - lo) * rng.u53();
    } else if (c[0] === 'b') {
      const e = (c[1] as number) + (rng.next() % ((c[2] as number) - (c[1] as number) + 1));
      const hi = rng.next() >>> 12;
      const lo = rng.next();
      const sign = c[3] ? rng.next() & 1 : 0;
      view.setUint32(0, ((sign << 31) | (e << 20) | hi) >>> 0);
      view.setUint32(4, lo);
      out[i] = view.getFloat64(0);
    } else {
      const k = rng.next() % (c[1] as number);
      const sign = rng.next() & 1;
      const v = k * 1.5707963267948966;
      out[i] = sign ? -v : v;
    }
  }
  return out;
}

/** The spacing of doubles at |r| (the ulp of the correctly rounded value). */
function ulp(r: number): number {
  const a = Math.abs(r);
  if (a < 2.2250738585072014e-308) return 5e-324;
  view.setFloat64(0, a);
  const e = view.getUint16(0) >>> 4;
  view.setUint32(0, (e - 52) << 20);
  view.setUint32(4, 0);
  return e > 52 ? view.getFloat64(0) : 5e-324 * 2 ** (e - 1);
}

function run(name: TranscendentalName, x: Float64Array, wasm: boolean): Float64Array {
  setTranscendentalWasmEnabled(wasm);
  const out = new Float64Array(x.length);
  applyTranscendental(name, x, out);
  return out;
}

/** Largest distance from the correctly rounded value, in its ulps; specials must match exactly. */
function worstUlps(x: Float64Array, got: Float64Array, want: ArrayLike<number>, what: string): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!Number.isFinite(w) || w === 0) {
      if (!Object.is(g, w)) throw new Error(`${what}(${x[i]}): got ${g}, expected ${w}`);
      continue;
    }
    const e = Math.abs(g - w) / ulp(w);
    if (!(e <= worst)) worst = e;     // NaN propagates into the failure below
  }
  return worst;
}

afterAll(() => setTranscendentalWasmEnabled(true));

describe('transcendental kernels against correctly rounded mpmath values', () => {
  it('the WebAssembly SIMD module instantiates in Node', () => {
    setTranscendentalWasmEnabled(true);
    expect(transcendentalWasmActive()).toBe(true);
  });

  // normLogCdf composes erfc with log or log1p: up to 1.25 ulp from the exact value (the sweep).
  const BOUND: Partial<Record<TranscendentalName, number>> = { normLogCdf: 2 };
  for (const name of NAMES) {
    const bound = BOUND[name] ?? 1;
    it(`${name}: within ${bound} ulp of the correctly rounded value on 10 000 inputs and the edge cases`, () => {
      const spec = meta.specs[name];
      const x = caseInputs(spec.seed, spec.categories, meta.points);
      expect(Array.from(x.subarray(0, 4), toHexLE)).toEqual(meta.first[name]);   // same inputs as the script
      const want = REFS.subarray(spec.offset, spec.offset + meta.points);
      const edges = meta.edges[name];
      const ex = new Float64Array(edges.map(([a]) => fromHex(a!)));
      const ew = edges.map(([, b]) => fromHex(b!));
      for (const wasm of [true, false]) {
        expect(worstUlps(x, run(name, x, wasm), want, name)).toBeLessThanOrEqual(bound);
        expect(worstUlps(ex, run(name, ex, wasm), ew, name)).toBeLessThanOrEqual(bound);
      }
    });
  }
});

describe('the WebAssembly and JavaScript paths agree bit for bit', () => {
  // Random bit patterns over every binade (both signs), ranges where each function changes form, NaN
  // payloads, ±∞, and lengths that are odd and span several 8192-element tiles.
  const n = 3 * 8192 + 5;
  const rng = new XorShift32(12345);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    if (kind === 0) {
      view.setUint32(0, rng.next());
      view.setUint32(4, rng.next());
      x[i] = view.getFloat64(0);
    } else if (kind === 1) x[i] = (rng.u53() - 0.5) * 60;
    else if (kind === 2) x[i] = (rng.u53() - 0.5) * 2 ** (rng.next() % 80 - 40);
    else x[i] = (rng.u53() - 0.5) * 1500;
  }
  x[8191] = 1e22;          // the last lane of a tile needing the exact sin/cos reduction
  x[8192] = -Infinity;
  x[n - 1] = 3e300;
  for (const name of NAMES) {
    it(`${name}`, () => {
      const a = run(name, x, true);
      const b = run(name, x, false);
      for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) throw new Error(`${name}(${x[i]}): wasm ${a[i]} ≠ js ${b[i]}`);
      for (const len of [0, 1, 2, 3, 8191, 8193]) {   // short and odd lengths
        const xs = x.subarray(0, len);
        const c = run(name, xs, true);
        for (let i = 0; i < len; i++) expect(Object.is(c[i], a[i])).toBe(true);
      }
    });
  }
});

// ---- double-double references for exp and log (a million points each) ----
// Pairs [hi, lo] with |lo| ≤ ulp(hi)/2; Dekker's products (no fused multiply–add needed).
type DD = [number, number];
function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}
function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = 134217729 * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = 134217729 * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}
function ddAdd(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return twoSum(s, e + a[1] + b[1]);
}
/** a / i for a small positive integer i. */
function ddDivInt(a: DD, i: number): DD {
  const q = a[0] / i;
  const [p, pe] = twoProd(q, i);
  return twoSum(q, (((a[0] - p) - pe) + a[1]) / i);
}
/** 2^k for an integer k in [−1022, 1023]. */
function pow2(k: number): number {
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}
function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}
// ln 2 = LN2_A + LN2_B + LN2_C (mpmath), LN2_A with 32 bits so that k·LN2_A is exact.
const LN2_A = 0.6931471806019545;
const LN2_B = -4.2009150726810846e-11;
const LN2_C = -1.3124698417785255e-27;
/**
 * e^x as a double-double for x ∈ [−700, 700]: x = k·ln 2 + r, e^r by Taylor series on r/256 (17 terms,
 * truncation < 1e-40) and eight squarings; relative error a few times 2^-100, far below 2^-53.
 */
function ddExp(x: number): DD {
  const k = Math.round(x / Math.LN2);
  let r = ddAdd([x - k * LN2_A, 0], ddMul([-k, 0], [LN2_B, LN2_C]));
  r = [r[0] / 256, r[1] / 256];
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let i = 1; i <= 17; i++) {
    term = ddMul(term, r);
    term = ddDivInt(term, i);
    sum = ddAdd(sum, term);
  }
  for (let i = 0; i < 8; i++) sum = ddMul(sum, sum);
  const s = pow2(k);
  return [sum[0] * s, sum[1] * s];
}

describe('a million points against double-double references', () => {
  it('exp on [−700, 700] is within 1 ulp', () => {
    setTranscendentalWasmEnabled(true);
    const n = 1_000_000;
    const x = new Float64Array(n);
    const rng = new XorShift32(777);
    for (let i = 0; i < n; i++) x[i] = i % 2 === 0 ? (rng.u53() - 0.5) * 1400 : (rng.u53() - 0.5) * 2 ** (rng.next() % 60 - 50);
    const y = new Float64Array(n);
    applyTranscendental('exp', x, y);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const [h, l] = ddExp(x[i]!);
      const e = Math.abs((y[i]! - h) - l) / ulp(h);   // y − h is exact (Sterbenz)
      if (!(e <= worst)) worst = e;
    }
    expect(worst).toBeLessThan(1);
  });

  it('log over all binades, subnormals included, is within 1 ulp', () => {
    setTranscendentalWasmEnabled(true);
    const n = 1_000_000;
    const x = new Float64Array(n);
    const rng = new XorShift32(4242);
    for (let i = 0; i < n; i++) {
      view.setUint32(0, (rng.next() % 2047 << 20 | rng.next() >>> 12) >>> 0);
      view.setUint32(4, rng.next());
      x[i] = i % 3 === 0 ? 0.5 + 1.5 * rng.u53() : view.getFloat64(0) || 1;
    }
    const y = new Float64Array(n);
    applyTranscendental('log', x, y);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      // One Newton step from y0 = Math.log: log x = y0 + (x − e^y0)/e^y0 + O((x − e^y0)²). Tiny and huge x
      // are scaled by 2^±600 first (e^y0 must stay normal); then log x = log(x·2^∓600) ± 600·ln 2.
      const v = x[i]!;
      const sc = v < 1e-150 ? 600 : v > 1e150 ? -600 : 0;
      const xs = v * pow2(sc);
      const y0 = Math.log(xs);
      const [eh, el] = ddExp(y0);
      const corr = ((xs - eh) - el) / eh;
      let ref: DD = twoSum(y0, corr);
      if (sc !== 0) ref = ddAdd(ref, ddMul([-sc, 0], [LN2_A, LN2_B]));   // LN2_C·600 < 2e-24: negligible
      const e = Math.abs((y[i]! - ref[0]) - ref[1]) / ulp(ref[0]);
      if (!(e <= worst)) worst = e;
    }
    expect(worst).toBeLessThan(1);
  });
});
