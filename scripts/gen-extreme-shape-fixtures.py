#!/usr/bin/env python3
"""Reference values for the samplers at extreme shapes (1e-6 ... 1e6), by mpmath at 50 digits.

* gammaLog: for Gamma(alpha, 1), points y = log z near the u-quantiles (SciPy's quantile, or
  (log u + log Gamma(alpha + 1))/alpha where z is below the doubles), and dy/dalpha = -(dP/dalpha) / (q(z) z), the
  implicit gradient of log z (Figurnov, Mohamed & Mnih 2018); the complement Q is differentiated in the
  upper half.
* beta: dz/da, dz/db = -(dI_z/dtheta) / q(z) at float64 quantiles z of Beta(a, b) (and, for small
  shapes, at points from 1e-300 to 1 - 1e-10) that are not atoms, the complement I_{1-z}(b, a) differentiated in the upper half.
* studentTTail: log P(T > w) for the standard Student t with df nu (the atom mass of StudentT at
  +-MAX_VALUE), and P(|T| > MAX_VALUE).
* betaAtoms: log P(x < 1.5 MIN_VALUE) and log P(1 - x < 1.5 2^-53) for Beta(a, b).

Run:  python3 scripts/gen-extreme-shape-fixtures.py   (writes test/fixtures/distributions/extreme-shapes.json).
"""
import json
import math
import os

import mpmath as mp
from scipy import special

mp.mp.dps = 50

SHAPES = [1e-6, 1e-4, 1e-2, 1.0, 1e2, 1e4, 1e6]
PROBS = [1e-3, 0.1, 0.5, 0.9, 0.999]
# mpmath's incomplete beta does not converge at shape 1e6; the kernel is checked there by quadrature.
BETA_SHAPES = [1e-6, 1e-3, 1.0, 1e3]
MIN = mp.mpf(2) ** -1074
MAX = (2 - mp.mpf(2) ** -52) * mp.mpf(2) ** 1023


def gamma_log_y(alpha, u):
    """A float64 log z near the u-quantile: SciPy's where z is a normal double, else the small-shape form."""
    z = special.gammaincinv(alpha, u)
    if z > 1e-300 and math.isfinite(z):
        return math.log(z)
    return float((mp.log(u) + mp.loggamma(mp.mpf(alpha) + 1)) / alpha)


def gamma_log_case(alpha, u):
    a = mp.mpf(alpha)
    y = mp.mpf(gamma_log_y(alpha, u))
    z = mp.exp(y)
    if u > 0.5:
        dF = -mp.diff(lambda s: mp.gammainc(s, z, mp.inf, regularized=True), a)
    else:
        dF = mp.diff(lambda s: mp.gammainc(s, 0, z, regularized=True), a)
    logqz = a * y - z - mp.loggamma(a)   # log(q(z)·z)
    return {'alpha': alpha, 'u': u, 'logZ': float(y), 'dLogZ': float(-dF / mp.exp(logqz))}


def beta_points(a, b):
    zs = [float(special.betaincinv(a, b, u)) for u in PROBS]
    if min(a, b) <= 1e-3:
        zs += [1e-300, 1e-100, 1e-10, 0.5, 1 - 1e-10]
    return sorted({z for z in zs if 1e-300 <= z < 1 - 2.0 ** -52})


def beta_case(a, b, zf):
    am, bm, zm = mp.mpf(a), mp.mpf(b), mp.mpf(zf)
    # Differentiate the smaller of the CDF and its complement (never a number close to 1); 1 - z must be
    # exact, which for z down to 1e-300 takes 320 digits.
    if mp.betainc(am, bm, 0, zm, regularized=True) < 0.5:
        da = mp.diff(lambda s: mp.betainc(s, bm, 0, zm, regularized=True), am)
        db = mp.diff(lambda s: mp.betainc(am, s, 0, zm, regularized=True), bm)
    else:
        with mp.workdps(320 if zf < 0.5 else 50):
            da = -mp.diff(lambda s: mp.betainc(bm, s, 0, 1 - zm, regularized=True), am)
            db = -mp.diff(lambda s: mp.betainc(s, am, 0, 1 - zm, regularized=True), bm)
    logq = (am - 1) * mp.log(zm) + (bm - 1) * mp.log1p(-zm) - (mp.loggamma(am) + mp.loggamma(bm) - mp.loggamma(am + bm))
    q = mp.exp(logq)
    return {'a': a, 'b': b, 'z': zf, 'dzda': float(-da / q), 'dzdb': float(-db / q)}


def t_tail(nu, w):
    n = mp.mpf(nu)
    t = n / (n + mp.mpf(w) ** 2)
    return mp.log(mp.betainc(n / 2, mp.mpf(1) / 2, 0, t, regularized=True) / 2)


def main():
    gamma = [gamma_log_case(a, u) for a in SHAPES for u in PROBS]
    beta = []
    for a in BETA_SHAPES:
        for b in BETA_SHAPES:
            beta += [beta_case(a, b, z) for z in beta_points(a, b)]
    tails = []
    for nu in [1e-6, 1e-3, 1e-2, 0.5, 1.0, 3.0, 1e6]:
        for w in [1e5, 1e150, float(MAX), 1e300 * 1.5]:
            tails.append({'nu': nu, 'w': w, 'logTail': float(t_tail(nu, w))})
    beyond = [{'nu': nu, 'p': float(2 * mp.exp(t_tail(nu, MAX)))} for nu in [1e-3, 1e-2, 0.1]]
    atoms = []
    for a in [1e-6, 1e-4, 1e-2, 1.0]:
        for b in [1e-6, 1e-4, 1e-2, 1.0, 1e3]:
            am, bm = mp.mpf(a), mp.mpf(b)
            low = mp.log(mp.betainc(am, bm, 0, 1.5 * MIN, regularized=True))
            high = mp.log(mp.betainc(bm, am, 0, 1.5 * mp.mpf(2) ** -53, regularized=True))
            atoms.append({'a': a, 'b': b, 'logLow': float(low), 'logHigh': float(high)})
    out = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'distributions', 'extreme-shapes.json')
    with open(out, 'w') as f:
        json.dump({'gammaLog': gamma, 'beta': beta, 'studentTTail': tails, 'studentTBeyondMax': beyond, 'betaAtoms': atoms}, f, indent=1)
        f.write('\n')
    print(len(gamma), len(beta), len(tails), len(atoms))


if __name__ == '__main__':
    main()
