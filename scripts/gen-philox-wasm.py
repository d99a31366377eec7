#!/usr/bin/env python3
"""Assembles the WebAssembly kernel of src/random/philox-wasm-bytes.ts (no toolchain needed).

JavaScript lacks a 32×32→64-bit multiply, so Philox4x32-10 in plain JS spends most of its time
assembling high words from 16-bit pieces; WebAssembly has i64.mul. This script writes, by hand, a
module of a few hundred bytes exporting

  memory "mem" (1 page), and
  fill(c0: i32, c1: i32, nblocks: i32, k0: i32, k1: i32, c2: i32, c3: i32)

which writes the 2·nblocks 53-bit uniforms of Philox blocks (c0 + b, c1 + carry, c2, c3), b < nblocks
(c2 = c3 = 0 for the plain stream; the time step and the tag for Brownian increments),
as f64 at byte 0 of "mem": sample 2b from words 0–1, 2b+1 from words 2–3, u = k·2^-53 (k = 0 ↦ 2^-54),
exactly as src/random/uniform.ts does; and

  normal(c0: i32, c1: i32, nblocks: i32, k0: i32, k1: i32, c2: i32, c3: i32) -> i32

which writes, for the same samples, the central rational function of AS 241 at q = u − ½ (the
expression of normalQuantileCentral in src/random/normal-quantile.ts, same constants, same order of
operations; WebAssembly never fuses multiply–adds, so the bits agree), and lists the samples with
|q| > 0.425 — their index (i32 at byte TAIL_INDEX) and u (f64 at byte TAIL_U) — for the caller to finish
with the full inverse CDF; it returns their number. The tests check all paths give identical bits.

Run: python3 scripts/gen-philox-wasm.py > src/random/philox-wasm-bytes.ts
"""
import base64
import struct
from wasm_encoding import uleb, sleb, vec, section, name


def s32(n):  # a uint32 constant as the signed i32 immediate wasm expects
    return n - (1 << 32) if n >= 1 << 31 else n


I32, I64, F64 = 0x7F, 0x7E, 0x7C
PAGES = 2
TAIL_U = 65536       # byte offset of the tail uniforms (4096 f64)
TAIL_INDEX = 98304   # byte offset of the tail indices (4096 i32)
# params: 0 c0, 1 c1, 2 nb, 3 k0, 4 k1, 5 c2, 6 c3 (counter words 2 and 3: 0 for the plain stream, the
# time step and the tag for Brownian increments); locals: 7 x0, 8 x1, 9 x2, 10 x3, 11 ka, 12 kb, 13 r
# (unused since the rounds are unrolled), 14 ptr (i32); 15 p0, 16 p1, 17 k (i64)
C0, C1, NB, K0, K1, C2, C3, X0, X1, X2, X3, KA, KB, R, PTR, P0, P1, K = range(18)
get = lambda i: bytes([0x20]) + uleb(i)
set_ = lambda i: bytes([0x21]) + uleb(i)
tee = lambda i: bytes([0x22]) + uleb(i)
i32c = lambda v: bytes([0x41]) + sleb(s32(v))
i64c = lambda v: bytes([0x42]) + sleb(v)
f64c = lambda v: bytes([0x44]) + struct.pack('<d', v)
I32_ADD, I32_SUB, I32_XOR, I32_SHR_U, I32_EQZ = b'\x6a', b'\x6b', b'\x73', b'\x76', b'\x45'
I64_MUL, I64_SHR_U, I64_SHL, I64_OR, I64_EXT_U, I32_WRAP, I64_EQZ = b'\x7e', b'\x88', b'\x86', b'\x84', b'\xad', b'\xa7', b'\x50'
F64_CONV_I64, F64_MUL, SELECT = b'\xb9', b'\xa2', b'\x1b'  # f64.convert_i64_s: k < 2^53, signed is exact and faster
f64_store = lambda off: b'\x39' + uleb(3) + uleb(off)
BLOCK, LOOP, IF, END = b'\x02\x40', b'\x03\x40', b'\x04\x40', b'\x0b'
br_if = lambda d: b'\x0d' + uleb(d)


def uniform_of(hi, lo, off):
    """Stores u53(hi, lo) at ptr + off."""
    return (get(PTR) + f64c(2.0 ** -54)
            + get(hi) + i32c(11) + I32_SHR_U + I64_EXT_U + i64c(32) + I64_SHL
            + get(lo) + I64_EXT_U + I64_OR + tee(K)
            + F64_CONV_I64 + f64c(2.0 ** -53) + F64_MUL
            + get(K) + I64_EQZ + SELECT + f64_store(off))


one_round = (
    get(X0) + I64_EXT_U + i64c(0xD2511F53) + I64_MUL + set_(P0)
    + get(X2) + I64_EXT_U + i64c(0xCD9E8D57) + I64_MUL + set_(P1)
    + get(P1) + i64c(32) + I64_SHR_U + I32_WRAP + get(X1) + I32_XOR + get(KA) + I32_XOR + set_(X0)
    + get(P0) + i64c(32) + I64_SHR_U + I32_WRAP + get(X3) + I32_XOR + get(KB) + I32_XOR + set_(X2)
    + get(P1) + I32_WRAP + set_(X1)
    + get(P0) + I32_WRAP + set_(X3)
    + get(KA) + i32c(0x9E3779B9) + I32_ADD + set_(KA)
    + get(KB) + i32c(0xBB67AE85) + I32_ADD + set_(KB)
)
rounds = one_round * 10   # unrolled: no loop counter in the hot path

body = (
    get(NB) + I32_EQZ + IF + b'\x0f' + END          # nothing to do: return
    + i32c(0) + set_(PTR)
    + LOOP
    + get(C0) + set_(X0) + get(C1) + set_(X1) + get(C2) + set_(X2) + get(C3) + set_(X3)
    + get(K0) + set_(KA) + get(K1) + set_(KB)
    + rounds
    + uniform_of(X0, X1, 0) + uniform_of(X2, X3, 8)
    + get(PTR) + i32c(16) + I32_ADD + set_(PTR)
    + get(C0) + i32c(1) + I32_ADD + tee(C0) + I32_EQZ
    + IF + get(C1) + i32c(1) + I32_ADD + set_(C1) + END
    + get(NB) + i32c(1) + I32_SUB + tee(NB) + br_if(0)
    + END
    + END
)
locals_ = vec([uleb(8) + bytes([I32]), uleb(3) + bytes([I64])])
code = locals_ + body

# ---- normal(c0, c1, nb, k0, k1, c2, c3) -> tail count ----
# extra locals: 18 u, 19 q, 20 r (f64); 21 m (tail count), 22 s (sample index) (i32)
U, Q, RR, M, S = 18, 19, 20, 21, 22
A = [2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
     1971.5909503065513, 133.14166789178438, 3.3871328727963665]   # highest degree first
B = [5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
     687.1870074920579, 42.31333070160091, 1.0]
F64_ADD, F64_SUB, F64_DIV, F64_LT, F64_GT = b'\xa0', b'\xa1', b'\xa3', b'\x63', b'\x64'
i32_store = lambda off: b'\x36' + uleb(2) + uleb(off)


def horner(coeffs):
    out = f64c(coeffs[0])
    for c in coeffs[1:]:
        out += get(RR) + F64_MUL + f64c(c) + F64_ADD
    return out


def normal_of(hi, lo, off):
    """u53(hi, lo) → central AS 241 value stored at ptr + off; tail bookkeeping; s += 1."""
    u = (f64c(2.0 ** -54)
         + get(hi) + i32c(11) + I32_SHR_U + I64_EXT_U + i64c(32) + I64_SHL
         + get(lo) + I64_EXT_U + I64_OR + tee(K)
         + F64_CONV_I64 + f64c(2.0 ** -53) + F64_MUL
         + get(K) + I64_EQZ + SELECT + set_(U))
    qr = (get(U) + f64c(0.5) + F64_SUB + set_(Q)
          + f64c(0.180625) + get(Q) + get(Q) + F64_MUL + F64_SUB + set_(RR))
    z = get(PTR) + get(Q) + horner(A) + F64_MUL + horner(B) + F64_DIV + f64_store(off)
    tail = (get(M) + i32c(2) + b'\x74' + get(S) + i32_store(TAIL_INDEX)        # i32.shl: m·4
            + get(M) + i32c(3) + b'\x74' + get(U) + f64_store(TAIL_U)           # m·8
            + get(M) + get(Q) + f64c(-0.425) + F64_LT + I32_ADD + get(Q) + f64c(0.425) + F64_GT + I32_ADD + set_(M)
            + get(S) + i32c(1) + I32_ADD + set_(S))
    return u + qr + z + tail


body2 = (
    i32c(0) + set_(M) + i32c(0) + set_(S)
    + get(NB) + I32_EQZ + IF + i32c(0) + b'\x0f' + END
    + i32c(0) + set_(PTR)
    + LOOP
    + get(C0) + set_(X0) + get(C1) + set_(X1) + get(C2) + set_(X2) + get(C3) + set_(X3)
    + get(K0) + set_(KA) + get(K1) + set_(KB)
    + rounds
    + normal_of(X0, X1, 0) + normal_of(X2, X3, 8)
    + get(PTR) + i32c(16) + I32_ADD + set_(PTR)
    + get(C0) + i32c(1) + I32_ADD + tee(C0) + I32_EQZ
    + IF + get(C1) + i32c(1) + I32_ADD + set_(C1) + END
    + get(NB) + i32c(1) + I32_SUB + tee(NB) + br_if(0)
    + END
    + get(M)
    + END
)
code2 = vec([uleb(8) + bytes([I32]), uleb(3) + bytes([I64]), uleb(3) + bytes([F64]), uleb(2) + bytes([I32])]) + body2
params = vec([bytes([I32])] * 7)
module = (b'\x00asm' + b'\x01\x00\x00\x00'
          + section(1, vec([b'\x60' + params + vec([]), b'\x60' + params + vec([bytes([I32])])]))
          + section(3, vec([uleb(0), uleb(1)]))
          + section(5, vec([b'\x00' + uleb(PAGES)]))
          + section(7, vec([name('fill') + b'\x00' + uleb(0), name('normal') + b'\x00' + uleb(1),
                            name('mem') + b'\x02' + uleb(0)]))
          + section(10, vec([uleb(len(code)) + code, uleb(len(code2)) + code2])))
b64 = base64.b64encode(module).decode()
print(f"""/**
 * The WebAssembly Philox4x32-10 kernels (uniforms; normals' central branch), {len(module)} bytes.
 * GENERATED by scripts/gen-philox-wasm.py (which documents the module) — do not edit by hand.
 */
export const PHILOX_WASM_BASE64 = '{b64}';

/** Byte offsets of the tail uniforms and tail indices that normal() lists. */
export const PHILOX_WASM_TAIL_U = {TAIL_U};
export const PHILOX_WASM_TAIL_INDEX = {TAIL_INDEX};""")
