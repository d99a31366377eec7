/**
 * The matrix-product kernel C[m×n] = A[m×k]·B[k×n] on strided operands, so that transposes (the
 * matmul VJP's Aᵀ·G and G·Bᵀ) are read in place and never materialized.
 *
 * Summation order — the contract every path keeps: element (i, j) is the left-to-right sum
 * ((0 + A[i,0]·B[0,j]) + A[i,1]·B[1,j]) + … + A[i,k−1]·B[k−1,j], each product rounded, then each sum
 * (no fused multiply–add). It depends only on row i of A and column j of B, not on m, n, the tile or the
 * block the element falls in, so a Monte Carlo sample gives the same bits in any batch. The WebAssembly
 * SIMD kernel and both JavaScript loops below follow it, so which one runs is a matter of speed only.
 */
import { matmulLayout as L, matmulWasm, type MatmulWasm } from './matmul-wasm.js';

/**
 * Whether the WebAssembly kernel pays for its copies: it saves about 0.4 ns per multiply–add over the
 * JavaScript loops (0.15 against 0.55 here) but moves k·n + m·k + m·n doubles in and out at up to 1 ns
 * each, plus a call. So a single row (m = 1, 2) or a tiny product stays in JavaScript.
 */
const wasmPays = (m: number, n: number, k: number) => 0.4 * m * n * k >= k * n + m * k + m * n + 256;

/**
 * C = A·B with A(i, p) = a[ao + i·rsa + p·csa], B(p, j) = b[bo + p·rsb + j·csb], and C written
 * row-major and contiguous at c[co …] (every element written). Any of m, n, k may be 0.
 */
export function gemm(
  a: Float64Array, ao: number, rsa: number, csa: number,
  b: Float64Array, bo: number, rsb: number, csb: number,
  c: Float64Array, co: number, m: number, n: number, k: number,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    c.fill(0, co, co + m * n);
    return;
  }
  const w = wasmPays(m, n, k) ? matmulWasm() : null;
  if (w !== null) gemmWasm(w, a, ao, rsa, csa, b, bo, rsb, csb, c, co, m, n, k);
  else gemmJs(a, ao, rsa, csa, b, bo, rsb, csb, c, co, m, n, k);
}

/**
 * Blocked as in BLIS: for each block of NC columns and KC steps of k, B's block is packed once into
 * NR-column panels; for each block of MC rows, A's block is copied into the module as it lies (row- or
 * column-major, so a transposed A costs nothing extra) and the kernel runs. Partial sums of C leave and
 * re-enter the module between k blocks as exact doubles, so blocking never changes the order of a sum.
 */
function gemmWasm(
  w: MatmulWasm,
  a: Float64Array, ao: number, rsa: number, csa: number,
  b: Float64Array, bo: number, rsb: number, csb: number,
  c: Float64Array, co: number, m: number, n: number, k: number,
): void {
  const mem = w.mem;
  const cAt = L.cOffset / 8;
  const colMajorA = rsa === 1 && csa !== 1;
  for (let j0 = 0; j0 < n; j0 += L.nc) {
    const nc = Math.min(L.nc, n - j0);
    // one k block: C dense (the kernel's spare columns spill harmlessly, see the generator); else padded
    const ldc = k <= L.kc ? nc : Math.ceil(nc / L.nr) * L.nr;
    for (let p0 = 0; p0 < k; p0 += L.kc) {
      const kc = Math.min(L.kc, k - p0);
      const acc = p0 > 0 ? 1 : 0;
      packB(mem, b, bo + p0 * rsb + j0 * csb, rsb, csb, kc, nc);
      for (let i0 = 0; i0 < m; i0 += L.mc) {
        const mc = Math.min(L.mc, m - i0);
        const cOff = co + i0 * n + j0;
        if (acc) copyLines(c, cOff, n, mem, cAt, ldc, nc, mc);
        if (colMajorA) {
          copyA(mem, a, ao + i0 + p0 * csa, csa, mc, kc, L.aSlack);
          w.gemm(mc, nc, kc, acc, 8, mc * 8, ldc);
        } else {
          if (csa === 1) copyA(mem, a, ao + i0 * rsa + p0, rsa, kc, mc, spareRows(mc) * kc);
          else packA(mem, a, ao + i0 * rsa + p0 * csa, rsa, csa, mc, kc);
          w.gemm(mc, nc, kc, acc, kc * 8, 8, ldc);
        }
        copyLines(mem, cAt, ldc, c, cOff, n, nc, mc);
      }
    }
  }
}

/** Copies `lines` runs of `len` doubles: src[so + t·ls …] → dst[d0 + t·ld …], t < lines. */
function copyLines(src: Float64Array, so: number, ls: number, dst: Float64Array, d0: number, ld: number, len: number, lines: number): void {
  if (ls === len && ld === len) {
    dst.set(src.subarray(so, so + len * lines), d0);
    return;
  }
  for (let t = 0; t < lines; t++) {
    const s = so + t * ls, d = d0 + t * ld;
    for (let q = 0; q < len; q++) dst[d + q] = src[s + q]!;
  }
}

/**
 * Copies an A block that is contiguous along one axis (`lines` runs of `len`, stride `ls` in `a`) into
 * the module, packed densely, and zeroes what the kernel's spare rows read past it (`spare` doubles), so
 * that stale values never enter (a subnormal would slow the arithmetic).
 */
function copyA(mem: Float64Array, a: Float64Array, o: number, ls: number, len: number, lines: number, spare: number): void {
  const at = L.aOffset / 8;
  copyLines(a, o, ls, mem, at, len, len, lines);
  mem.fill(0, at + len * lines, at + len * lines + spare);
}

/** Packs an A block with general strides (element (i, p) at a[o + i·rs + p·cs]) row-major into the module. */
function packA(mem: Float64Array, a: Float64Array, o: number, rs: number, cs: number, mc: number, kc: number): void {
  let d = L.aOffset / 8;
  for (let i = 0; i < mc; i++) {
    for (let p = 0, s = o + i * rs; p < kc; p++, s += cs) mem[d++] = a[s]!;
  }
  mem.fill(0, d, d + spareRows(mc) * kc);
}

/** Rows that the last tile of an mc-row block computes past mc. */
const spareRows = (mc: number) => Math.ceil(mc / L.mr) * L.mr - mc;

/** Packs B's kc×nc block (element (p, j) at b[o + p·rs + j·cs]) into NR-column panels, zero columns past nc. */
function packB(mem: Float64Array, b: Float64Array, o: number, rs: number, cs: number, kc: number, nc: number): void {
  const NR = L.nr;
  let d = L.bpOffset / 8;
  for (let u = 0; u < nc; u += NR) {
    const cols = Math.min(NR, nc - u);
    const base = o + u * cs;
    if (cols === 4 && NR === 4) {
      for (let p = 0, s = base; p < kc; p++, s += rs, d += 4) {
        mem[d] = b[s]!; mem[d + 1] = b[s + cs]!; mem[d + 2] = b[s + 2 * cs]!; mem[d + 3] = b[s + 3 * cs]!;
      }
    } else {
      for (let p = 0, s = base; p < kc; p++, s += rs, d += NR) {
        let q = 0;
        for (; q < cols; q++) mem[d + q] = b[s + q * cs]!;
        for (; q < NR; q++) mem[d + q] = 0;
      }
    }
  }
}

/**
 * The JavaScript kernel (fallback, and small products): each 4×4 tile of C accumulated in 16 locals over
 * the whole of k, so each loaded value of A or B feeds four multiply–adds and C is written once; about
 * the scalar limit of V8 (1.8 GMAC/s here). Rows and columns that do not fill a tile use 4×1, 1×4 and
 * 1×1 loops with the same order of summation.
 */
export function gemmJs(
  a: Float64Array, ao: number, rsa: number, csa: number,
  b: Float64Array, bo: number, rsb: number, csb: number,
  c: Float64Array, co: number, m: number, n: number, k: number,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = ao + i * rsa, a1 = a0 + rsa, a2 = a1 + rsa, a3 = a2 + rsa;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let p = 0, ap = 0, bp = bo + j * csb; p < k; p++, ap += csa, bp += rsb) {
        const b0 = b[bp]!, b1 = b[bp + csb]!, b2 = b[bp + 2 * csb]!, b3 = b[bp + 3 * csb]!;
        let x = a[a0 + ap]!;
        s00 += x * b0; s01 += x * b1; s02 += x * b2; s03 += x * b3;
        x = a[a1 + ap]!;
        s10 += x * b0; s11 += x * b1; s12 += x * b2; s13 += x * b3;
        x = a[a2 + ap]!;
        s20 += x * b0; s21 += x * b1; s22 += x * b2; s23 += x * b3;
        x = a[a3 + ap]!;
        s30 += x * b0; s31 += x * b1; s32 += x * b2; s33 += x * b3;
      }
      let o = co + i * n + j;
      c[o] = s00; c[o + 1] = s01; c[o + 2] = s02; c[o + 3] = s03; o += n;
      c[o] = s10; c[o + 1] = s11; c[o + 2] = s12; c[o + 3] = s13; o += n;
      c[o] = s20; c[o + 1] = s21; c[o + 2] = s22; c[o + 3] = s23; o += n;
      c[o] = s30; c[o + 1] = s31; c[o + 2] = s32; c[o + 3] = s33;
    }
    for (; j < n; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, ap = 0, bp = bo + j * csb; p < k; p++, ap += csa, bp += rsb) {
        const bv = b[bp]!;
        s0 += a[a0 + ap]! * bv; s1 += a[a1 + ap]! * bv; s2 += a[a2 + ap]! * bv; s3 += a[a3 + ap]! * bv;
      }
      const o = co + i * n + j;
      c[o] = s0; c[o + n] = s1; c[o + 2 * n] = s2; c[o + 3 * n] = s3;
    }
  }
  for (; i < m; i++) {
    const ai = ao + i * rsa;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, ap = ai, bp = bo + j * csb; p < k; p++, ap += csa, bp += rsb) {
        const x = a[ap]!;
        s0 += x * b[bp]!; s1 += x * b[bp + csb]!; s2 += x * b[bp + 2 * csb]!; s3 += x * b[bp + 3 * csb]!;
      }
      const o = co + i * n + j;
      c[o] = s0; c[o + 1] = s1; c[o + 2] = s2; c[o + 3] = s3;
    }
    for (; j < n; j++) {
      let s = 0;
      for (let p = 0, ap = ai, bp = bo + j * csb; p < k; p++, ap += csa, bp += rsb) s += a[ap]! * b[bp]!;
      c[co + i * n + j] = s;
    }
  }
}
