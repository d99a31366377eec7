#!/usr/bin/env python3
"""Reference values for the implicit reparameterization kernels (src/distributions/implicit/).

For z ~ q(z; theta) with CDF F, the implicit gradient is dz/dtheta = -(dF/dtheta) / q(z; theta)
(Figurnov, Mohamed & Mnih 2018). Here dF/dtheta is taken from mpmath at 50 significant digits:

* Gamma(alpha, 1):  F = regularized lower incomplete gamma P(alpha, z); dF/dalpha by mpmath.diff.
* Beta(a, b):       F = regularized incomplete beta I_z(a, b); dF/da, dF/db by mpmath.diff.
* vonMises(0, k):   dz/dk = int_{-pi}^{z} exp(k (cos t - cos z)) (A(k) - cos t) dt with A = I1(k)/I0(k)
                    (the derivative taken under the integral sign), by mpmath.quad; near the mode,
                    by the equal integral over [z, 0] (that form has no cancellation there).

In the upper half of each distribution the complement (1 - F) is differentiated instead (for Beta as
I_{1-z}(b, a)), so the reference never differentiates a number close to 1. The sample points z are float64 quantiles (SciPy) for the
probabilities in PROBS; the reference is computed at the exact float64 value of z, which is what the
TypeScript kernel receives. Points whose z underflows or rounds to the boundary are dropped.

Run:  python3 scripts/gen-implicit-reparam-fixtures.py   (about a minute; writes
test/fixtures/distributions/implicit-reparam.json).
"""
import json
import os
from multiprocessing import Pool

import mpmath as mp
import numpy as np
from scipy import special, stats

mp.mp.dps = 50

PROBS = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999,
         1 - 1e-4, 1 - 1e-5, 1 - 1e-6]
GAMMA_SHAPES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.37, 0.5, 0.9, 1.0, 1.5, 2.0, 3.0, 3.7, 5.0, 10.0, 20.0,
                50.0, 100.0, 200.0, 270.3, 500.0, 1000.0]
BETA_SHAPES = [0.01, 0.05, 0.1, 0.37, 0.5, 1.0, 2.0, 3.7, 5.0, 10.0, 50.0, 100.0, 270.3, 1000.0]
VON_MISES_KAPPAS = [0.01, 0.1, 0.5, 1.0, 2.0, 3.7, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]

# Beyond the quantile grid: points near the support's boundaries (tail probabilities far below 1e-6) and
# on both sides of the points where the kernels switch method, where a regime boundary could hide an error.
GAMMA_LOW_Z = [1e-300, 1e-100, 1e-10]
GAMMA_UPPER_TAIL = [1e-10, 1e-50, 1e-300]  # z with Q(alpha, z) equal to these
BETA_EDGE_Z = [1e-300, 1e-100, 1e-10, 1 - 1e-10, 1 - 2.0**-52, 1 - 2.0**-53]
VON_MISES_EDGE_Z = [-np.pi, -np.pi + 1e-12, -np.pi + 1e-6, -np.pi + 1e-2, -1e-8, -1e-300]
SWITCH_OFFSETS = [1 - 1e-3, 1 - 1e-9, 1.0, 1 + 1e-9, 1 + 1e-3]

TINY = 1e-300


def gamma_case(args):
    alpha, z = args
    a0, zm = mp.mpf(alpha), mp.mpf(z)
    lower = z < alpha
    if lower:
        dF = mp.diff(lambda s: mp.gammainc(s, 0, zm, regularized=True), a0)
    else:
        dF = -mp.diff(lambda s: mp.gammainc(s, zm, mp.inf, regularized=True), a0)
    logq = (a0 - 1) * mp.log(zm) - zm - mp.loggamma(a0)
    return {'alpha': alpha, 'z': z, 'dz': float(-dF / mp.exp(logq))}


def beta_case(args):
    a, b, x = args
    am, bm, xm = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    if x < a / (a + b):
        da = mp.diff(lambda s: mp.betainc(s, bm, 0, xm, regularized=True), am)
        db = mp.diff(lambda s: mp.betainc(am, s, 0, xm, regularized=True), bm)
    else:
        # 1 - I_x(a, b) = I_{1-x}(b, a), evaluated from 0: mpmath's betainc(a, b, x, 1) subtracts from 1
        # and loses everything when x is within 1e-10 of 1. 1 - x is exact at this precision.
        ym = 1 - xm
        da = -mp.diff(lambda s: mp.betainc(bm, s, 0, ym, regularized=True), am)
        db = -mp.diff(lambda s: mp.betainc(s, am, 0, ym, regularized=True), bm)
    logq = (am - 1) * mp.log(xm) + (bm - 1) * mp.log1p(-xm) - mp.log(mp.beta(am, bm))
    q = mp.exp(logq)
    return {'a': a, 'b': b, 'z': x, 'dzda': float(-da / q), 'dzdb': float(-db / q)}


def von_mises_integral(k, z):
    """dz/dk for z <= 0 by the definition, with breakpoints that resolve the peak at t = z."""
    A = mp.besseli(1, k) / mp.besseli(0, k)
    cz = mp.cos(z)
    f = lambda t: mp.exp(k * (mp.cos(t) - cz)) * (A - mp.cos(t))
    pts = [-mp.pi]
    for w in [30, 10, 3, 1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001]:
        p = z - mp.mpf(w) / mp.sqrt(k) if k > 1 else z - mp.mpf(w)
        if p > pts[-1] and p < z:
            pts.append(p)
    pts.append(z)
    return mp.quad(f, pts)


def von_mises_near_mode(k, z):
    """The same dz/dk as int_z^0 exp(k (cos t - cos z)) (cos t - A) dt: the form from -pi is a difference
    of two nearly equal halves as z -> 0, and at 50 digits cannot resolve values below ~1e-50."""
    A = mp.besseli(1, k) / mp.besseli(0, k)
    cz = mp.cos(z)
    return mp.quad(lambda t: mp.exp(k * (mp.cos(t) - cz)) * (mp.cos(t) - A), [z, 0])


def von_mises_case(args):
    k, z = args
    km, zm = mp.mpf(k), mp.mpf(z)
    # dz/dk is odd in z (the density is symmetric about 0).
    if z == 0:
        return {'kappa': k, 'z': z, 'dz': 0.0}  # exact: the mode never moves
    w = -abs(zm)
    val = von_mises_near_mode(km, w) if abs(z) < 0.5 / mp.sqrt(1 + km) else von_mises_integral(km, w)
    if z > 0:
        val = -val
    return {'kappa': k, 'z': z, 'dz': float(val)}


def unique_points(values, lo, hi):
    out = []
    for v in values:
        v = float(v)
        if np.isfinite(v) and lo < v < hi and v not in out:
            out.append(v)
    return out


def main():
    gamma_jobs = []
    for alpha in GAMMA_SHAPES:
        zs = list(special.gammaincinv(alpha, PROBS)) + GAMMA_LOW_Z
        zs += list(special.gammainccinv(alpha, GAMMA_UPPER_TAIL))
        # the kernel switches from series to continued fraction at z = exp(digamma(alpha + 1))
        zs += [np.exp(special.digamma(alpha + 1)) * o for o in SWITCH_OFFSETS]
        gamma_jobs += [(alpha, z) for z in unique_points(zs, TINY / 10, np.inf)]
    beta_jobs = []
    for a in BETA_SHAPES:
        for b in BETA_SHAPES:
            zs = list(special.betaincinv(a, b, PROBS)) + BETA_EDGE_Z
            # the kernel switches to the symmetry relation at z = (a + 1)/(a + b + 2)
            zs += [min((a + 1) / (a + b + 2) * o, 1 - 2.0**-53) for o in SWITCH_OFFSETS]
            beta_jobs += [(a, b, z) for z in unique_points(zs, TINY / 10, 1.0)]
    vm_jobs = []
    for k in VON_MISES_KAPPAS:
        zs = list(stats.vonmises.ppf(PROBS, k)) + VON_MISES_EDGE_Z
        # the kernel switches between its two integrals at t* = -arccos(I1/I0)
        t_star = -np.arccos(special.i1e(k) / special.i0e(k))
        zs += [t_star * o for o in SWITCH_OFFSETS]
        zs += [-z for z in zs]  # dz/dkappa is odd: check both signs
        vm_jobs += [(k, z) for z in unique_points(zs, -np.pi - 1e-15, np.pi + 1e-15)]
    with Pool(2) as pool:
        gamma = pool.map(gamma_case, gamma_jobs)
        beta = pool.map(beta_case, beta_jobs, chunksize=8)
        von_mises = pool.map(von_mises_case, vm_jobs)
    out = {
        'description': 'Implicit reparameterization gradients, references at 50 digits (mpmath). '
                       'Generated by scripts/gen-implicit-reparam-fixtures.py; do not edit.',
        'gamma': gamma,
        'beta': beta,
        'vonMises': von_mises,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', 'test', 'fixtures', 'distributions', 'implicit-reparam.json')
    with open(path, 'w') as fh:
        # One record per line: compact, and a regenerated file diffs line by line.
        fh.write('{\n"description": ' + json.dumps(out['description']))
        for key in ('gamma', 'beta', 'vonMises'):
            rows = ',\n'.join(json.dumps(r, separators=(',', ':')) for r in out[key])
            fh.write(f',\n"{key}": [\n{rows}\n]')
        fh.write('\n}\n')
    print(f'wrote {path}: {len(gamma)} gamma, {len(beta)} beta, {len(von_mises)} von Mises points')


if __name__ == '__main__':
    main()
