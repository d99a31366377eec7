#!/usr/bin/env python3
"""Accuracy of the transcendental kernels (src/ad/kernels/transcendental.ts) against mpmath.

For each function, inputs are drawn from the function's interesting ranges (uniform on the main domain,
uniform near 0, random bit patterns over every binade including subnormals, and for sin/cos near
multiples of π/2 and far beyond 2^20), plus an explicit list of edge cases (±0, subnormals, ±∞, NaN,
overflow and underflow thresholds and their neighbours). The kernels run in Node (scripts/transcendental-eval.ts);
each result is compared with mpmath at 160 bits, and the script prints the largest error in ulps of the
exact value and the share of results that are not the correctly rounded double.

  python3 scripts/check-transcendental-accuracy.py [--points 1000000] [--procs 2] [--js]
      the full sweep (about ten minutes with 2 processes);
  python3 scripts/check-transcendental-accuracy.py --fixtures
      writes test/fixtures/ad/transcendental.json and transcendental-refs.bin: correctly rounded values
      for 10 000 inputs per function from a xorshift32 generator that the test reproduces, plus the edge
      cases, so that the test suite needs no Python.
"""
import argparse
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
from multiprocessing import Pool

import mpmath as mp

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
PIO2_HI = 1.5707963267948966
M32 = 0xFFFFFFFF

# Categories: ('u', lo, hi) uniform; ('b', Emin, Emax, signed) random bits with biased exponent in
# [Emin, Emax] (0 = subnormal); ('pi', K) k·fl(π/2) for k < K, either sign (hard cases for reduction).
SPECS = {
    'exp': [('u', -745.2, 709.8), ('u', -1.0, 1.0), ('b', 0, 1032, True)],
    'expm1': [('u', -40.0, 709.8), ('u', -1.0, 1.0), ('b', 0, 1032, True)],
    'log': [('u', 0.5, 2.0), ('u', 0.0, 100.0), ('b', 0, 2046, False)],
    'log1p': [('u', -1.0, 1.0), ('u', -0.3, 0.5), ('b', 0, 2046, False), ('b', 0, 1022, True)],
    'sin': [('u', -10.0, 10.0), ('u', -1048576.0, 1048576.0), ('b', 0, 2046, True), ('pi', 1 << 20)],
    'cos': [('u', -10.0, 10.0), ('u', -1048576.0, 1048576.0), ('b', 0, 2046, True), ('pi', 1 << 20)],
    'tanh': [('u', -20.0, 20.0), ('u', -1.0, 1.0), ('b', 0, 1029, True)],
    'sigmoid': [('u', -750.0, 40.0), ('u', -10.0, 10.0), ('b', 0, 1033, True)],
    'softplus': [('u', -750.0, 750.0), ('u', -5.0, 5.0), ('b', 0, 2046, True)],
    'erf': [('u', -6.0, 6.0), ('u', -1.0, 1.0), ('b', 0, 1030, True)],
    'erfc': [('u', -6.0, 27.3), ('u', -1.0, 1.0), ('b', 0, 1030, True), ('u', 20.0, 27.3)],
    'normLogCdf': [('u', -40.0, 10.0), ('u', -2.0, 2.0), ('b', 0, 1035, True), ('u', -100.0, -35.0)],
}
NAMES = list(SPECS)

COMMON_EDGES = [0.0, -0.0, 5e-324, -5e-324, 2.225073858507201e-308, -2.225073858507201e-308,
                2.2250738585072014e-308, -2.2250738585072014e-308, 1.7976931348623157e308,
                -1.7976931348623157e308, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300,
                1e-20, -1e-20, 1e-8, 3.0, 10.0, -10.0, 100.0]
SPECIAL_EDGES = {
    'exp': [709.782712893384, 709.7827128933841, 709.7827128933839, -745.1332191019411, -745.1332191019412,
            -708.3964185322641, -708.3964185322642, -744.44007192138126, 0.34657359027997264, -0.34657359027997264,
            710.0, -746.0, 1e-17],
    'expm1': [709.782712893384, 709.7827128933841, -37.42994775023705, -38.0, -40.0, 0.34657359027997264,
              -0.34657359027997264, 0.6931471805599453, 1e-17, -1e-17, 1.5e-8],
    'log': [1.0000000000000002, 0.9999999999999999, 0.7071067811865476, 1.4142135623730951, 2.718281828459045],
    'log1p': [-0.9999999999999999, -0.5, 1e-17, -1e-17, 9007199254740992.0, 1.4142135623730951 - 1,
              0.7071067811865476 - 1],
    'sin': [1e22, 6381956970095103 * 2.0 ** 797, 1048576.0, 1048576.0000000002, 1048575.9999999999,
            PIO2_HI, 3.141592653589793, 4.71238898038469, 6.283185307179586, 1e300, -1e300, 0.7853981633974483,
            355.0, 103993.0],
    'cos': [1e22, 6381956970095103 * 2.0 ** 797, 1048576.0, 1048576.0000000002, 1048575.9999999999,
            PIO2_HI, 3.141592653589793, 4.71238898038469, 6.283185307179586, 1e300, -1e300, 0.7853981633974483,
            355.0, 103993.0],
    'tanh': [19.061547465398498, 20.0, 22.0, 0.55, -0.55, 0.9729550745276566, 1e-17, 3.7e-9],
    'sigmoid': [-745.0, -745.2, -709.0, -708.4, 36.7, 37.0, -36.7, -37.0, -40.0, 41.6, -41.6, 1e-17],
    'softplus': [36.7, 37.0, -745.0, -745.2, -700.0, 709.0, 710.0, 1e-17, -36.7, 1e300],
    'erf': [0.84375, 0.8437499999999999, -0.84375, 0.25, 5.9, 6.0, -6.0, 1e-310, 27.0, 28.0],
    'normLogCdf': [-1.0, -1.0000000000000002, -0.9999999999999999, -88.0, -90.5, -90.6, 38.0, 8.3, 40.0, 1e-300,
                   -1e4, -1e150, -1e200, 1e200],
    'erfc': [0.84375, 0.8437499999999999, -0.84375, 0.25, 0.24999999999999997, -0.25, 5.9, 6.0, -6.0, 26.5,
             26.55, 27.0, 27.2, 27.3, 28.0, -28.0, 1e-310],
}


def edges(name):
    return COMMON_EDGES + SPECIAL_EDGES[name]


class XorShift32:
    def __init__(self, seed):
        self.s = seed & M32

    def next(self):
        s = self.s
        s ^= (s << 13) & M32
        s ^= s >> 17
        s ^= (s << 5) & M32
        self.s = s
        return s

    def u53(self):
        a = self.next() >> 5
        b = self.next() >> 6
        return (a * 67108864 + b) / 9007199254740992.0


def seed_of(name):
    return 0x9E3779B9 ^ (NAMES.index(name) + 1) * 2654435761 & M32


def case_inputs(name, n):
    """n inputs for `name`, reproduced exactly by the test (test/ad/transcendental.test.ts)."""
    rng = XorShift32(seed_of(name))
    cats = SPECS[name]
    out = []
    for _ in range(n):
        c = cats[rng.next() % len(cats)]
        if c[0] == 'u':
            out.append(c[1] + (c[2] - c[1]) * rng.u53())
        elif c[0] == 'b':
            e = c[1] + rng.next() % (c[2] - c[1] + 1)
            hi = rng.next() >> 12
            lo = rng.next()
            sign = (rng.next() & 1) if c[3] else 0
            bits = (sign << 63) | (e << 52) | (hi << 32) | lo
            out.append(struct.unpack('<d', struct.pack('<Q', bits))[0])
        else:
            k = rng.next() % c[1]
            sign = rng.next() & 1
            v = k * PIO2_HI
            out.append(-v if sign else v)
    return out


# ---------------------------------------------------------------------------------------------------
PREC = 160


def exact(name, x):
    """The exact value as an mpf, or a float for special results (NaN, ±∞, exact zeros with their sign)."""
    if math.isnan(x):
        return math.nan
    if math.isinf(x):
        table = {'exp': (math.inf, 0.0), 'expm1': (math.inf, -1.0), 'log': (math.inf, math.nan),
                 'log1p': (math.inf, math.nan), 'sin': (math.nan, math.nan), 'cos': (math.nan, math.nan),
                 'tanh': (1.0, -1.0), 'sigmoid': (1.0, 0.0), 'softplus': (math.inf, 0.0), 'erf': (1.0, -1.0),
                 'erfc': (0.0, 2.0), 'normLogCdf': (0.0, -math.inf)}
        return table[name][0 if x > 0 else 1]
    v = mp.mpf(x)
    if name == 'exp':
        return mp.exp(v)
    if name == 'expm1':
        return x if x == 0 else mp.expm1(v)
    if name == 'log':
        return -math.inf if x == 0 else math.nan if x < 0 else mp.log(v)
    if name == 'log1p':
        return x if x == 0 else -math.inf if x == -1 else math.nan if x < -1 else mp.log1p(v)
    if name == 'sin':
        return x if x == 0 else mp.sin(v)
    if name == 'cos':
        return mp.cos(v)
    if name == 'tanh':
        return x if x == 0 else mp.tanh(v)
    if name == 'sigmoid':
        return 1 / (1 + mp.exp(-v))
    if name == 'softplus':
        return mp.log1p(mp.exp(v))
    if name == 'erf':   # beyond 30 the value rounds to ±1 (mpmath's tiny tails are not worth the time)
        return x if x == 0 else math.copysign(1.0, x) if abs(x) > 30 else mp.erf(v)
    if name == 'erfc':  # erfc(x) < 2^-1100 for x > 30: rounds to +0
        return 0.0 if x > 30 else 2.0 if x < -30 else mp.erfc(v)
    if name == 'normLogCdf':   # −Q(x) underflows beyond 40; −x²/2 overflows below −1.9e154
        if x > 40 or x < -1e155:
            return -0.0 if x > 0 else -math.inf
        return mp.log1p(-mp.ncdf(-v)) if x > 0 else mp.log(mp.ncdf(v))
    raise ValueError(name)


def round_double(v):
    """The correctly rounded double of an mpf."""
    if v == 0:
        return 0.0
    a = abs(v)
    s = -1.0 if v < 0 else 1.0
    m, e = mp.frexp(a)                       # a = m·2^e, m ∈ [½, 1)
    if e > 1024 or (e == 1024 and mp.nint(mp.ldexp(m, 53)) == 2 ** 53):
        return s * math.inf
    if e <= -1021:                           # subnormal (or the smallest binade): fixed point 2^-1074
        return s * math.ldexp(float(mp.nint(mp.ldexp(a, 1074))), -1074)
    return s * math.ldexp(float(mp.nint(mp.ldexp(m, 53))), e - 53)


def ulp_of(v):
    m, e = mp.frexp(abs(v))
    return mp.ldexp(1, max(e - 53, -1074))


def judge(args):
    """(ulp error, correctly rounded?) for each (name, x, computed) in a chunk."""
    name, xs, ys = args
    mp.mp.prec = PREC
    res = []
    for x, y in zip(xs, ys):
        v = exact(name, x)
        if isinstance(v, float):
            same = (math.isnan(v) and math.isnan(y)) or (v == y and math.copysign(1, v) == math.copysign(1, y))
            res.append((0.0 if same else math.inf, same))
            continue
        r = round_double(v)
        if math.isinf(y) or math.isnan(y):
            res.append((0.0 if y == r else math.inf, y == r))
            continue
        err = float(abs(mp.mpf(y) - v) / ulp_of(v))
        res.append((err, y == r))
    return res


def run_kernel(name, xs, js):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, 'in.bin'), os.path.join(d, 'out.bin')
        with open(src, 'wb') as fh:
            fh.write(struct.pack(f'<{len(xs)}d', *xs))
        cmd = ['npx', 'tsx', 'scripts/transcendental-eval.ts', name, src, dst] + (['--js'] if js else [])
        subprocess.run(cmd, cwd=ROOT, check=True)
        with open(dst, 'rb') as fh:
            data = fh.read()
    return list(struct.unpack(f'<{len(xs)}d', data))


def sweep(points, procs, js, only):
    print(f'{"function":10} {"points":>9} {"max ulp":>9} {"at x":>24} {"not CR":>9}')
    with Pool(procs) as pool:
        for name in only:
            xs = edges(name) + case_inputs(name, points)
            ys = run_kernel(name, xs, js)
            chunk = 5000
            jobs = [(name, xs[i:i + chunk], ys[i:i + chunk]) for i in range(0, len(xs), chunk)]
            results = [r for part in pool.map(judge, jobs) for r in part]
            worst = max(range(len(xs)), key=lambda i: results[i][0])
            bad = sum(1 for r in results if not r[1])
            print(f'{name:10} {len(xs):9d} {results[worst][0]:9.3f} {xs[worst]!r:>24} {100 * bad / len(xs):8.4f}%',
                  flush=True)


def fixtures(n):
    mp.mp.prec = PREC
    meta = {'generator': 'scripts/check-transcendental-accuracy.py --fixtures', 'points': n,
            'specs': {}, 'edges': {}, 'first': {}}
    blob = bytearray()
    for name in NAMES:
        xs = case_inputs(name, n)
        refs = []
        for x in xs:
            v = exact(name, x)
            refs.append(v if isinstance(v, float) else round_double(v))
        meta['specs'][name] = {'seed': seed_of(name), 'categories': SPECS[name], 'offset': len(blob) // 8}
        blob += struct.pack(f'<{n}d', *refs)
        meta['first'][name] = [struct.pack('<d', x).hex() for x in xs[:4]]
        eds = []
        for x in edges(name):
            v = exact(name, x)
            r = v if isinstance(v, float) else round_double(v)
            eds.append([struct.pack('>d', x).hex(), struct.pack('>d', r).hex()])
        meta['edges'][name] = eds
        print(name, 'done', file=sys.stderr)
    d = os.path.join(ROOT, 'test/fixtures/ad')
    with open(os.path.join(d, 'transcendental-refs.bin'), 'wb') as fh:
        fh.write(blob)
    with open(os.path.join(d, 'transcendental.json'), 'w') as fh:
        json.dump(meta, fh, indent=1)
        fh.write('\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--points', type=int, default=1_000_000)
    ap.add_argument('--procs', type=int, default=2)
    ap.add_argument('--js', action='store_true', help='run the JavaScript fallback instead of WebAssembly')
    ap.add_argument('--only', nargs='*', default=NAMES)
    ap.add_argument('--fixtures', action='store_true')
    a = ap.parse_args()
    if a.fixtures:
        fixtures(10_000)
    else:
        sweep(a.points, a.procs, a.js, a.only)


if __name__ == '__main__':
    main()
