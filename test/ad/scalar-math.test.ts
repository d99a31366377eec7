/**
 * The engine-independent scalar Math (src/ad/kernels/scalar-math.ts): the same bits as the elementwise
 * kernels on both their paths (so a value computed one at a time equals the batched one), accurate against
 * the engine's Math, and the only transcendental functions the library uses (eslint's rule, run here on
 * src/ and the playground's sources, and shown to catch a Math.exp).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import * as dmath from '../../src/ad/kernels/scalar-math.js';
import { applyTranscendental, setTranscendentalWasmEnabled, type TranscendentalName } from '../../src/ad/kernels/transcendental.js';

/** Deterministic inputs: wide and narrow uniform ranges, random bit patterns, edge cases. */
function inputs(n: number, lo: number, hi: number): Float64Array {
  const x = new Float64Array(n);
  let s = 0x2545f491;
  const bits = new DataView(new ArrayBuffer(8));
  const edges = [0, -0, 1, -1, 0.5, Math.PI, -Math.PI, 1e-300, 5e-324, -5e-324, Infinity, -Infinity, NaN, 709.78, -745.1, 1e-8, 2 ** 20, 2 ** 20 + 1, 1e22, -1e300];
  x.set(edges);
  for (let i = edges.length; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    if (i % 5 === 0) {
      bits.setUint32(0, s >>> 0); bits.setUint32(4, Math.imul(s, 0x9e3779b9) >>> 0);
      x[i] = bits.getFloat64(0);
    } else {
      x[i] = lo + (hi - lo) * ((s >>> 0) / 4294967296);
    }
  }
  return x;
}

function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a); v.setFloat64(8, b);
  const key = (i: bigint): bigint => (i < 0n ? -(i & 0x7fffffffffffffffn) : i);
  const d = key(v.getBigInt64(0)) - key(v.getBigInt64(8));
  return Number(d < 0n ? -d : d);
}

afterAll(() => setTranscendentalWasmEnabled(true));

describe('scalar-math: one element of the elementwise kernels', () => {
  const cases: [TranscendentalName, (x: number) => number, number, number][] = [
    ['exp', dmath.exp, -750, 720], ['expm1', dmath.expm1, -50, 720], ['log', dmath.log, 0, 1e6],
    ['log1p', dmath.log1p, -1, 1e3], ['sin', dmath.sin, -3e6, 3e6], ['cos', dmath.cos, -3e6, 3e6], ['tanh', dmath.tanh, -25, 25],
  ];
  for (const wasm of [true, false]) {
    it.each(cases)(`%s: the same bits as applyTranscendental (${wasm ? 'WebAssembly' : 'JavaScript'} path)`, (name, f, lo, hi) => {
      setTranscendentalWasmEnabled(wasm);
      const x = inputs(20000, lo, hi);
      const batched = new Float64Array(x.length);
      applyTranscendental(name, x, batched);
      for (let i = 0; i < x.length; i++) {
        if (!Object.is(f(x[i]!), batched[i])) expect.fail(`${name}(${x[i]}): scalar ${f(x[i]!)}, elementwise ${batched[i]}`);
      }
    });
  }
});

describe('scalar-math: accuracy against the engine\'s Math (within 2 ulp: both are within about 1 ulp of the truth)', () => {
  const M = Math as unknown as Record<string, (...a: number[]) => number>;
  const unary: [keyof typeof dmath, number, number][] = [
    ['exp', -700, 700], ['expm1', -40, 700], ['log', 0, 1e6], ['log1p', -1, 100], ['sin', -1e7, 1e7], ['cos', -1e7, 1e7],
    ['tanh', -20, 20], ['tan', -100, 100], ['atan', -100, 100], ['asin', -1, 1], ['acos', -1, 1], ['cbrt', -1e3, 1e3], ['log10', 0, 1e9],
  ];
  it.each(unary)('%s', (name, lo, hi) => {
    const f = dmath[name] as (x: number) => number;
    const x = inputs(20000, lo, hi);
    let worst = 0;
    for (const v of x) worst = Math.max(worst, ulps(f(v), M[name]!(v)!));
    expect(worst).toBeLessThanOrEqual(2);
  });
  it('pow, atan2 and hypot, with the special cases of Math', () => {
    const edges = [0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1e-300, 5e-324, -5e-324, Infinity, -Infinity, NaN, 1e300, -1e300];
    const x = [...inputs(20000, 0, 50), ...edges.flatMap((a) => edges.map(() => a))];
    const y = [...inputs(20000, -40, 40).reverse(), ...edges.flatMap(() => edges)];
    const worst = { ulps: 0, at: '' };
    const check = (got: number, want: number, at: string): void => {
      const u = ulps(got, want);
      if (u > worst.ulps) Object.assign(worst, { ulps: u, at: `${at}: ${got}, Math ${want}` });
    };
    for (let i = 0; i < x.length; i++) {
      check(dmath.pow(x[i]!, y[i]!), Math.pow(x[i]!, y[i]!), `pow(${x[i]}, ${y[i]})`);
      check(dmath.atan2(y[i]!, x[i]! - 25), Math.atan2(y[i]!, x[i]! - 25), `atan2(${y[i]}, ${x[i]! - 25})`);
      check(dmath.atan2(x[i]!, y[i]!), Math.atan2(x[i]!, y[i]!), `atan2(${x[i]}, ${y[i]})`);
      check(dmath.hypot(x[i]! - 25, y[i]!), Math.hypot(x[i]! - 25, y[i]!), `hypot(${x[i]! - 25}, ${y[i]})`);
      check(dmath.hypot(x[i]! * 1e300, y[i]! * 1e-300), Math.hypot(x[i]! * 1e300, y[i]! * 1e-300), `hypot(${x[i]! * 1e300}, ${y[i]! * 1e-300})`);
    }
    expect(worst.ulps, worst.at).toBeLessThanOrEqual(2);
    expect([dmath.pow(0, -1), dmath.pow(-8, 1 / 3), dmath.pow(2, 0.5), dmath.pow(NaN, 0), dmath.pow(1, Infinity), dmath.log10(1000), dmath.log10(1e-7)])
      .toEqual([Infinity, NaN, Math.SQRT2, 1, NaN, 3, -7]);
  });
});

describe('scalar-math is what the library uses', () => {
  // eslint's no-restricted-properties / no-restricted-syntax rules (eslint.config.js) are the authority and
  // run in `npm run lint`; here a fast scan of the same files, and the rule shown to catch a Math.exp.
  const ENGINE_MATH = /\bMath\.(exp|expm1|log|log1p|log2|log10|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|pow|hypot)\b/;
  const EXEMPT = new Set(['src/ad/kernels/scalar-math.ts', 'src/ad/kernels/transcendental-js.ts']);
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
  it('no engine-dependent Math function in src/ and playground/src/ outside comments, and no rule switched off', () => {
    const found: string[] = [];
    for (const f of [...files('src'), ...files('playground/src')]) {
      if (EXEMPT.has(f)) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        const code = line.trimStart();
        if (/eslint-disable(?!-next-line\s+@typescript)/.test(code) && /no-restricted|eslint-disable\s*\*\/|eslint-disable$/.test(code)) found.push(`${f}:${i + 1}: ${code}`);
        if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
        if (ENGINE_MATH.test(line.replace(/\/\/.*$/, ''))) found.push(`${f}:${i + 1}: ${code}`);
      });
    }
    expect(found).toEqual([]);
  });
  it('and eslint\'s rule catches Math.exp and ** (but not 2 ** k)', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const [r] = await eslint.lintText('export const f = (x: number): number => Math.exp(x) + x ** 3 + 2 ** x;\n', { filePath: 'src/probe.ts' });
    expect(r!.messages.map((m) => m.ruleId)).toEqual(['no-restricted-properties', 'no-restricted-syntax']);
  });
});
