#!/usr/bin/env python3
"""Reference values for test/finance/closed-form/, written to test/fixtures/finance/closed-form-reference.json.

Run once from the repository root:  python3 scripts/closed-form-reference.py
Needs numpy, scipy and mpmath. The tests read the JSON and never need Python.

Each block is computed by a method independent of the TypeScript code it checks:
- heston: Heston's (1993) original P1/P2 characteristic functions (not the little-trap form the library
  uses), integrated by mpmath at 30 digits; delta = e^{-qT} P1.
- hestonHard: harder parameter sets (T = 10 with ξ = 1 and ρ = -0.9, one-day maturity, deep out of the
  money, ξ = 2, v0 = 0) where Heston's original form can cross the log's branch cut; computed from the
  little-trap form (Albrecher et al. 2007) in mpmath at 30 digits with separate P1/P2 integrals, so it
  checks the library's numerics (single combined integral, domain map, cancellation-free rewriting,
  adaptive Gauss-Kronrod) rather than the formula.
- bsGreeks: Black-Scholes Greeks by mpmath numerical differentiation of the price at 30 digits.
- discreteBarrier: the exact price of a discretely monitored knock-out call by backward induction with the
  exact Gaussian transition density of ln S over each monitoring interval (a quadrature on a fine grid),
  to check the Broadie-Glasserman-Kou shift.
"""
import json
import math
import os

import mpmath as mp
import numpy as np
from scipy.stats import norm

mp.mp.dps = 30


def heston_original(S, K, r, q, T, v0, kappa, theta, xi, rho):
    """Heston (1993) eqs. (17)-(18); returns (call price, P1)."""
    S, K, r, q, T = map(mp.mpf, (S, K, r, q, T))
    v0, kappa, theta, xi, rho = map(mp.mpf, (v0, kappa, theta, xi, rho))
    x = mp.log(S)

    def f(j, phi):
        u = mp.mpf('0.5') if j == 1 else mp.mpf('-0.5')
        b = kappa - rho * xi if j == 1 else kappa
        i = mp.mpc(0, 1)
        d = mp.sqrt((rho * xi * phi * i - b) ** 2 - xi**2 * (2 * u * phi * i - phi**2))
        g = (b - rho * xi * phi * i + d) / (b - rho * xi * phi * i - d)
        C = (r - q) * phi * i * T + kappa * theta / xi**2 * (
            (b - rho * xi * phi * i + d) * T - 2 * mp.log((1 - g * mp.exp(d * T)) / (1 - g)))
        D = (b - rho * xi * phi * i + d) / xi**2 * (1 - mp.exp(d * T)) / (1 - g * mp.exp(d * T))
        return mp.exp(C + D * v0 + i * phi * x)

    def P(j):
        integrand = lambda phi: mp.re(mp.exp(-mp.mpc(0, 1) * phi * mp.log(K)) * f(j, phi) / (mp.mpc(0, 1) * phi))
        return mp.mpf('0.5') + mp.quad(integrand, [0, 1, 5, 20, 60, 200, mp.inf]) / mp.pi

    P1, P2 = P(1), P(2)
    call = S * mp.exp(-q * T) * P1 - K * mp.exp(-r * T) * P2
    return call, P1


def heston_cases():
    cases = [
        # QuantLib hestonmodel.cpp testAnalyticVsCached (expected 0.0404774515)
        dict(spot=1.0, strike=1.05, rate=0.0225, dividend=0.02, maturity=0.249277640542,
             v0=0.1, kappa=3.16, theta=0.09, xi=0.4, rho=-0.2),
        dict(spot=100.0, strike=100.0, rate=0.05, dividend=0.0, maturity=1.0,
             v0=0.04, kappa=2.0, theta=0.04, xi=0.3, rho=-0.7),
        dict(spot=100.0, strike=80.0, rate=0.03, dividend=0.01, maturity=0.5,
             v0=0.09, kappa=1.5, theta=0.06, xi=0.6, rho=-0.5),
        dict(spot=100.0, strike=120.0, rate=0.03, dividend=0.01, maturity=2.0,
             v0=0.02, kappa=0.8, theta=0.05, xi=0.5, rho=0.3),
    ]
    out = []
    for c in cases:
        call, p1 = heston_original(c['spot'], c['strike'], c['rate'], c['dividend'], c['maturity'],
                                   c['v0'], c['kappa'], c['theta'], c['xi'], c['rho'])
        T = c['maturity']
        put = call - c['spot'] * mp.exp(-c['dividend'] * T) + c['strike'] * mp.exp(-c['rate'] * T)
        disc_q = mp.exp(-c['dividend'] * T)
        out.append(dict(c, call=float(call), put=float(put),
                        callDelta=float(disc_q * p1), putDelta=float(disc_q * (p1 - 1))))
    return out


def heston_little_trap(S, K, r, q, T, v0, kappa, theta, xi, rho):
    """Little-trap characteristic function, P1 and P2 integrated separately; returns (call, P1)."""
    S, K, r, q, T = map(mp.mpf, (S, K, r, q, T))
    v0, kappa, theta, xi, rho = map(mp.mpf, (v0, kappa, theta, xi, rho))
    i = mp.mpc(0, 1)

    def cf(u):
        beta = kappa - rho * xi * i * u
        d = mp.sqrt(beta**2 + xi**2 * (u**2 + i * u))
        g = (beta - d) / (beta + d)
        e = mp.exp(-d * T)
        C = kappa * theta / xi**2 * ((beta - d) * T - 2 * mp.log((1 - g * e) / (1 - g)))
        D = v0 / xi**2 * (beta - d) * (1 - e) / (1 - g * e)
        return mp.exp(i * u * (mp.log(S) + (r - q) * T) + C + D)

    F = S * mp.exp((r - q) * T)
    k = mp.log(K)
    pts = [0, 1, 5, 20, 100, 500, mp.inf]
    P1 = mp.mpf('0.5') + mp.quad(lambda u: mp.re(mp.exp(-i * u * k) * cf(u - i) / (i * u * F)), pts) / mp.pi
    P2 = mp.mpf('0.5') + mp.quad(lambda u: mp.re(mp.exp(-i * u * k) * cf(u) / (i * u)), pts) / mp.pi
    return S * mp.exp(-q * T) * P1 - K * mp.exp(-r * T) * P2, P1


def heston_hard_cases():
    cases = [
        dict(spot=100.0, strike=100.0, rate=0.03, dividend=0.0, maturity=10.0,
             v0=0.04, kappa=0.5, theta=0.04, xi=1.0, rho=-0.9),
        dict(spot=100.0, strike=105.0, rate=0.03, dividend=0.0, maturity=1 / 365,
             v0=0.04, kappa=2.0, theta=0.04, xi=0.5, rho=-0.7),
        dict(spot=100.0, strike=200.0, rate=0.03, dividend=0.0, maturity=1.0,
             v0=0.04, kappa=2.0, theta=0.04, xi=0.5, rho=-0.7),
        dict(spot=100.0, strike=90.0, rate=0.03, dividend=0.01, maturity=0.5,
             v0=0.09, kappa=5.0, theta=0.06, xi=2.0, rho=0.5),
        dict(spot=100.0, strike=100.0, rate=0.02, dividend=0.0, maturity=1.0,
             v0=0.0, kappa=3.0, theta=0.05, xi=0.4, rho=-0.5),
    ]
    out = []
    for c in cases:
        call, p1 = heston_little_trap(c['spot'], c['strike'], c['rate'], c['dividend'], c['maturity'],
                                      c['v0'], c['kappa'], c['theta'], c['xi'], c['rho'])
        out.append(dict(c, call=float(call), callDelta=float(mp.exp(-c['dividend'] * c['maturity']) * p1)))
    return out


def bs_price(S, K, r, q, sigma, T, w):
    sd = sigma * mp.sqrt(T)
    d1 = (mp.log(S / K) + (r - q + sigma**2 / 2) * T) / sd
    d2 = d1 - sd
    return w * (S * mp.exp(-q * T) * mp.ncdf(w * d1) - K * mp.exp(-r * T) * mp.ncdf(w * d2))


def bs_greeks_cases():
    cases = [
        dict(spot=100.0, strike=100.0, rate=0.05, dividend=0.0, vol=0.2, maturity=1.0),
        dict(spot=42.0, strike=40.0, rate=0.1, dividend=0.0, vol=0.2, maturity=0.5),
        dict(spot=105.0, strike=95.0, rate=0.03, dividend=0.07, vol=0.35, maturity=2.0),
        dict(spot=80.0, strike=120.0, rate=-0.01, dividend=0.02, vol=0.15, maturity=0.25),
    ]
    out = []
    for c in cases:
        for kind, w in (('call', 1), ('put', -1)):
            S, K, r, q, s, T = (mp.mpf(c[k]) for k in ('spot', 'strike', 'rate', 'dividend', 'vol', 'maturity'))
            price = bs_price(S, K, r, q, s, T, w)
            out.append(dict(c, kind=kind,
                            price=float(price),
                            delta=float(mp.diff(lambda x: bs_price(x, K, r, q, s, T, w), S)),
                            gamma=float(mp.diff(lambda x: bs_price(x, K, r, q, s, T, w), S, 2)),
                            vega=float(mp.diff(lambda x: bs_price(S, K, r, q, x, T, w), s)),
                            rho=float(mp.diff(lambda x: bs_price(S, K, x, q, s, T, w), r)),
                            theta=float(-mp.diff(lambda x: bs_price(S, K, r, q, s, x, w), T))))
    return out


def discrete_knock_out_call(S, K, H, r, q, sigma, T, m, direction, n):
    """Exact (to grid accuracy) price of a knock-out call monitored at iT/m, i = 1..m."""
    dt = T / m
    drift = (r - q - 0.5 * sigma**2) * dt
    sd = sigma * math.sqrt(dt)
    width = 8 * sigma * math.sqrt(T) + 1.0
    if direction == 'up':
        lo, hi = math.log(S) - width, math.log(H)
    else:
        lo, hi = math.log(H), math.log(S) + width
    x = np.linspace(lo, hi, n)
    h = x[1] - x[0]
    wts = np.full(n, h)
    wts[0] = wts[-1] = h / 2  # trapezoid on the alive region; the value is 0 beyond the barrier
    kernel = norm.pdf((x[None, :] - x[:, None] - drift) / sd) / sd * wts[None, :] * math.exp(-r * dt)
    # The grid covers only the region where the option is alive; its end node at the barrier carries the
    # limit of the value from inside, so the trapezoid rule stays second order despite the knock-out jump.
    v = np.maximum(np.exp(x) - K, 0.0)
    for _ in range(m - 1):
        v = kernel @ v
    x0 = math.log(S)
    k0 = norm.pdf((x - x0 - drift) / sd) / sd * wts * math.exp(-r * dt)
    return float(k0 @ v)


def discrete_barrier_cases():
    cases = []
    # Broadie-Glasserman-Kou's test setting: up-and-out call, S = 110, K = 100, sigma = 0.3, r = 0.1, T = 0.2, m = 50
    for H in (155.0, 145.0, 135.0, 125.0, 120.0, 115.0):
        cases.append(dict(spot=110.0, strike=100.0, barrier=H, rate=0.1, dividend=0.0, vol=0.3,
                          maturity=0.2, monitorings=50, direction='up'))
    # Haug's down-and-out setting with about daily monitoring
    for H in (85.0, 90.0, 95.0):
        cases.append(dict(spot=100.0, strike=100.0, barrier=H, rate=0.08, dividend=0.04, vol=0.25,
                          maturity=0.5, monitorings=126, direction='down'))
    out = []
    for c in cases:
        args = (c['spot'], c['strike'], c['barrier'], c['rate'], c['dividend'], c['vol'], c['maturity'],
                c['monitorings'], c['direction'])
        coarse = discrete_knock_out_call(*args, n=2001)
        fine = discrete_knock_out_call(*args, n=4001)
        # The grid error is O(h^2) (checked: halving h divides the change by ~4), so Richardson
        # extrapolation removes it; |fine - coarse|/3 bounds what is left generously.
        out.append(dict(c, price=fine + (fine - coarse) / 3, gridError=abs(fine - coarse) / 3))
    return out


def main():
    data = dict(
        generatedBy='scripts/closed-form-reference.py',
        heston=heston_cases(),
        hestonHard=heston_hard_cases(),
        bsGreeks=bs_greeks_cases(),
        discreteBarrier=discrete_barrier_cases(),
    )
    path = os.path.join('test', 'fixtures', 'finance', 'closed-form-reference.json')
    with open(path, 'w') as fh:
        json.dump(data, fh, indent=2)
        fh.write('\n')
    print(json.dumps(data, indent=2))


if __name__ == '__main__':
    main()
