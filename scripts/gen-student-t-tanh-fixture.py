#!/usr/bin/env python3
"""d/dnu E[tanh(loc + T)] for T ~ Student t(nu), by mpmath (30 digits), for the extreme-shape estimator tests.

E[sgn T] = 0 for every nu (symmetry), so d/dnu E[tanh(loc + T)] = int (tanh(loc + t) - sgn t) dp_nu(t)/dnu dt,
whose integrand decays like e^{-2|t|}; dp/dnu = p * dlog p/dnu with
dlog p/dnu = (psi((nu+1)/2) - psi(nu/2))/2 - 1/(2 nu) - log(1 + t^2/nu)/2 + (nu+1) t^2 / (2 nu (nu + t^2)).
Appends to test/fixtures/distributions/extreme-shapes.json.
"""
import json
import os

import mpmath as mp

mp.mp.dps = 30
LOC = mp.mpf(0.5)


def derivative(nu):
    n = mp.mpf(nu)
    c = mp.loggamma((n + 1) / 2) - mp.loggamma(n / 2) - mp.log(n * mp.pi) / 2
    dc = (mp.digamma((n + 1) / 2) - mp.digamma(n / 2)) / 2 - 1 / (2 * n)

    def g(t):
        logp = c - (n + 1) / 2 * mp.log1p(t * t / n)
        dlogp = dc - mp.log1p(t * t / n) / 2 + (n + 1) * t * t / (2 * n * (n + t * t))
        return (mp.tanh(LOC + t) - mp.sign(t)) * mp.exp(logp) * dlogp

    r = mp.sqrt(n)
    pts = sorted({-60, -20, -5, -LOC, -min(r, 1), -min(10 * r, 2), 0, min(r, 1), min(10 * r, 2), 5, 20, 60})
    return float(mp.quad(g, pts))


path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'distributions', 'extreme-shapes.json')
data = json.load(open(path))
data['studentTTanh'] = [{'nu': nu, 'loc': float(LOC), 'dE': derivative(nu)} for nu in [1e-3, 1e-2, 1.0, 1e2, 1e4, 1e6]]
with open(path, 'w') as f:
    json.dump(data, f, indent=1)
    f.write('\n')
print(data['studentTTanh'])
