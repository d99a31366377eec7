#!/usr/bin/env python3
"""Assembles the WebAssembly SIMD matmul kernel of src/ad/kernels/matmul-wasm-bytes.ts (no toolchain).

The module exports memory "mem" (a fixed number of pages, never grown) and

  gemm(mc: i32, nc: i32, kc: i32, acc: i32, rsa: i32, csa: i32, ldc: i32)

which computes C[mc×nc] (+)= A·Bp on blocks that the caller has copied into "mem":

  A   at byte A_OFF: element (i, p) at byte A_OFF + i·rsa + p·csa (the caller copies A's block as it
      lies, row-major or column-major, so no packing is needed); the MR−1 rows past mc must be
      readable (their products land in C's spare rows), which the A_SLACK doubles guarantee;
  Bp  at byte BP_OFF: ceil(nc/NR) column panels; panel u holds columns u·NR … u·NR+NR−1 as kc groups
      of NR doubles (group p: B[p, u·NR + c] for c < NR), zero columns past nc;
  C   at byte C_OFF: row-major with row stride ldc doubles, room for MC rows of NC doubles.

Every MR×NR tile of C is held in MR·NR/2 f64x2 accumulators (lane pair = two adjacent columns of one
row); each step p loads the NR/2 vectors of B's group p, splats each of the MR values A[i, p], and adds
the products: acc ← acc + a·b. With acc = 0 the accumulators start at +0.0, otherwise they start from
C (the sum over earlier k blocks). So every element of C is the plain left-to-right sum
((0 + a₀b₀) + a₁b₁) + … over the whole of k, whatever the tile, the block or the position of the row:
a value depends only on its row of A and its column of B. WebAssembly has no fused multiply-add, so a
JavaScript loop `s += a * b` starting at s = 0 gives the same bits (tested). Tiles past mc or nc are
computed on spare rows and zero columns and land in C's spare rows and columns, which the caller
ignores: edge tiles run the same code as interior ones.

ldc: with ldc ≥ nc rounded up to NR, spare columns have their own room. With ldc = nc (and acc = 0),
C comes out dense, ready for one memcpy: the spare columns of the last panel then spill into the first
columns of the next row, and since column panels run from the last to the first, panel 0 overwrites
them afterwards with their true values. (Not with acc = 1: the spill would add into partial sums.)

Loop order (as in BLIS): column panels of B outside, row panels of A inside, so a kc×NR panel of B
stays in L1 while the whole A block (MC×KC, in L2) streams past it. A 4×4 tile (8 accumulators) ran
fastest here, ahead of 4×6, 6×4, 2×8, 3×8, 4×8 and 8×2 tiles and of unrolling the k loop.

Run: python3 scripts/gen-matmul-wasm.py > src/ad/kernels/matmul-wasm-bytes.ts
"""
import base64
from wasm_encoding import uleb, sleb, vec, section, name

MR = 4          # rows per register tile
NR = 4          # columns per register tile (a multiple of 2: f64x2 lanes)
MC = 96         # rows per A block (a multiple of MR)
KC = 256        # depth per k block
NC = 512        # columns per packed B block (a multiple of NR)
A_SLACK = MR    # doubles after the A block, read by the spare rows of a column-major block

A_OFF = 0
BP_OFF = A_OFF + (MC * KC + A_SLACK) * 8
C_OFF = BP_OFF + KC * NC * 8
END = C_OFF + MC * NC * 8
PAGES = (END + 65535) // 65536
assert NR % 2 == 0 and NR & (NR - 1) == 0 and MC % MR == 0 and NC % NR == 0


I32, V128 = 0x7F, 0x7B
get = lambda i: b'\x20' + uleb(i)
set_ = lambda i: b'\x21' + uleb(i)
tee = lambda i: b'\x22' + uleb(i)
i32c = lambda v: b'\x41' + sleb(v)
I32_ADD, I32_SUB, I32_MUL, I32_AND, I32_LT_U, I32_EQZ = b'\x6a', b'\x6b', b'\x6c', b'\x71', b'\x49', b'\x45'
simd = lambda op: b'\xfd' + uleb(op)
v128_load = lambda off: simd(0x00) + uleb(3) + uleb(off)        # align 2^3: every address is 8-aligned
v128_store = lambda off: simd(0x0B) + uleb(3) + uleb(off)
load64_splat = lambda off: simd(0x0A) + uleb(3) + uleb(off)
V128_ZERO = simd(0x0C) + bytes(16)
F64X2_ADD, F64X2_MUL = simd(240), simd(242)
BLOCK, LOOP, IF, ELSE, END_ = b'\x02\x40', b'\x03\x40', b'\x04\x40', b'\x05', b'\x0b'
br = lambda d: b'\x0c' + uleb(d)
br_if = lambda d: b'\x0d' + uleb(d)

# params: 0 mc, 1 nc, 2 kc, 3 acc, 4 rsa, 5 csa (A's strides in bytes), 6 ldc (C's row stride in doubles)
MCP, NCP, KCP, ACC, RSA, CSA, LDCP = range(7)
NPARAMS = 7
# i32 locals
J0, I0, AP, APANEL, BP, CP, P, BPANEL, PANEL_B_BYTES, RS2, RS3, LD1, LD2, LD3 = range(7, 21)
NI32 = 14
# v128 locals: accumulators, B vectors, one splat
NV = NR // 2
V0 = NPARAMS + NI32
ACCS = [[V0 + r * NV + v for v in range(NV)] for r in range(MR)]
BV = [V0 + MR * NV + v for v in range(NV)]
AV = V0 + MR * NV + NV
NV128 = MR * NV + NV + 1
assert MR == 4, 'row addressing below is written for four rows'
ROW_A = [None, RSA, RS2, RS3]      # byte offset of row r of A from row 0
ROW_C = [None, LD1, LD2, LD3]      # byte offset of row r of C from row 0


def addr(base, r, rows):
    return get(base) if r == 0 else get(base) + get(rows[r]) + I32_ADD


def step():
    """One p: acc[r][v] += splat(A[r, p]) · B[p, v-th pair]; then A and B move to p + 1."""
    out = b''
    for v in range(NV):
        out += get(BP) + v128_load(16 * v) + set_(BV[v])
    for r in range(MR):
        out += addr(AP, r, ROW_A) + load64_splat(0) + set_(AV)
        for v in range(NV):
            out += get(ACCS[r][v]) + get(AV) + get(BV[v]) + F64X2_MUL + F64X2_ADD + set_(ACCS[r][v])
    return (out + get(AP) + get(CSA) + I32_ADD + set_(AP)
            + get(BP) + i32c(NR * 8) + I32_ADD + set_(BP))


init_acc = b''.join(addr(CP, r, ROW_C) + v128_load(16 * v) + set_(ACCS[r][v]) for r in range(MR) for v in range(NV))
zero_acc = b''.join(V128_ZERO + set_(ACCS[r][v]) for r in range(MR) for v in range(NV))
store_acc = b''.join(addr(CP, r, ROW_C) + get(ACCS[r][v]) + v128_store(16 * v) for r in range(MR) for v in range(NV))

k_loop = (
    get(KCP) + set_(P)
    + LOOP + step()
    + get(P) + i32c(1) + I32_SUB + tee(P) + br_if(0)
    + END_
)

body = (
    get(KCP) + i32c(NR * 8) + I32_MUL + set_(PANEL_B_BYTES)
    + get(RSA) + get(RSA) + I32_ADD + tee(RS2) + get(RSA) + I32_ADD + set_(RS3)
    + get(LDCP) + i32c(8) + I32_MUL + tee(LD1) + get(LD1) + I32_ADD + tee(LD2) + get(LD1) + I32_ADD + set_(LD3)
    + get(NCP) + i32c(1) + I32_SUB + i32c(-NR) + I32_AND + set_(J0)      # the last column panel first
    + get(J0) + get(KCP) + I32_MUL + i32c(8) + I32_MUL + i32c(BP_OFF) + I32_ADD + set_(BPANEL)
    + LOOP                                                   # column panels: j0 = last, …, NR, 0
    + i32c(0) + set_(I0)
    + i32c(A_OFF) + set_(APANEL)
    + BLOCK + LOOP                                           # row panels: i0 = 0, MR, … < mc
    + get(I0) + get(MCP) + I32_LT_U + I32_EQZ + br_if(1)
    + get(I0) + get(LDCP) + I32_MUL + get(J0) + I32_ADD + i32c(8) + I32_MUL + i32c(C_OFF) + I32_ADD + set_(CP)
    + get(ACC) + IF + init_acc + ELSE + zero_acc + END_
    + get(APANEL) + set_(AP)
    + get(BPANEL) + set_(BP)
    + k_loop
    + store_acc
    + get(APANEL) + get(RS3) + I32_ADD + get(RSA) + I32_ADD + set_(APANEL)
    + get(I0) + i32c(MR) + I32_ADD + set_(I0)
    + br(0) + END_ + END_
    + get(J0) + IF
    + get(BPANEL) + get(PANEL_B_BYTES) + I32_SUB + set_(BPANEL)
    + get(J0) + i32c(NR) + I32_SUB + set_(J0)
    + br(1) + END_
    + END_
    + END_
)
code = vec([uleb(NI32) + bytes([I32]), uleb(NV128) + bytes([V128])]) + body

module = (b'\x00asm' + b'\x01\x00\x00\x00'
          + section(1, vec([b'\x60' + vec([bytes([I32])] * NPARAMS) + vec([])]))
          + section(3, vec([uleb(0)]))
          + section(5, vec([b'\x01' + uleb(PAGES) + uleb(PAGES)]))       # min = max: never grows
          + section(7, vec([name('gemm') + b'\x00' + uleb(0), name('mem') + b'\x02' + uleb(0)]))
          + section(10, vec([uleb(len(code)) + code])))
b64 = base64.b64encode(module).decode()
print(f"""/**
 * The WebAssembly SIMD matmul kernel (f64x2, {MR}×{NR} register tiles), {len(module)} bytes.
 * GENERATED by scripts/gen-matmul-wasm.py (which documents the module) — do not edit by hand.
 */
export const MATMUL_WASM_BASE64 = '{b64}';

/** Register tile (rows × columns), block sizes, and byte offsets of the A block, the packed B panels and C. */
export const MATMUL_WASM_LAYOUT = {{
  mr: {MR}, nr: {NR}, mc: {MC}, kc: {KC}, nc: {NC}, aSlack: {A_SLACK},
  aOffset: {A_OFF}, bpOffset: {BP_OFF}, cOffset: {C_OFF},
}} as const;""")
