#!/usr/bin/env python3
"""Reference values for test/random/, computed once and committed (the tests do not need Python).

- test/fixtures/random/normal-quantile.json: Φ⁻¹(p) for doubles p across the whole range (central
  region, both tails, p down to 1e-300, |z| up to 37), computed by mpmath at 50 digits and rounded to
  the nearest double. Each p is an exact double (written with repr), so the reference is for that p.
- test/fixtures/random/sobol-scipy.json: the first 128 unscrambled Sobol points of SciPy's
  scipy.stats.qmc.Sobol (Joe–Kuo new-joe-kuo-6.21201) in a selection of dimensions, low and high.

Run: python3 scripts/gen-random-fixtures.py
"""
import json
import os

import mpmath
import numpy as np
from scipy.special import ndtri
from scipy.stats import qmc

mpmath.mp.dps = 50
root = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'random')
os.makedirs(root, exist_ok=True)

ps = set()
for k in range(1, 1001):
    ps.add(k / 1001)                          # central region and shoulders
for e in range(1, 301):
    ps.add(float(f'1e-{e}'))                 # lower tail down to 1e-300
    ps.add(float(f'3.7e-{e}') if e < 300 else 3.7e-299)
for e in range(1, 53):
    ps.add(1 - 2.0 ** -e)                    # exact doubles near 1: the upper tail to z ≈ 8.1
    ps.add(2.0 ** -e)
for p in (0.075, 0.925, 0.07499999999999999, 0.925 + 2 ** -52, 1e-308, 5e-324 * 2 ** 40):
    ps.add(p)
ps = sorted(p for p in ps if 0 < p < 1)


def quantile(p):
    # Newton on Φ(z) = p (mpmath has no erfcinv), started from SciPy's ndtri; converges to 50 digits.
    target = mpmath.mpf(p)
    z = mpmath.mpf(float(ndtri(p)))
    for _ in range(100):
        step = (mpmath.ncdf(z) - target) / mpmath.npdf(z)
        z -= step
        if abs(step) < mpmath.mpf(10) ** -40 * max(1, abs(z)):
            break
    return float(z)


rows = [[repr(p), repr(quantile(p))] for p in ps]
with open(os.path.join(root, 'normal-quantile.json'), 'w') as f:
    json.dump({'source': 'mpmath ' + mpmath.__version__ + ', 50 digits: Newton on ncdf(z) = p',
               'columns': ['p', 'z'], 'rows': rows}, f, indent=0)

dims = list(range(0, 10)) + list(range(1100, 1111)) + list(range(4086, 4096))
pts = qmc.Sobol(d=4096, scramble=False).random(128)
with open(os.path.join(root, 'sobol-scipy.json'), 'w') as f:
    json.dump({'source': 'scipy ' + __import__('scipy').__version__ + ' qmc.Sobol(d=4096, scramble=False).random(128)',
               'dims': [d + 1 for d in dims],  # 1-based dimension numbers
               'points': [[float(pts[i, d]) for d in dims] for i in range(128)]}, f)
print(len(rows), 'quantile rows;', len(dims), 'Sobol dimensions')
