/**
 * Which Math.* functions give different bits in Node and in Chromium? The same probe (a self-contained
 * function, so both engines run the very same source) draws ~1M inputs per function over wide and narrow
 * ranges, random bit patterns and edge cases, and evaluates each Math function on them; the outputs are
 * compared bit for bit and the differing functions are printed with counts, worst ulp distance and a few
 * examples. A measurement, not a test (the answer depends on the two engines' versions).
 *
 * Measured 2026-11-30, Node 20.20.2 (V8 11.3) against Debian's Chromium 156, 1,000,000 points per function:
 * differing bits in exp 71775, expm1 699, log 36306, log1p 307, log10 32450, log2 8899, sin 23149,
 * cos 22994, tan 32111, atan 35291, asin 32979, acos 26184, tanh 376, sinh 48035, cosh 63706, asinh 16900,
 * acosh 18285, atanh 269, cbrt 82985, pow 71846, atan2 72913 (at most 1–3 ulp); sqrt and hypot 0.
 * Hence src/ never calls Math's transcendental functions (eslint rule; see src/ad/kernels/scalar-math.ts).
 *
 * Usage: npx tsx scripts/compare-engine-math.ts [pointsPerFunction] [--json out.json]
 * Needs Debian's /usr/bin/chromium (never `playwright install`).
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The probe, as source text: (n) => Record<name, { x: Float64Array, y?: Float64Array, out: Float64Array }>. */
// tsx/esbuild may wrap arrow functions in __name(…): define it inside the text both engines run.
const PROBE = 'function (n) { const __name = (f) => f; return (' + String(function probe(n: number) {
  let s = 0x9e3779b9 | 0;
  const u32 = (): number => {           // xorshift32: the same stream in both engines (integer ops only)
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return s >>> 0;
  };
  const unit = (): number => (u32() * 4294967296 + u32()) / 18446744073709551616;  // in [0, 1)
  const bits = new DataView(new ArrayBuffer(8));
  const anyFinite = (): number => {     // random bit pattern, finite, either sign
    for (;;) {
      bits.setUint32(0, u32()); bits.setUint32(4, u32());
      const v = bits.getFloat64(0);
      if (Number.isFinite(v)) return v;
    }
  };
  const edges = [0, -0, 1, -1, 0.5, -0.5, 2, Math.PI, -Math.PI, Math.PI / 2, Math.PI / 4, Math.E, 1e-300, 5e-324,
    -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, Infinity, -Infinity, NaN,
    709.782712893384, -745.1332191019411, 1 - 2 ** -53, 1 + 2 ** -52, 1e-8, -1e-8, 1e16, 2 ** 20, 2 ** 30, 1e22, 0.9999999];
  type Range = readonly [number, number] | 'bits' | 'bitsPos';
  const draw = (ranges: readonly Range[]): Float64Array => {
    const x = new Float64Array(n);
    x.set(edges);
    for (let i = edges.length; i < n; i++) {
      const r = ranges[i % ranges.length]!;
      if (r === 'bits') x[i] = anyFinite();
      else if (r === 'bitsPos') x[i] = Math.abs(anyFinite());
      else x[i] = r[0] + (r[1] - r[0]) * unit();
    }
    return x;
  };
  const unary: Record<string, readonly Range[]> = {
    exp: [[-745, 710], [-20, 20], [-1, 1], [-1e-3, 1e-3]],
    expm1: [[-40, 710], [-2, 2], [-1e-5, 1e-5]],
    log: ['bitsPos', [0, 10], [0.5, 2], [0.999, 1.001]],
    log1p: ['bitsPos', [-1, 10], [-1e-3, 1e-3], [-0.5, 2]],
    log10: ['bitsPos', [0, 10], [0.5, 2]],
    log2: ['bitsPos', [0, 10], [0.5, 2]],
    sin: [[-10, 10], [-1e6, 1e6], 'bits', [-Math.PI, Math.PI], [-1e-3, 1e-3]],
    cos: [[-10, 10], [-1e6, 1e6], 'bits', [-Math.PI, Math.PI], [-1e-3, 1e-3]],
    tan: [[-10, 10], [-1e6, 1e6], 'bits', [-1.5, 1.5]],
    atan: [[-10, 10], 'bits', [-1, 1]],
    asin: [[-1, 1], [-1e-3, 1e-3], [0.99, 1]],
    acos: [[-1, 1], [-1e-3, 1e-3], [0.99, 1]],
    tanh: [[-20, 20], [-1, 1], [-1e-3, 1e-3]],
    sinh: [[-710, 710], [-1, 1]],
    cosh: [[-710, 710], [-1, 1]],
    asinh: ['bits', [-10, 10]],
    acosh: ['bitsPos', [1, 10]],
    atanh: [[-1, 1], [-1e-3, 1e-3]],
    cbrt: ['bits', [-10, 10]],
    sqrt: ['bitsPos', [0, 10]],
  };
  const binary: Record<string, readonly [readonly Range[], readonly Range[]]> = {
    pow: [[[0, 100], 'bitsPos', [0.5, 2], [0, 1]], [[-50, 50], [-2, 2], [-300, 300], [0, 4]]],
    atan2: [[[-10, 10], 'bits'], [[-10, 10], 'bits', [-1e-3, 1e-3]]],
    hypot: [[[-10, 10], 'bits'], [[-10, 10], 'bits']],
  };
  const out: Record<string, { x: Float64Array; y?: Float64Array; out: Float64Array }> = {};
  const M = Math as unknown as Record<string, (a: number, b?: number) => number>;
  for (const [name, ranges] of Object.entries(unary)) {
    const x = draw(ranges), o = new Float64Array(n), f = M[name]!;
    for (let i = 0; i < n; i++) o[i] = f(x[i]!);
    out[name] = { x, out: o };
  }
  for (const [name, [rx, ry]] of Object.entries(binary)) {
    const x = draw(rx), y = draw(ry), o = new Float64Array(n), f = M[name]!;
    y.reverse();                        // pair edges with non-edges too
    for (let i = 0; i < n; i++) o[i] = f(x[i]!, y[i]!);
    out[name] = { x, y, out: o };
  }
  return out;
}) + ')(n); }';

/** Distance in units in the last place between two doubles of the same sign (NaN/∞ mismatches: Infinity). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a); v.setFloat64(8, b);
  const ia = v.getBigInt64(0), ib = v.getBigInt64(8);
  const key = (i: bigint): bigint => (i < 0n ? -(i & 0x7fffffffffffffffn) : i);
  const d = key(ia) - key(ib);
  return Number(d < 0n ? -d : d);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const jsonAt = process.argv.indexOf('--json');
  const t0 = performance.now();
  const node = (new Function(`return (${PROBE})(${n});`))() as Record<string, { x: Float64Array; y?: Float64Array; out: Float64Array }>;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const version = browser.version();
    await page.evaluate(`globalThis.__probe = (${PROBE})(${n});`);
    const rows: { fn: string; points: number; differing: number; maxUlps: number; examples: string[] }[] = [];
    for (const name of Object.keys(node)) {
      // Bytes cross as base64 (a Float64Array does not survive evaluate's JSON).
      const b64 = await page.evaluate((k) => {
        const o = (globalThis as unknown as { __probe: Record<string, { out: Float64Array }> }).__probe[k]!.out;
        const u8 = new Uint8Array(o.buffer);
        let s = '';
        for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
        return btoa(s);
      }, name);
      const buf = Buffer.from(b64, 'base64');
      const page64 = new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
      const { x, y, out } = node[name]!;
      let differing = 0, maxUlps = 0;
      const examples: string[] = [];
      for (let i = 0; i < n; i++) {
        if (Object.is(page64[i], out[i])) continue;
        differing++;
        maxUlps = Math.max(maxUlps, ulps(page64[i]!, out[i]!));
        if (examples.length < 3) examples.push(`${name}(${x[i]}${y ? `, ${y[i]}` : ''}): node ${out[i]} chromium ${page64[i]}`);
      }
      rows.push({ fn: name, points: n, differing, maxUlps, examples });
    }
    console.log(`Node ${process.version} (V8 ${process.versions.v8}) vs Chromium ${version}, ${n} points per function, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const r of rows) console.log(`${r.fn.padEnd(6)} ${String(r.differing).padStart(8)} / ${r.points} differ${r.differing ? `, max ${r.maxUlps} ulp; e.g. ${r.examples[0]}` : ''}`);
    if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify({ node: process.version, v8: process.versions.v8, chromium: version, rows }, null, 2));
  } finally {
    await browser.close();
  }
}

await main();
