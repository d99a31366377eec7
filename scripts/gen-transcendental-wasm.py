#!/usr/bin/env python3
"""Generates the transcendental kernels: WebAssembly SIMD (f64x2) and a bit-identical JavaScript fallback.

V8's Math.exp/log/sin cost 7–13 ns per element, one element at a time. This script describes each
function ONCE, as a straight-line program over float64 values (add, mul, div, compare, select and a few
bit operations on the exponent field), and emits that program twice:

  * as a WebAssembly function over f64x2 lanes, looping over n doubles stored at byte 0 of the module's
    memory (4096 per call; results at byte 32768), → src/ad/kernels/transcendental-wasm-bytes.ts
    (base64);
  * as a plain JavaScript loop over a Float64Array → src/ad/kernels/transcendental-js.ts.

Both execute the same IEEE operations in the same order. WebAssembly never fuses a multiply–add and has
no extended precision, so the two agree bit for bit (the tests check every element with Object.is).

Special lanes. A program may name a mask of rare inputs (overflow, subnormal results, x ≤ 0 for log,
NaN…) and a slow result for them (rare_lanes). The WebAssembly function runs the fast program alone over
the tile, counting such lanes; only when it counted some does a second pass redo the vectors holding one,
selecting the slow result in the flagged lanes. The JavaScript loop computes the fast result and, for a
flagged element, the slow one: per element the same value either way.

What costs time in V8 (measured; the loop is bound by the floating-point units): a v128.const is rebuilt
with three port-5 instructions at every use inside a loop, so constants sit in a pool in the module's
memory and are loaded into locals before the loop; f64x2.min/max take seven instructions (−0 and NaN
rules), so clamps use pmin/pmax; a double-double division (Dekker's product) costs more than the rest of
tanh or sigmoid, so those use one division and a first-order correction.

Algorithms (written for this project; coefficients fitted below with mpmath's Chebyshev fits, which are
near-minimax, and rounded to double):
  exp     |x| < 708: a table of 2^(i/128) (as in ARM's optimized-routines exp, written here from the
          description): k = round(x·128/ln 2) = 128m + i, r = x − k·ln2/128 (Cody–Waite, 32-bit high part),
          e^x = 2^m·2^(i/128)·(1 + tail_i)·e^r with e^r − 1 = r + r²·(C2 + C3·r + C4·r² + C5·r³); the
          scale 2^m·2^(i/128) is built by an integer add on the table's bits; result scale + scale·tmp.
          Other lanes (the slow path, also the exp core of the functions below): k = round(x/ln 2),
          r = x − k·ln2_hi − k·ln2_lo (ln2_hi has 32 bits, so k·ln2_hi and
          the first subtraction are exact); e^r − 1 = r + r²(½ + r·P(r)) kept as a double-double, then
          y = 1 + (e^r − 1) and y·2^k1·2^k2 (k = k1 + k2, so subnormal results round once and 2^1024 is
          never formed).
  expm1   the same e^r − 1, then 2^k·(1 + E) − 1 summed with error-free transformations (2Sum), so the
          cancellation near k = 1 and the −1 term for large k cost no accuracy.
  log     x = 2^k·m, m ∈ [√2/2, √2), f = m − 1, s = f/(2 + f), log(1 + f) = f − (f²/2 − s(f²/2 + R(s²)))
          with R a polynomial in s²; x ≤ 0, subnormal (pre-scaled by 2^54), ∞ and NaN in the slow path.
  log1p   u = 1 + x split as for log, plus the correction c = (x − (u − 1))/u for the rounding of 1 + x.
  sin/cos q = round(x·2/π); r = x − q·P1 − q·(π/2 − P1) by 2Sum as a double-double (P1 of 33 bits); where
          that short reduction's error, |q|·2^-86, is not below 2^-60·|r| (x within |q|·2^-25 of a multiple
          of π/2), the slow path: r = x − q·(P1 + P2 + P3 + P4) with 33-bit pieces P1–P3 (q·Pi exact for
          |x| ≤ 2^20) and 2Sum, giving r as a double-double. Both polynomial kernels (sin on r + x³S(x²),
          cos as 1 − x²/2 + x⁴C(x²) with the rounding of 1 − x²/2 recovered) are evaluated and the quadrant
          selects. Lanes with |x| > 2^20 (or not finite) are counted and the caller redoes them with an
          exact reduction (src/ad/kernels/trig-reduction.ts, Payne–Hanek with BigInt) and the same kernels.
  tanh    a = min(|x|, 20): a < atanh(½): a + a³·g(a²), g by its [3/3] Padé approximant; beyond,
          1 − 2/(e^(2a) + 1) with e^(2a) from the table as a double-double, q0 = 2/dh and the first-order
          correction for the denominator's low part; sign restored.
  sigmoid |x| < 708: e^−|x| from the table as a double-double E, 1/(1 + E) or E/(1 + E) by one division
          and a first-order correction for the low parts. Slow path: e^−|x| = 2^k·Y (Y a double-double
          from the exp core), σ(|x|) = 2^−k/(2^−k + Y) and σ(−|x|) = Y/(2^−k + Y) by double-double division,
          2^−k capped at 2^60 (beyond, σ(−|x|) = e^−|x| to far below an ulp) and the result rescaled.
  softplus max(x, 0) + log1p(e^−|x|) with e^−|x| as a double-double (the table for |x| < 708, else the
          exp program), its low part folded into log1p's correction term.
  erf     |x| < 0.84375: x + x·R(x²); beyond, ±(1 − erfc|x|).
  erfc    x ≥ ¼: e^(−x²)·G(x) with G = erfc·e^(x²) a degree-11 polynomial in x − centre on each eighth of a
          binade up to 27.5 (54 rows of a coefficient table in the module's second page, read per lane;
          the constant term as a double-double), x² exact as a double-double (Dekker) and e^(−x²) from the
          exp program as a double-double; −0.84375 < x < ¼: 1 − erf(x); x ≤ −0.84375: 2 − erfc|x|.
  normLogCdf  log Φ(x), b = |x|/√2: x < −1: log(G(b)/2) − x²/2 (x² exact; G from the table up to 64, then
          its asymptotic series); −1 ≤ x ≤ 0: log(erfc(b)/2); x > 0: log1p(−erfc(b)/2), erfc(b) as a
          double-double with e^(−x²/2) from the exact x² (b's rounding would cost x²·ε otherwise).

The WebAssembly loop handles UNROLL (2 or 4) vectors per iteration for instruction-level parallelism;
the caller pads n to a multiple of STEP. Statements that do not feed the result are not emitted.

Run: python3 scripts/gen-transcendental-wasm.py   (writes both files; needs mpmath)
"""
import base64
import os
import struct
import sys

import mpmath as mp
from wasm_encoding import uleb, sleb, vec, section, name as wname

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT_BYTES = os.path.join(ROOT, 'src/ad/kernels/transcendental-wasm-bytes.ts')
OUT_JS = os.path.join(ROOT, 'src/ad/kernels/transcendental-js.ts')

# ---------------------------------------------------------------------------------------------------
# Coefficients
# ---------------------------------------------------------------------------------------------------
mp.mp.dps = 60


def cheb(f, a, b, n):
    """Near-minimax polynomial (Chebyshev fit), coefficients lowest degree first, rounded to double."""
    c = mp.chebyfit(f, [mp.mpf(a), mp.mpf(b)], n)
    return [float(v) for v in reversed(c)]


def split_bits(v, bits):
    """v rounded to `bits` significant bits (so that small integers times it are exact)."""
    m, e = mp.frexp(v)
    return float(mp.ldexp(mp.nint(mp.ldexp(m, bits)), e - bits))


LN2 = mp.log(2)
LN2_HI = split_bits(LN2, 32)
LN2_LO = float(LN2 - LN2_HI)
INV_LN2 = float(1 / LN2)
MAGIC = 6755399441055744.0   # 1.5·2^52: x + MAGIC − MAGIC rounds x to the nearest integer (ties even)

# exp by a table of 2^(i/128): x = (128m + i)·ln2/128 + r, |r| ≤ ln2/256, e^x = 2^m·2^(i/128)·e^r. The
# table row i holds 2^(i/128) rounded (as the bits to which m·2^52 is added: an integer add builds
# 2^m·2^(i/128)) and its relative rounding error ("tail"); e^r − 1 = r + r²·(C2 + C3·r + C4·r² + C5·r³).
EXP_BITS = 7
EXP_N = 1 << EXP_BITS
INV_LN2_N = float(EXP_N / LN2)
LN2N_HI = split_bits(LN2 / EXP_N, 32)   # k·LN2N_HI exact for |k| < 2^21
LN2N_LO = float(LN2 / EXP_N - LN2N_HI)
EXP_C = cheb(lambda r: (mp.expm1(r) - r) / (r * r) if r != 0 else mp.mpf(1) / 2,
             -LN2 / (2 * EXP_N) * 1.01, LN2 / (2 * EXP_N) * 1.01, 4)
EXP_FAST_LIMIT = 708.0   # |x| < 708: 2^m·2^(i/128) and the result are normal; beyond (and NaN): the slow path


def _exp_rows():
    rows = []
    for i in range(EXP_N):
        t = mp.power(2, mp.mpf(i) / EXP_N)
        hi = float(t)
        rows.append((float((t - hi) / hi), hi))
    return rows


EXP_TABLE = _exp_rows()

# tanh: for |x| < atanh(½), x + x³·g(x²) with g(z) = (tanh(√z)/√z − 1)/z by its [3/3] Padé approximant
# (relative error below 2^-56 there); beyond, 1 − 2/(e^(2|x|) + 1) with e^(2|x|) from the exp table as a
# double-double and one correction of the quotient for the denominator's low part.
TANH_SPLIT = 0.5493061443340549


def _tanh_pade():
    with mp.workdps(50):
        tc = mp.taylor(mp.tanh, 0, 30)
        p, q = mp.pade([tc[2 * k + 1] for k in range(1, 14)], 3, 3)
        return [float(c) for c in p], [float(c) for c in q]


TANH_P, TANH_Q = _tanh_pade()

R_EXP = 0.3466 * 1.0002       # |r| ≤ ln2/2 plus the rounding of k
EM1_P = cheb(lambda r: (mp.expm1(r) - r - r * r / 2) / r ** 3 if r != 0 else mp.mpf(1) / 6,
             -R_EXP, R_EXP, 10)   # e^r − 1 = r + r²/2 + r³·P(r)

S_MAX = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)
LOG_R = cheb(lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) / z if z != 0 else mp.mpf(2) / 3,
             0, S_MAX ** 2 * 1.0002, 7)   # 2·atanh(s)/s − 2 = z·R(z), z = s²

Z_TRIG = (mp.pi / 4) ** 2 * 1.0002
SIN_S = cheb(lambda z: (mp.sin(mp.sqrt(z)) - mp.sqrt(z)) / (z * mp.sqrt(z)) if z != 0 else -mp.mpf(1) / 6,
             0, Z_TRIG, 6)   # sin x = x + x³·S(x²)
COS_C = cheb(lambda z: (mp.cos(mp.sqrt(z)) - 1 + z / 2) / (z * z) if z != 0 else mp.mpf(1) / 24,
             0, Z_TRIG, 6)   # cos x = 1 − x²/2 + x⁴·C(x²)

# erf on |x| < 0.84375: erf(x) = x + x·R(x²); erfc(a) for a ≥ ¼: e^(−a²)·G(a), G(a) = erfc(a)·e^(a²)
# by a degree-11 polynomial in v = a − centre on each eighth of a binade (54 intervals up to 28),
# looked up from a table by the top bits of a.
ERF_R = cheb(lambda z: mp.erf(mp.sqrt(z)) / mp.sqrt(z) - 1 if z != 0 else 2 / mp.sqrt(mp.pi) - 1,
             0, 0.72, 12)
ERF_SPLIT = 0.84375
ERFC_CLAMP = 27.5             # erfc(27.3) < 2^-1075: beyond, e^(−a²) underflows to 0 anyway
ERFC_LOW = 0.25               # erfc(x) for x ≥ ¼ (erf for |x| ≥ 0.84375) from the table
ERFC_BASE = (1023 - 2) << 3   # code (bits >> 49) of the eighth-binade starting at ¼
ERFC_NCOEF = 12               # polynomial coefficients per row; a 13th column holds the low part of c0
ERFC_STRIDE = ERFC_NCOEF + 1
ERFC_ROWS = (((1023 + 5) << 3) | 7) + 1 - ERFC_BASE   # up to [56, 64): normLogCdf needs G alone there
ERFC_G_MAX = 63.9             # beyond, normLogCdf uses G's asymptotic series


def _erfc_rows():
    rows = []
    for code in range(ERFC_BASE, ERFC_BASE + ERFC_ROWS):
        e, j = (code >> 3) - 1023, code & 7
        lo = mp.ldexp(1 + mp.mpf(j) / 8, e)
        w = mp.ldexp(mp.mpf(1) / 8, e)
        c = lo + w / 2
        g = lambda v: mp.erfc(v + c) * mp.exp((v + c) ** 2)
        cs = list(reversed(mp.chebyfit(g, [-w / 2, w / 2], ERFC_NCOEF)))
        rows.append([float(v) for v in cs] + [float(cs[0] - float(cs[0]))])   # c0 as a double-double
    return rows


ERFC_TABLE = _erfc_rows()
TABLE_OFFSET = 65536          # byte offset of the coefficient table (the module's second page)

PIO2 = mp.pi / 2
PIO2_1 = split_bits(PIO2, 33)
PIO2_2 = split_bits(PIO2 - PIO2_1, 33)
PIO2_3 = split_bits(PIO2 - PIO2_1 - PIO2_2, 33)
PIO2_4 = float(PIO2 - PIO2_1 - PIO2_2 - PIO2_3)
PIO2_REST = float(PIO2 - PIO2_1)       # for the short reduction
TRIG_SHORT_MARGIN = 2.0 ** -25
TWO_OVER_PI = float(2 / mp.pi)
TRIG_LIMIT = 1048576.0        # 2^20: |q| < 2^20, so q·P1…q·P3 are exact
PIO2_HI = float(PIO2)
PIO2_LO = float(PIO2 - PIO2_HI)
TWO_OVER_PI_BITS = 1280       # 2/π to this many fractional bits for the exact reduction
with mp.workprec(TWO_OVER_PI_BITS + 128):
    TWO_OVER_PI_INT = int(mp.floor(mp.ldexp(2 / mp.pi, TWO_OVER_PI_BITS)))
SPLITTER = 134217729.0        # 2^27 + 1, Dekker's split


# ---------------------------------------------------------------------------------------------------
# The program representation: straight-line SSA over lanes
# ---------------------------------------------------------------------------------------------------
class Val:
    def __init__(self, prog, idx, kind):
        self.p, self.i, self.kind = prog, idx, kind   # kind: 'f' float, 'm' mask

    def _c(self, o):
        return o if isinstance(o, Val) else self.p.const(o)

    def __add__(self, o): return self.p.op('add', self, self._c(o))
    def __radd__(self, o): return self.p.op('add', self._c(o), self)
    def __sub__(self, o): return self.p.op('sub', self, self._c(o))
    def __rsub__(self, o): return self.p.op('sub', self._c(o), self)
    def __mul__(self, o): return self.p.op('mul', self, self._c(o))
    def __rmul__(self, o): return self.p.op('mul', self._c(o), self)
    def __truediv__(self, o): return self.p.op('div', self, self._c(o))
    def __rtruediv__(self, o): return self.p.op('div', self._c(o), self)
    def __neg__(self): return self.p.op('neg', self)
    def __lt__(self, o): return self.p.op('lt', self, self._c(o))
    def __le__(self, o): return self.p.op('le', self, self._c(o))
    def __gt__(self, o): return self.p.op('gt', self, self._c(o))
    def __ge__(self, o): return self.p.op('ge', self, self._c(o))
    def eq(self, o): return self.p.op('eq', self, self._c(o))
    def __and__(self, o): return self.p.op('and', self, o)
    def __or__(self, o): return self.p.op('or', self, o)
    def __invert__(self): return self.p.op('not', self)


MASK_OPS = {'lt', 'le', 'gt', 'ge', 'eq', 'and', 'or', 'not'}


class Prog:
    def __init__(self, name, inputs):
        self.name, self.stmts, self.consts, self.memo = name, [], {}, {}
        self.inputs = [Val(self, i, 'f') for i in range(len(inputs))]
        self.input_names = inputs
        self.nvals = len(inputs)
        self.counted = None
        self.rare = None   # (mask, slow): lanes where mask holds take slow, computed only when a lane needs it

    def new(self, kind):
        v = Val(self, self.nvals, kind)
        self.nvals += 1
        return v

    def const(self, c):
        c = float(c)
        key = struct.pack('<d', c)
        if key not in self.consts:
            v = self.new('f')
            self.stmts.append(('const', v, c))
            self.consts[key] = v
        return self.consts[key]

    def op(self, name, *args):
        key = (name,) + tuple(a.i if isinstance(a, Val) else a for a in args)
        if key in self.memo:     # the same operation on the same values: computed once (same bits)
            return self.memo[key]
        v = self.new('m' if name in MASK_OPS else 'f')
        self.stmts.append((name, v) + tuple(args))
        self.memo[key] = v
        return v

    def live(self, res):
        """The statements that res (and the counted and rare masks) depend on, in order: dead code is not
        emitted."""
        roots = [res] + ([self.counted] if self.counted is not None else []) + ([self.rare[0]] if self.rare else [])
        keep = self.needed(roots)
        if any(st[0] == 'coef' for st in keep):   # the row selection has no value but must run first
            rows = [st for st in self.stmts if st[0] == 'erfrow']
            row_in = {a.i for st in rows for a in st[2:]}
            need2 = set(row_in)
            for st in reversed(self.stmts):
                if st[1].i in need2:
                    need2 |= {a.i for a in st[2:] if isinstance(a, Val)}
            keep = [st for st in self.stmts if st in keep or st in rows or st[1].i in need2]
        return keep

    def needed(self, roots, done=frozenset()):
        """The statements that roots depend on, in order, leaving out those (and their inputs) in done."""
        need = {r.i for r in roots}
        keep = []
        for st in reversed(self.stmts):
            if st[1].i in need and st[1].i not in done:
                keep.append(st)
                need |= {a.i for a in st[2:] if isinstance(a, Val)}
        return list(reversed(keep))

    def live_rare(self, res):
        """The statements that only the rare result needs (emitted under a branch taken when a lane needs it)."""
        done = {st[1].i for st in self.live(res)}
        keep = self.needed([self.rare[1]], done)
        assert not any(st[0] in ('coef', 'erfrow') for st in keep)
        return keep

    def rare_lanes(self, mask, slow):
        """Lanes where mask holds (special inputs) get slow instead of the result; slow is computed only when
        some lane of the vector (in JavaScript: the element) needs it, and must equal the result elsewhere
        only in the selected lanes, so both backends give the same bits."""
        self.rare = (mask, slow)

    def count(self, mask):   # lanes where mask holds are reported to the caller (sin/cos: large |x|)
        self.counted = mask


def fabs(a): return a.p.op('abs', a)


def fmin(a, b):   # b a constant: emitted as pmin (see the WebAssembly backend)
    assert not isinstance(b, Val)
    return a.p.op('min', a, a._c(b))


def fmax(a, b):
    assert not isinstance(b, Val)
    return a.p.op('max', a, a._c(b))


def floor(a): return a.p.op('floor', a)
def select(m, a, b): return m.p.op('select', m, m.p.inputs[0]._c(a), m.p.inputs[0]._c(b))
def pow2(kd): return kd.p.op('pow2', kd)          # 2^kd, kd an integer-valued double in [−1022, 1023]
def log_k(x): return x.p.op('logk', x)           # exponent k of x = 2^k·m, m ∈ [√2/2, √2) (x > 0 normal)
def log_m(x): return x.p.op('logm', x)           # the m above


def erfc_row(at):                                 # selects the table row of at ∈ [0.84375, 28) (no value)
    at.p.stmts.append(('erfrow', at.p.new('f'), at))
def erfc_coef(p, j):                              # coefficient j of the selected row
    v = p.new('f')
    p.stmts.append(('coef', v, j))
    return v
def erfc_centre(at): return at.p.op('centre', at)              # the centre of at's eighth-binade
def exp_row(kdm): return kdm.p.op('exprow', kdm)   # the table row i of k (kdm = k + 1.5·2^52), no value
def exp_tail(row, kdm): return kdm.p.op('exptail', row, kdm)     # the row's tail
def exp_scale(row, kdm): return kdm.p.op('expscale', row, kdm)   # 2^(i/128) rounded, times 2^m


def horner(x, coeffs):   # coeffs lowest degree first
    acc = x._c(coeffs[-1])
    for c in reversed(coeffs[:-1]):
        acc = acc * x + c
    return acc


def two_sum(a, b):
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def fast_two_sum(a, b):   # |a| ≥ |b|
    s = a + b
    return s, b - (s - a)


def split(a):
    c = a * SPLITTER
    hi = c - (c - a)
    return hi, a - hi


def two_prod(a, b):
    p = a * b
    ah, al = split(a)
    bh, bl = split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def dd_div(nh, nl, dh, dl):
    """(nh + nl)/(dh + dl) rounded once, for a double-double numerator and denominator."""
    q = nh / dh
    p, pe = two_prod(q, dh)
    rem = (((nh - p) - pe) + nl) - q * dl
    return q + rem / dh


# ---------------------------------------------------------------------------------------------------
# The functions
# ---------------------------------------------------------------------------------------------------
def exp_core(x):
    """x (already clamped) → (k, E_hi, E_lo) with e^x = 2^k·(1 + E_hi + E_lo)."""
    kd = (x * INV_LN2 + MAGIC) - MAGIC
    hi = x - kd * LN2_HI
    lo = kd * LN2_LO
    r = hi - lo
    c = (hi - r) - lo
    q = (r * r) * (horner(r, EM1_P) * r + 0.5)
    eh, el = fast_two_sum(r, q)
    return kd, eh, el + c * (r + 1.0)


def scale2(y, kd):
    """y·2^kd rounded once, for kd ∈ [−1080, 1024]: two exact-or-final multiplications."""
    k1 = floor(kd * 0.5)
    return (y * pow2(k1)) * pow2(kd - k1)


def exp_unscaled(x):
    """e^x = 2^k·(yh + yl), yh ∈ [0.7, 1.42], as (k, yh, yl)."""
    xc = fmin(fmax(x, -746.0), 710.0)
    kd, eh, el = exp_core(xc)
    s, t = fast_two_sum(x._c(1.0), eh)
    t = t + el
    yh = s + t
    return kd, yh, t - (yh - s)


def exp_dd(x):
    """e^x as hi + lo (lo below half an ulp of hi; hi rounded once, even when subnormal)."""
    kd, yh, yl = exp_unscaled(x)
    return scale2(yh, kd), scale2(yl, kd)


def exp_of(x):
    return exp_dd(x)[0]


def log_parts(xs, kadj=None):
    """For positive normal xs = 2^k·(1 + f): (k, f)."""
    kd = log_k(xs)
    if kadj is not None:
        kd = kd - kadj
    return kd, log_m(xs) - 1.0


def log_poly(f):
    """(f²/2, s, R) of log(1 + f) = f − (f²/2 − s·(f²/2 + R)), s = f/(2 + f)."""
    s = f / (f + 2.0)
    z = s * s
    return (f * f) * 0.5, s, z * horner(z, LOG_R)


def log1p_of(x, x_lo=None):
    """log(1 + x + x_lo) for x > −1 finite (other inputs give garbage: the caller selects)."""
    u = x + 1.0
    kd, f = log_parts(u)
    k0 = kd.eq(0.0)                                # u ∈ [√2/2, √2): f = x exactly, no correction
    f = select(k0, x, f)
    hfsq, s, r = log_poly(f)
    # the rounding error of u = 1 + x (exact differences: fdlibm's choice by the binade of u)
    c = select(u >= 2.0, 1.0 - (u - x), x - (u - 1.0))
    c = select(k0 | (u >= 9007199254740992.0), 0.0, c)
    if x_lo is not None:
        c = c + x_lo
    c = c / u
    return kd * LN2_HI - ((hfsq - (s * (hfsq + r) + (kd * LN2_LO + c))) - f)


def exp_table(x):
    """For |x| < 708: (scale, tmp) with e^x ≈ scale·(1 + tmp), scale = 2^m·2^(i/128) rounded, tmp small."""
    kdm = x * INV_LN2_N + MAGIC
    kd = kdm - MAGIC
    r = (x - kd * LN2N_HI) - kd * LN2N_LO
    row = exp_row(kdm)
    r2 = r * r
    tmp = ((exp_tail(row, kdm) + r) + r2 * (EXP_C[0] + r * EXP_C[1])) + (r2 * r2) * (EXP_C[2] + r * EXP_C[3])
    return exp_scale(row, kdm), tmp


def prog_exp():
    p = Prog('exp', ['x'])
    x = p.inputs[0]
    scale, tmp = exp_table(x)
    p.rare_lanes(~(fabs(x) < EXP_FAST_LIMIT), exp_of(x))
    return p, scale + scale * tmp


def expm1_dd(x):
    """x clamped to [−40, 710] → (s, rest), e^x − 1 = s + rest with |rest| ≪ |s|, and the ×2 for k = 1024."""
    kd, eh, el = exp_core(x)
    kc = fmin(kd, 1023.0)
    a = pow2(kc)
    t, tlo = two_sum(a, x._c(-1.0))
    s, err = two_sum(t, a * eh)
    return s, err + (tlo + a * el), kd > 1023.0


def prog_expm1():
    p = Prog('expm1', ['x'])
    x = p.inputs[0]
    s, rest, big = expm1_dd(fmin(fmax(x, -40.0), 710.0))
    y = (s + rest) * select(big, 2.0, 1.0)
    return p, select(x.eq(0.0), x, y)


def log_normal(u, ul):
    """log(u + ul) for positive normal u, |ul| ≤ ulp(u) (other inputs give garbage: the caller selects)."""
    kd, f = log_parts(u)
    hfsq, s, r = log_poly(f)
    return kd * LN2_HI - ((hfsq - (s * (hfsq + r) + (kd * LN2_LO + ul / u))) - f)


def prog_norm_log_cdf():
    """log Φ(x). With b = |x|/√2 and G = erfc·e^(b²): x < −1: log(G(b)/2) − x²/2 (x² exact, G from the table
    or, for b ≥ 63.9, its asymptotic series); −1 ≤ x ≤ 0: log(erfc(b)/2); x > 0: log1p(−erfc(b)/2)."""
    p = Prog('normLogCdf', ['x'])
    x = p.inputs[0]
    ax = fabs(x)
    bfull = ax * 0.7071067811865476                 # for the asymptotic series (x < −90)
    ac = fmin(ax, 128.0)
    b, bp = two_prod(ac, 0.7071067811865476)
    db = bp + ac * (-4.833646656726457e-17)          # b + db = |x|/√2 to ~2^-100: G and erf see db
    c0, rest = erfc_g(fmin(b, ERFC_G_MAX))
    rest = rest + db * ((b + b) * (c0 + rest) - 1.1283791670955126)   # G′(b) = 2b·G − 2/√π
    ib2 = 1.0 / (bfull * bfull)
    series = horner(ib2, [1.0, -0.5, 0.75, -1.875, 6.5625, -29.53125])
    g = select(b >= ERFC_G_MAX, series / (bfull * 1.7724538509055159), c0 + rest)
    xc = fmax(fmin(x, 40.0), -40.0)                  # erfc(b) underflows beyond; x² stays finite
    sh, sl = two_prod(xc, xc)
    eb, ebl = erfc_large_dd(b, (c0, rest), (sh * 0.5, sl * 0.5))
    small_b = b < ERFC_LOW                          # erfc(b) = 1 − erf(b), both as double-doubles
    xr = erf_small(b)
    fh, fl = fast_two_sum(b, xr)
    fl = fl + db * (1.1283791670955126 * (1.0 - b * b))  # erf′(b) ≈ 2/√π·(1 − b²) for b < ¼
    ch, cl = two_sum(b._c(1.0), -fh)
    erfcb = select(small_b, ch, eb)
    erfcl = select(small_b, cl - fl, ebl)
    gh = c0 + rest
    gl = select(b >= ERFC_G_MAX, 0.0, rest - (gh - c0))
    lower = x < -1.0
    lg = log_normal(select(lower, g * 0.5, erfcb * 0.5), select(lower, gl * 0.5, erfcl * 0.5))
    sh, sl = two_prod(x, x)
    low = select(sh < float('inf'), (lg - sl * 0.5) - sh * 0.5, float('-inf'))   # x < −1.3e154: −∞
    up = select(erfcb.eq(0.0), -0.0, log1p_of(erfcb * -0.5, erfcl * -0.5))   # log(1 − 0⁺) = −0
    y = select(lower, low, select(x <= 0.0, lg, up))
    y = select(x.eq(float('inf')), 0.0, y)
    return p, select(x.eq(float('-inf')), float('-inf'), y)


def prog_log():
    """log x: the fdlibm-style program on positive normal x; other lanes (0, negative, subnormal, ∞, NaN) take
    log_full, which scales subnormals by 2^54 and selects the special values."""
    p = Prog('log', ['x'])
    x = p.inputs[0]
    kd, f = log_parts(x)
    hfsq, s, r = log_poly(f)
    y = kd * LN2_HI - ((hfsq - (s * (hfsq + r) + kd * LN2_LO)) - f)
    p.rare_lanes(~((x >= 2.2250738585072014e-308) & (x < float('inf'))), log_full(x))
    return p, y


def log_full(x):
    """log x for every x (the slow path): subnormals pre-scaled, specials selected."""
    tiny = x < 2.2250738585072014e-308
    xs = select(tiny, x * 18014398509481984.0, x)   # 2^54
    kd, f = log_parts(xs, select(tiny, 54.0, 0.0))
    hfsq, s, r = log_poly(f)
    y = kd * LN2_HI - ((hfsq - (s * (hfsq + r) + kd * LN2_LO)) - f)
    ok = (x > 0.0) & (x < float('inf'))
    special = select(x.eq(0.0), float('-inf'), select(x < 0.0, float('nan'), x))
    return select(ok, y, special)


def prog_log1p():
    """log1p on x ∈ (−1, ∞) (±0 kept); x ≤ −1, ∞ and NaN select their values in the second pass."""
    p = Prog('log1p', ['x'])
    x = p.inputs[0]
    y = log1p_of(x)
    ok = (x > -1.0) & (x < float('inf'))
    special = select(x.eq(-1.0), float('-inf'), select(x < -1.0, float('nan'), x))
    p.rare_lanes(~ok, special)
    return p, select(x.eq(0.0), x, y)


def sin_kernel(x, y):
    z = x * x
    v = z * x
    r = horner(z, SIN_S[1:])
    return x - ((z * (y * 0.5 - v * r) - y) - v * SIN_S[0])


def cos_kernel(x, y):
    z = x * x
    r = z * horner(z, COS_C)
    hz = z * 0.5
    w = 1.0 - hz
    return w + (((1.0 - w) - hz) + (z * r - x * y))


def sincos_of(rh, rl, n, want_cos):
    ks = sin_kernel(rh, rl)
    kc = cos_kernel(rh, rl)
    odd = n.eq(1.0) | n.eq(3.0)
    if want_cos:
        v = select(odd, ks, kc)
        negate = n.eq(1.0) | n.eq(2.0)
    else:
        v = select(odd, kc, ks)
        negate = n >= 2.0
    return select(negate, -v, v)


def trig_reduce(x):
    q = (x * TWO_OVER_PI + MAGIC) - MAGIC
    a = x - q * PIO2_1
    b, be = two_sum(a, -(q * PIO2_2))
    c, ce = two_sum(b, -(q * PIO2_3))
    tail = (be + ce) - q * PIO2_4
    rh, rl = fast_two_sum(c, tail)
    n = q - floor(q * 0.25) * 4.0
    return rh, rl, n


def trig_reduce_short(x):
    """x − q·π/2 with two pieces: P1 (33 bits, q·P1 exact) and the rest of π/2 rounded, as rh + rl (2Sum).
    The error, about |q|·2^-86, is below 2^-60·|r| unless |r| < |q|·2^-25 (x within that of a multiple of
    π/2): those lanes are flagged for the four-piece reduction."""
    q = (x * TWO_OVER_PI + MAGIC) - MAGIC
    a = x - q * PIO2_1
    rh, rl = two_sum(a, -(q * PIO2_REST))
    n = q - floor(q * 0.25) * 4.0
    return rh, rl, n, fabs(rh) >= fabs(q) * TRIG_SHORT_MARGIN


def prog_trig(want_cos):
    """sin or cos with the short reduction; lanes near a multiple of π/2 (and NaN, ±∞, |x| > 2^20) take the
    four-piece reduction in the second pass (|x| > 2^20 and non-finite lanes are then also counted, and
    redone exactly by the caller)."""
    p = Prog('cos' if want_cos else 'sin', ['x'])
    x = p.inputs[0]
    p.count(~(fabs(x) <= TRIG_LIMIT))
    rh, rl, n, ok = trig_reduce_short(x)
    y = sincos_of(rh, rl, n, want_cos)
    p.rare_lanes(~ok, trig_full(x, want_cos))
    return p, (y if want_cos else select(x.eq(0.0), x, y))


def trig_full(x, want_cos):
    rh, rl, n = trig_reduce(x)
    y = sincos_of(rh, rl, n, want_cos)
    return y if want_cos else select(x.eq(0.0), x, y)


def prog_trig_reduced(want_cos):
    """The kernels after an exact reduction (JavaScript only): inputs rh, rl (double-double), n = q mod 4."""
    p = Prog(('cos' if want_cos else 'sin') + 'Reduced', ['rh', 'rl', 'n'])
    rh, rl, n = p.inputs
    return p, sincos_of(rh, rl, n, want_cos)


def prog_tanh():
    p = Prog('tanh', ['x'])
    x = p.inputs[0]
    a = fmin(fabs(x), 20.0)                       # tanh(20) rounds to 1
    z = a * a
    small = a + a * (z * (horner(z, TANH_P) / horner(z, TANH_Q)))
    scale, tmp = exp_table(a + a)                  # e^(2a) = scale·(1 + tmp), 2a < 708
    eh, el = fast_two_sum(scale, scale * tmp)
    dh, dl = fast_two_sum(eh, x._c(1.0))           # e^(2a) + 1 ≥ 4
    q0 = 2.0 / dh
    large = 1.0 - (q0 - (q0 * q0) * ((dl + el) * 0.5))   # 2/(dh + dl) to first order in dl/dh
    y = select(a < TANH_SPLIT, small, large)
    return p, select(x.eq(0.0), x, select(x < 0.0, -y, y))


def prog_sigmoid():
    """σ(x) = 1/(1 + e^−|x|) for x ≥ 0 and e^−|x|/(1 + e^−|x|) below, e^−|x| from the exp table as a
    double-double, one division and a correction of the quotient for the low parts; |x| ≥ 708 (where e^−|x|
    leaves the table's normal range) and NaN take sigmoid_full."""
    p = Prog('sigmoid', ['x'])
    x = p.inputs[0]
    a = fabs(x)
    scale, tmp = exp_table(-a)
    eh, el = fast_two_sum(scale, scale * tmp)
    dh, dl = fast_two_sum(x._c(1.0), eh)          # e^−a ≤ 1
    dl = dl + el
    pos = x >= 0.0
    num = select(pos, 1.0, eh)
    q0 = num / dh
    y = q0 + (select(pos, 0.0, el) - q0 * dl) / dh
    p.rare_lanes(~(a < EXP_FAST_LIMIT), sigmoid_full(x))
    return p, y


def sigmoid_full(x):
    """σ(x) for every x: e^−|x| = 2^k·Y, σ(|x|) = 2^−k/(2^−k + Y), σ(−|x|) = Y/(2^−k + Y) by double-double
    division, rescaled."""
    a = fmin(fabs(x), 746.0)
    kd, eh, el = exp_core(-a)
    ys, yt = fast_two_sum(x._c(1.0), eh)
    yt = yt + el                                   # e^−a = 2^k·(ys + yt)
    kk = fmax(kd, -60.0)
    m = pow2(-kk)                                  # 2^−k, capped at 2^60
    dh, de = two_sum(m, ys)
    de = de + yt
    pos = x >= 0.0
    y = dd_div(select(pos, m, ys), select(pos, 0.0, yt), dh, de)
    return select(pos, y, scale2(y, kd - kk))


def prog_softplus():
    """max(x, 0) + log1p(e^−|x|), e^−|x| from the exp table as a double-double (its low part goes into
    log1p's correction term); |x| ≥ 708 and NaN take the same with the full exp program."""
    p = Prog('softplus', ['x'])
    x = p.inputs[0]
    a = fabs(x)
    scale, tmp = exp_table(-a)
    eh, el = fast_two_sum(scale, scale * tmp)
    p.rare_lanes(~(a < EXP_FAST_LIMIT), softplus_full(x))
    return p, fmax(x, 0.0) + log1p_of(eh, el)


def softplus_full(x):
    eh, el = exp_dd(-fabs(x))
    return fmax(x, 0.0) + log1p_of(eh, el)


def erf_small(x):
    """x·R(x²) for |x| < 0.84375 (erf = x + that)."""
    return x * horner(x * x, ERF_R)


def erfc_g(a):
    """G(a) = erfc(a)·e^(a²) for a ∈ [¼, 64) from the table, as c0 + rest (a double-double)."""
    at = fmax(a, ERFC_LOW)
    at = select(at.eq(at), at, 1.0)          # NaN lanes read a valid row (their result is NaN anyway)
    erfc_row(at)
    v = at - erfc_centre(at)
    g = erfc_coef(a.p, ERFC_NCOEF - 1)
    for j in range(ERFC_NCOEF - 2, 0, -1):
        g = g * v + erfc_coef(a.p, j)
    return erfc_coef(a.p, 0), erfc_coef(a.p, ERFC_NCOEF) + v * g


def erfc_large(a, g=None, sq=None):
    """erfc(a) for a ≥ ¼ (a clamped to ≤ 27.5): e^(−a²)·G(a), with a² and e^(−a²) as double-doubles
    (a² may be given: normLogCdf passes x²/2 exactly, since a = |x|/√2 is rounded)."""
    return erfc_large_dd(a, erfc_g(a) if g is None else g, two_prod(a, a) if sq is None else sq)[0]


def erfc_large_dd(a, g, sq):
    """erfc_large as a double-double (hi, lo). The product with G is formed on e^(−a²)·2^−k ∈ [0.7, 1.42]
    and scaled last, so a subnormal result is rounded once."""
    c0, rest = g
    zh, zl = sq
    kd, eh, el = exp_unscaled(-zh)
    ph, pe = two_prod(eh, c0)                        # e^(−zh−zl) = e^(−zh)·(1 − zl), |zl| < 2^-43
    tail = (pe + (eh * rest + el * c0)) - eh * ((c0 + rest) * zl)
    hi = ph + tail
    return scale2(hi, kd), scale2(tail - (hi - ph), kd)


def prog_erf():
    p = Prog('erf', ['x'])
    x = p.inputs[0]
    a = fabs(x)
    small = x + erf_small(x)
    big = 1.0 - erfc_large(fmin(a, ERFC_CLAMP))
    return p, select(a < ERF_SPLIT, small, select(x < 0.0, -big, big))


def prog_erfc():
    p = Prog('erfc', ['x'])
    x = p.inputs[0]
    a = fabs(x)
    small = 1.0 - (x + erf_small(x))                 # −0.84375 < x < ¼: no cancellation
    big = erfc_large(fmin(a, ERFC_CLAMP))
    return p, select(x >= ERFC_LOW, big, select(x > -ERF_SPLIT, small, 2.0 - big))


PROGRAMS = [prog_exp, prog_expm1, prog_log, prog_log1p, lambda: prog_trig(False), lambda: prog_trig(True),
            prog_tanh, prog_sigmoid, prog_softplus, prog_erf, prog_erfc, prog_norm_log_cdf]
JS_ONLY = [lambda: prog_trig_reduced(False), lambda: prog_trig_reduced(True)]


# ---------------------------------------------------------------------------------------------------
# JavaScript backend
# ---------------------------------------------------------------------------------------------------
def js_num(c):
    if c != c:
        return 'NaN'
    if c == float('inf'):
        return 'Infinity'
    if c == float('-inf'):
        return '-Infinity'
    s = repr(c)
    return '(' + s + ')' if s.startswith('-') else s


JS_BIN = {'add': '+', 'sub': '-', 'mul': '*', 'div': '/', 'lt': '<', 'le': '<=', 'gt': '>', 'ge': '>=',
          'eq': '===', 'and': '&&', 'or': '||'}


def js_body(p, out, indent):
    names = {}
    for i, nm in enumerate(p.input_names):
        names[i] = nm
    lines = js_lines(p, p.live(out), names, indent)
    rname = names[out.i]
    if p.rare is not None:
        mask, slow = p.rare
        lines.append(f'{indent}let y = {rname};')
        lines.append(f'{indent}if ({names[mask.i]}) {{')
        lines += js_lines(p, p.live_rare(out), names, indent + '  ')
        lines.append(f'{indent}  y = {names[slow.i]};')
        lines.append(f'{indent}}}')
        rname = 'y'
    return lines, rname, (names[p.counted.i] if p.counted is not None else None)


def js_lines(p, stmts, names, indent):
    lines = []
    for st in stmts:
        name, v = st[0], st[1]
        a = [names[x.i] for x in st[2:] if isinstance(x, Val)]
        if name == 'const':
            names[v.i] = js_num(st[2])
            continue
        nm = ('m' if v.kind == 'm' else 'v') + str(v.i)
        names[v.i] = nm
        if name in JS_BIN:
            e = f'{a[0]} {JS_BIN[name]} {a[1]}'
        elif name == 'neg':
            e = f'-{a[0]}'
        elif name == 'not':
            e = f'!{a[0]}'
        elif name == 'abs':
            e = f'Math.abs({a[0]})'
        elif name == 'floor':
            e = f'Math.floor({a[0]})'
        elif name == 'min':   # WebAssembly's f64x2.pmin (the second operand is a constant)
            e = f'{a[1]} < {a[0]} ? {a[1]} : {a[0]}'
        elif name == 'max':   # f64x2.pmax
            e = f'{a[0]} < {a[1]} ? {a[1]} : {a[0]}'
        elif name == 'select':
            e = f'{a[0]} ? {a[1]} : {a[2]}'
        elif name == 'pow2':
            e = f'POW2[({a[0]} + 1023) | 0]!'
        elif name == 'logk':
            e = f'((hiWord({a[0]}) + 0x95f62) >>> 20) - 1023'
        elif name == 'logm':
            e = f'withHiWord(((hiWord({a[0]}) + 0x95f62) & 0xfffff) + 0x3fe6a09e)'
        elif name == 'erfrow':
            lines.append(f'{indent}const row = ((hiWord({a[0]}) >>> 17) - {ERFC_BASE}) * {ERFC_STRIDE};')
            continue
        elif name == 'coef':
            e = f'ERFC_TABLE[row + {st[2]}]!'
        elif name == 'centre':
            e = f'fromHiWord((hiWord({a[0]}) & ~0x1ffff) | 0x10000)'
        elif name == 'exprow':   # k = kdm − 1.5·2^52, |k| < 2^17
            e = f'({a[0]} - {js_num(MAGIC)}) | 0'
        elif name == 'exptail':
            e = f'EXP_TABLE[({a[0]} & {EXP_N - 1}) << 1]!'
        elif name == 'expscale':   # 2^(i/128)·2^m, exact (normal) for |x| < 708
            e = f'EXP_TABLE[(({a[0]} & {EXP_N - 1}) << 1) + 1]! * POW2[({a[0]} >> {EXP_BITS}) + 1023]!'
        else:
            raise ValueError(name)
        lines.append(f'{indent}const {nm} = {e};')
    return lines


def js_module(progs, reduced):
    out = [
        '/**',
        ' * The transcendental kernels in plain JavaScript: the fallback where WebAssembly SIMD is missing, and',
        ' * the reference the WebAssembly path is tested against bit for bit (same operations, same order).',
        ' * GENERATED by scripts/gen-transcendental-wasm.py (which documents the algorithms) — do not edit by hand.',
        ' */',
        '/* eslint-disable */',
        '',
        '/** 2^(i − 1023) for i = 0 … 2046, built by exact doublings. */',
        'const POW2 = new Float64Array(2047);',
        'POW2[1023] = 1;',
        'for (let i = 1024; i < 2047; i++) POW2[i] = POW2[i - 1]! * 2;',
        'for (let i = 1022; i >= 0; i--) POW2[i] = POW2[i + 1]! / 2;',
        '',
        '// The high word of a double, and a double from a high word with the low word of the last hiWord call.',
        'const BITS = new Float64Array(1);',
        'const WORDS = new Uint32Array(BITS.buffer);',
        'const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;   // little-endian: word 1',
        'function hiWord(x: number): number {',
        '  BITS[0] = x;',
        '  return WORDS[HI]!;',
        '}',
        'function withHiWord(h: number): number {',
        '  WORDS[HI] = h;',
        '  return BITS[0]!;',
        '}',
        'function fromHiWord(h: number): number {',
        '  WORDS[HI] = h;',
        '  WORDS[1 - HI] = 0;',
        '  return BITS[0]!;',
        '}',
        '',
        f'/** erfc(a)·e^(a²) on each eighth of a binade from 0.84375 to 28: {ERFC_NCOEF} coefficients and the low part of the first per row. */',
        'const ERFC_TABLE = new Float64Array([',
    ] + ['  ' + ', '.join(js_num(c) for c in row) + ',' for row in ERFC_TABLE] + [
        ']);',
        '',
        f'/** exp\'s table: the relative rounding error of 2^(i/{EXP_N}) and 2^(i/{EXP_N}) rounded, for i < {EXP_N}. */',
        'const EXP_TABLE = new Float64Array([',
    ] + ['  ' + ', '.join(js_num(c) for c in row) + ',' for row in EXP_TABLE] + [
        ']);',
        '',
        f'/** |x| above which sin/cos lanes are redone with the exact reduction. */',
        f'export const TRIG_LIMIT = {js_num(TRIG_LIMIT)};',
        f'/** floor(2/π · 2^{TWO_OVER_PI_BITS}). */',
        f"export const TWO_OVER_PI_BITS = {TWO_OVER_PI_BITS};",
        f"export const TWO_OVER_PI_SCALED = BigInt('0x{TWO_OVER_PI_INT:x}');",
        f'/** π/2 as a double-double. */',
        f'export const PIO2_HI = {js_num(PIO2_HI)};',
        f'export const PIO2_LO = {js_num(PIO2_LO)};',
        '',
    ]
    for mk in progs:
        p, res = mk()
        lines, rname, cname = js_body(p, res, '    ')
        out.append(f'/** Elementwise {p.name}: o[i] = {p.name}(x[i]) for i < n; returns the number of lanes to redo. */')
        out.append(f'export function {p.name}Js(xs: Float64Array, o: Float64Array, n: number): number {{')
        out.append('  let count = 0;')
        out.append('  for (let i = 0; i < n; i++) {')
        out.append('    const x = xs[i]!;')
        out += lines
        out.append(f'    o[i] = {rname};')
        if cname:
            out.append(f'    if ({cname}) count++;')
        out.append('  }')
        out.append('  return count;')
        out.append('}')
        out.append('')
    for mk in reduced:
        p, res = mk()
        lines, rname, _ = js_body(p, res, '  ')
        args = ', '.join(f'{a}: number' for a in p.input_names)
        out.append(f'/** {p.name[:3]} from an exactly reduced argument rh + rl, quadrant n = q mod 4. */')
        out.append(f'export function {p.name}({args}): number {{')
        out += lines
        out.append(f'  return {rname};')
        out.append('}')
        out.append('')
    return '\n'.join(out)


# ---------------------------------------------------------------------------------------------------
# WebAssembly backend
# ---------------------------------------------------------------------------------------------------




I32, V128 = 0x7F, 0x7B
simd = lambda op: b'\xfd' + uleb(op)
get = lambda i: b'\x20' + uleb(i)
set_ = lambda i: b'\x21' + uleb(i)
i32c = lambda v: b'\x41' + sleb(v)
# Constants live in a pool in the module's memory (16 bytes each), are loaded into locals before the loop and
# read from those in it: V8 builds a v128.const in the loop with three instructions per use (movq, vmovq,
# vpunpcklqdq) and does not hoist it, and a load in the loop is scheduled at its top and spilled; a value
# loaded before the loop costs at most one reload per use.
EXP_OFFSET = TABLE_OFFSET + 8192    # after the erfc table (64 rows × 13 doubles = 6656 bytes): exp's rows
POOL_OFFSET = EXP_OFFSET + 16 * EXP_N
TILE = 4096                         # doubles per call: inputs at byte 0, outputs at OUT_OFFSET (the first page)
OUT_OFFSET = 8 * TILE
POOL = {}


FN_CONSTS = {}     # the function being emitted: pattern → its local
FN_CONST_BASE = [0]


def pooled(pattern):
    if pattern not in POOL:
        POOL[pattern] = POOL_OFFSET + 16 * len(POOL)
    if pattern not in FN_CONSTS:
        FN_CONSTS[pattern] = FN_CONST_BASE[0] + len(FN_CONSTS)
    return get(FN_CONSTS[pattern])


def load_consts():
    """The prologue: each constant the function uses, from the pool into its local."""
    return b''.join(i32c(0) + simd(0) + uleb(4) + uleb(POOL[pat]) + set_(loc) for pat, loc in FN_CONSTS.items())


f64x2c = lambda c: pooled(struct.pack('<dd', c, c))
i64x2c = lambda c: pooled(struct.pack('<qq', c, c))
# min/max with a constant are emitted as pmin/pmax (one minpd/maxpd; f64x2.min costs V8 seven instructions
# for its −0 and NaN rules). With the constant second, pmin(x, c) = c < x ? c : x and pmax(x, c) =
# x < c ? c : x: a NaN x stays NaN, and the JavaScript backend writes the same ternaries.
F64X2 = {'add': 240, 'sub': 241, 'mul': 242, 'div': 243, 'min': 246, 'max': 247,
         'floor': 117, 'eq': 71, 'lt': 73, 'gt': 74, 'le': 75, 'ge': 76}
V128_AND, V128_OR, V128_NOT, V128_BITSELECT, V128_ANY_TRUE = simd(78), simd(80), simd(77), simd(82), simd(83)
I64X2_ADD, I64X2_SUB, I64X2_SHL, I64X2_SHR_U = simd(206), simd(209), simd(203), simd(205)
I64X2_EXTRACT = lambda lane: simd(29) + bytes([lane])
V128_LOAD = simd(0) + uleb(3) + uleb(0)
V128_STORE = simd(11) + uleb(3) + uleb(0)


# Vectors per loop iteration, for instruction-level parallelism: 4 where long dependency chains (divisions,
# double-double steps) leave the floating-point units idle, 2 elsewhere (more values than registers spill:
# erf and normLogCdf are slower with 4, and with 1). Measured on an Intel Xeon (AVX-512) with V8 11.3.
UNROLL = {'tanh': 4, 'sigmoid': 4, 'log': 4, 'softplus': 4, 'expm1': 4}
STEP = 2 * max(max(UNROLL.values()), 2)


def wasm_func(p, res):
    """(n: i32) → i32: maps the n doubles (n a multiple of 2·U) at byte 0 to n results at OUT_OFFSET; returns
    the counted lanes (sin/cos: to redo exactly)."""
    # locals: 0 n (param), 1 ptr, 2 end (i32); then v128: count, then one per SSA value
    L_PTR, L_END, L_COUNT = 1, 2, 3
    U = UNROLL.get(p.name, 2)
    FN_CONSTS.clear()
    FN_CONST_BASE[0] = 4 + U * p.nvals + 4 * U + 1
    base = [4 + u * p.nvals for u in range(U)]
    loc = lambda v: base[cur[0]] + v.i
    row_loc = lambda lane: 4 + U * p.nvals + 4 * cur[0] + lane   # lanes 0, 1: erfc rows; 2, 3: exp rows
    cur = [0]
    consts = {}
    body = bytearray()
    for st in p.stmts:
        if st[0] == 'const':
            consts[st[1].i] = st[2]

    def load(v):
        if v.i in consts:
            return f64x2c(consts[v.i])
        return get(loc(v))

    def emit(stmts):
        code = bytearray()
        for st in stmts:
            name, v = st[0], st[1]
            if name == 'const':
                continue
            a = st[2:]
            if name == 'abs':        # clear the sign bit (V8 would build the mask with three instructions)
                e = load(a[0]) + i64x2c(0x7fffffffffffffff) + V128_AND
            elif name == 'neg':
                e = load(a[0]) + i64x2c(-(1 << 63)) + simd(81)   # v128.xor
            elif name in F64X2 and len(a) == 2:
                e = load(a[0]) + load(a[1]) + simd(F64X2[name])
            elif name in F64X2:
                e = load(a[0]) + simd(F64X2[name])
            elif name == 'and':
                e = load(a[0]) + load(a[1]) + V128_AND
            elif name == 'or':
                e = load(a[0]) + load(a[1]) + V128_OR
            elif name == 'not':
                e = load(a[0]) + V128_NOT
            elif name == 'select':   # bitselect(a, b, mask) takes a's bits where the mask is set
                e = load(a[1]) + load(a[2]) + load(a[0]) + V128_BITSELECT
            elif name == 'pow2':     # bits(kd + 1.5·2^52) = 0x4338… + kd; (that + 1023) << 52 = 2^kd
                e = (load(a[0]) + f64x2c(MAGIC) + simd(F64X2['add']) + i64x2c(1023) + I64X2_ADD
                     + i32c(52) + I64X2_SHL)
            elif name == 'logk':     # ((bits + C<<32) >>> 52) as a double, minus 1023
                e = (load(a[0]) + i64x2c(0x95f62 << 32) + I64X2_ADD + i32c(52) + I64X2_SHR_U
                     + i64x2c(0x4330000000000000) + V128_OR + f64x2c(4503599627370496.0 + 1023.0) + simd(F64X2['sub']))
            elif name == 'logm':
                e = (load(a[0]) + i64x2c(0x95f62 << 32) + I64X2_ADD + i64x2c(0x000fffffffffffff) + V128_AND
                     + i64x2c(0x3fe6a09e << 32) + I64X2_ADD)
            elif name == 'erfrow':   # row byte offset of each lane: ((bits >> 49) − base)·8·ncoef
                for lane in range(2):
                    code += (load(a[0]) + i32c(49) + I64X2_SHR_U + I64X2_EXTRACT(lane) + b'\xa7'
                             + i32c(ERFC_BASE) + b'\x6b' + i32c(8 * ERFC_STRIDE) + b'\x6c' + set_(row_loc(lane)))
                continue
            elif name == 'coef':     # two scalar loads into the lanes
                off = TABLE_OFFSET + 8 * st[2]
                e = (get(row_loc(0)) + b'\x2b' + uleb(3) + uleb(off) + simd(20)
                     + get(row_loc(1)) + b'\x2b' + uleb(3) + uleb(off) + simd(34) + bytes([1]))
            elif name == 'exprow':   # byte offset of row i = k mod 128 for each lane (bits of kdm end in k)
                for lane in range(2):
                    code += (load(a[0]) + I64X2_EXTRACT(lane) + b'\xa7' + i32c(EXP_N - 1) + b'\x71'
                             + i32c(4) + b'\x74' + set_(row_loc(2 + lane)))
                continue
            elif name in ('exptail', 'expscale'):   # the two rows' 16 bytes, then their first or second halves
                half = 0 if name == 'exptail' else 8
                e = (get(row_loc(2)) + simd(0) + uleb(4) + uleb(EXP_OFFSET)
                     + get(row_loc(3)) + simd(0) + uleb(4) + uleb(EXP_OFFSET)
                     + simd(13) + bytes(list(range(half, half + 8)) + list(range(16 + half, 24 + half))))
                if name == 'expscale':   # + m·2^52: bits(kdm) << 45 is k·2^45 = m·2^52 + i·2^45 (the row has −i·2^45)
                    e += load(a[1]) + i32c(45) + I64X2_SHL + I64X2_ADD
            elif name == 'centre':   # clear the low 49 bits, set bit 48: the middle of the eighth-binade
                e = load(a[0]) + i64x2c(-(1 << 49)) + V128_AND + i64x2c(1 << 48) + V128_OR
            else:
                raise ValueError(name)
            code += e + set_(loc(v))
        return bytes(code)

    L_RARE = 4 + U * p.nvals + 4 * U   # v128: lanes counted special (rare), per lane
    lanes = b''
    for u in range(U):      # U independent vectors per iteration, for instruction-level parallelism
        cur[0] = u
        lanes += get(L_PTR) + simd(0) + uleb(3) + uleb(16 * u) + set_(loc(p.inputs[0])) + emit(p.live(res))
        if p.counted is not None:   # count −= mask (a set lane is −1)
            lanes += get(L_COUNT) + load(p.counted) + I64X2_SUB + set_(L_COUNT)
        if p.rare is not None:
            lanes += get(L_RARE) + load(p.rare[0]) + I64X2_SUB + set_(L_RARE)
    for u in range(U):
        cur[0] = u
        lanes += get(L_PTR) + load(res) + simd(11) + uleb(3) + uleb(OUT_OFFSET + 16 * u)
    loop = lambda step, inner: (
        i32c(0) + set_(L_PTR)
        + b'\x02\x40' + b'\x03\x40'                          # block, loop
        + get(L_PTR) + get(L_END) + b'\x4f' + b'\x0d' + uleb(1)   # ptr >= end (u) → break
        + inner
        + get(L_PTR) + i32c(step) + b'\x6a' + set_(L_PTR)
        + b'\x0c' + uleb(0)                                  # br loop
        + b'\x0b' + b'\x0b')
    # Second pass, only when the first counted special lanes (rare: overflow, subnormals, NaN…): one vector at
    # a time, the mask again and, where a lane is special, the slow result selected into the output.
    rare_pass = b''
    if p.rare is not None:
        mask, slow = p.rare
        cur[0] = 0
        inner = (get(L_PTR) + simd(0) + uleb(3) + uleb(0) + set_(loc(p.inputs[0])) + emit(p.needed([mask]))
                 + load(mask) + V128_ANY_TRUE + b'\x04\x40'
                 + emit(p.needed([slow]))
                 + get(L_PTR) + load(slow) + get(L_PTR) + simd(0) + uleb(3) + uleb(OUT_OFFSET) + load(mask)
                 + V128_BITSELECT + simd(11) + uleb(3) + uleb(OUT_OFFSET)
                 + b'\x0b')
        rare_pass = get(L_RARE) + V128_ANY_TRUE + b'\x04\x40' + loop(16, inner) + b'\x0b'
    body = (
        load_consts()
        + get(0) + i32c(3) + b'\x74' + set_(L_END)           # end = n << 3
        + loop(16 * U, lanes)
        + rare_pass
        + get(L_COUNT) + I64X2_EXTRACT(0) + get(L_COUNT) + I64X2_EXTRACT(1) + b'\x7c' + b'\xa7'   # i64.add, wrap
        + b'\x0b'
    )
    locals_ = vec([uleb(2) + bytes([I32]), uleb(1 + U * p.nvals) + bytes([V128]), uleb(4 * U) + bytes([I32]),
                   uleb(1 + len(FN_CONSTS)) + bytes([V128])])
    return locals_ + body


def vec_bytes(b):
    return uleb(len(b)) + b


def wasm_module(progs):
    table = b''.join(struct.pack('<d', c) for row in ERFC_TABLE for c in row)
    assert len(table) <= POOL_OFFSET - TABLE_OFFSET
    funcs, names = [], []
    for mk in progs:
        p, res = mk()
        funcs.append(wasm_func(p, res))
        names.append(p.name)
    pool = b''.join(sorted(POOL, key=POOL.get))
    exp_rows = b''.join(struct.pack('<dq', tail, struct.unpack('<q', struct.pack('<d', hi))[0] - (i << 45))
                        for i, (tail, hi) in enumerate(EXP_TABLE))
    assert POOL_OFFSET + len(pool) <= 2 * 65536
    ftype = b'\x60' + vec([bytes([I32])]) + vec([bytes([I32])])
    exports = [wname(nm) + b'\x00' + uleb(i) for i, nm in enumerate(names)] + [wname('mem') + b'\x02' + uleb(0)]
    module = (b'\x00asm' + b'\x01\x00\x00\x00'
              + section(1, vec([ftype]))
              + section(3, vec([uleb(0)] * len(funcs)))
              + section(5, vec([b'\x00' + uleb(2)]))            # tile page + table page, never grown
              + section(7, vec(exports))
              + section(10, vec([uleb(len(f)) + f for f in funcs]))
              + section(11, vec([b'\x00' + i32c(TABLE_OFFSET) + b'\x0b' + vec_bytes(table),
                                 b'\x00' + i32c(EXP_OFFSET) + b'\x0b' + vec_bytes(exp_rows),
                                 b'\x00' + i32c(POOL_OFFSET) + b'\x0b' + vec_bytes(pool)])))
    return module, names


def main():
    module, names = wasm_module(PROGRAMS)
    b64 = base64.b64encode(module).decode()
    with open(OUT_BYTES, 'w') as fh:
        fh.write(f"""/**
 * The WebAssembly SIMD transcendental kernels ({', '.join(names)}), {len(module)} bytes: each export
 * f(n) maps the n doubles at byte 0 of "mem" to n results at byte TRANSCENDENTAL_WASM_OUT (n a multiple of
 * TRANSCENDENTAL_WASM_STEP) and
 * returns the lanes to redo.
 * GENERATED by scripts/gen-transcendental-wasm.py (which documents the module) — do not edit by hand.
 */
export const TRANSCENDENTAL_WASM_BASE64 =
  '{b64}';

/** Callers pad n to a multiple of this (doubles per loop iteration: up to {STEP // 2} vectors of two lanes). */
export const TRANSCENDENTAL_WASM_STEP = {STEP};

/** Doubles per call: inputs in the first half of the first page, results in the second (the second page
 * holds the tables and constants). */
export const TRANSCENDENTAL_WASM_TILE = {TILE};

/** Byte offset of the results. */
export const TRANSCENDENTAL_WASM_OUT = {OUT_OFFSET};
""")
    with open(OUT_JS, 'w') as fh:
        fh.write(js_module(PROGRAMS, JS_ONLY))
    print(f'wrote {OUT_BYTES} ({len(module)} bytes) and {OUT_JS}', file=sys.stderr)


if __name__ == '__main__':
    main()
