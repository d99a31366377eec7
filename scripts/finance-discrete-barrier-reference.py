"""Exact discretely monitored barrier options under Black-Scholes, for test/finance/barrier.test.ts: the
Broadie-Glasserman-Kou shift is an approximation (error o(sqrt(dt))) and cannot be the truth a Monte Carlo
estimate is held to within 5 standard errors. Computed once; adds 'discreteBarrier' to
test/fixtures/finance/greeks-reference.json.

Method: backward induction over the monitoring dates on a uniform grid in x = ln S over the alive region
[ln H, x_max]. Between dates the log price moves by N(mu*dt, sigma^2*dt), mu = r - q - sigma^2/2; the value
is piecewise linear between grid nodes and each piece is integrated against the Gaussian exactly (the
weights depend only on the node offset: a Toeplitz matrix). A knock-out pays the rebate R at the first
date at which S <= H (down barrier); the barrier is also observed at maturity. Two grids (spacing h and h/2, the strike
on a node) are Richardson-extrapolated; the extrapolation on grids twice as fine gives the error estimate. Greeks: delta and gamma move the spot (first interval only), theta shortens
the first interval (the dates are held in calendar time), vega and rho rerun the induction; all by
Richardson-extrapolated central differences.

Run:  python3 scripts/finance-discrete-barrier-reference.py   (numpy, scipy)
"""
import json
import math

import numpy as np
from scipy.signal import fftconvolve
from scipy.special import ndtr

SQ2PI = math.sqrt(2 * math.pi)


def phi(u):
    return np.exp(-0.5 * u * u) / SQ2PI


def segment_weights(offsets_lo, h, drift, s):
    """For a node at x and the segment [x + offsets_lo, x + offsets_lo + h]: the weights of the segment's
    left and right values in the integral of the linear interpolant against N(x + drift, s^2)."""
    u0 = (offsets_lo - drift) / s
    u1 = (offsets_lo + h - drift) / s
    i0 = ndtr(u1) - ndtr(u0)
    i1 = phi(u0) - phi(u1)                   # integral of u*phi(u) over [u0, u1]
    first = (drift - offsets_lo) * i0 + s * i1   # integral of (y - y_k) p(y) dy
    right = first / h
    return i0 - right, right


class Grid:
    """Uniform nodes from ln H upwards with the strike on a node (the payoff's kink), spacing h."""

    def __init__(self, ln_h, ln_k, x_max, levels):
        self.h = (ln_k - ln_h) / levels
        self.n = int(math.ceil((x_max - ln_h) / self.h)) + 1
        self.x = ln_h + self.h * np.arange(self.n)

    def step(self, v, drift, s):
        """(M v)[j] = integral over the alive region of the interpolated v against N(x_j + drift, s^2): a
        correlation with the segment weights, which depend only on the node offset (cut at 12 s)."""
        h, n = self.h, self.n
        band = int(math.ceil(12 * s / h)) + 2
        d = np.arange(-band, band + 1)
        wl, wr = segment_weights(d * h, h, drift, s)
        left = np.pad(v[:-1], (band, band + 1))
        right = np.pad(v[1:], (band, band + 1))
        # correlation = convolution with the reversed kernel, by FFT
        return fftconvolve(left, wl[::-1], 'valid') + fftconvolve(right, wr[::-1], 'valid')

    def row(self, x0, drift, s):
        """The same integral for one starting point x0 (not necessarily a node)."""
        lo = self.x[:-1] - x0
        wl, wr = segment_weights(lo, self.h, drift, s)
        r = np.zeros(self.n)
        r[:-1] += wl
        r[1:] += wr
        return r


def down_out(c, levels, spot=None, vol=None, rate=None, first=None):
    """Down-and-out call/put with rebate at the breach date; returns the value at time 0."""
    S = c['spot'] if spot is None else spot
    sigma = c['vol'] if vol is None else vol
    r = c['rate'] if rate is None else rate
    q, K, H, R, T, m = c['dividend'], c['strike'], c['barrier'], c.get('rebate', 0.0), c['maturity'], c['steps']
    w = 1 if c['option'] == 'call' else -1
    dt = T / m
    dt1 = dt if first is None else first
    mu = r - q - 0.5 * sigma * sigma
    ln_h = math.log(H)
    x_max = math.log(c['spot']) + 12 * c['vol'] * math.sqrt(T) + 1.0
    g = Grid(ln_h, math.log(K), x_max, levels)
    v = np.maximum(w * (np.exp(g.x) - K), 0.0)       # alive at maturity
    s = sigma * math.sqrt(dt)
    breach = ndtr((ln_h - (g.x + mu * dt)) / s)      # P(S <= H at the next date) from each node
    disc = math.exp(-r * dt)
    for _ in range(m - 1):
        v = disc * (g.step(v, mu * dt, s) + R * breach)
    x0 = math.log(S)
    s1 = sigma * math.sqrt(dt1)
    row = g.row(x0, mu * dt1, s1)
    b0 = ndtr((ln_h - (x0 + mu * dt1)) / s1)
    return math.exp(-r * dt1) * (row @ v + R * b0)


LEVELS = 400   # nodes between H and K on the coarse grid; Richardson with twice as many


def converged(c, levels=LEVELS, **kw):
    a = down_out(c, levels, **kw)
    b = down_out(c, 2 * levels, **kw)
    return (4 * b - a) / 3


def bs(c, kind, spot=None, vol=None, rate=None, maturity=None):
    S = c['spot'] if spot is None else spot
    sigma = c['vol'] if vol is None else vol
    r = c['rate'] if rate is None else rate
    T = c['maturity'] if maturity is None else maturity
    q, K = c['dividend'], c['strike']
    sd = sigma * math.sqrt(T)
    d1 = (math.log(S / K) + (r - q + 0.5 * sigma * sigma) * T) / sd
    d2 = d1 - sd
    N = lambda x: 0.5 * math.erfc(-x / math.sqrt(2))
    if kind == 'call':
        return S * math.exp(-q * T) * N(d1) - K * math.exp(-r * T) * N(d2)
    return K * math.exp(-r * T) * N(-d2) - S * math.exp(-q * T) * N(-d1)


def rich(f, x, h):
    d = lambda k: (f(x + k) - f(x - k)) / (2 * k)
    return (4 * d(h / 2) - d(h)) / 3


def rich2(f, x, h):
    f0 = f(x)
    d = lambda k: (f(x + k) - 2 * f0 + f(x - k)) / (k * k)
    return (4 * d(h / 2) - d(h)) / 3


def greeks(c):
    """Price and Greeks of the contract (a down-and-in is the vanilla minus the down-and-out, no rebate)."""
    knock_in = c['type'] == 'down-in'
    dt = c['maturity'] / c['steps']

    def value(**kw):
        v = converged(c, **kw)
        if not knock_in:
            return v
        T = c['maturity'] + (0 if kw.get('first') is None else kw['first'] - dt)
        return bs(c, c['option'], spot=kw.get('spot'), vol=kw.get('vol'), rate=kw.get('rate'), maturity=T) - v

    price = value()
    # the extrapolated price on grids twice as fine: their difference bounds the grid error
    err = abs(converged(c, levels=2 * LEVELS) - converged(c))
    S, sig, r = c['spot'], c['vol'], c['rate']
    out = dict(c)
    out.update(
        price=price,
        gridError=err,
        delta=rich(lambda x: value(spot=x), S, 0.01 * S),
        gamma=rich2(lambda x: value(spot=x), S, 0.02 * S),
        vega=rich(lambda x: value(vol=x), sig, 0.01 * sig),
        rho=rich(lambda x: value(rate=x), r, 0.002),
        theta=-rich(lambda x: value(first=x), dt, 0.2 * dt),
    )
    return out


CASES = [
    dict(spot=100, strike=100, barrier=85, rate=0.05, dividend=0.02, vol=0.25, maturity=1, steps=20, type='down-out', option='call', rebate=2),
    dict(spot=100, strike=100, barrier=90, rate=0.05, dividend=0.02, vol=0.25, maturity=1, steps=20, type='down-in', option='put'),
]


def main():
    path = 'test/fixtures/finance/greeks-reference.json'
    data = json.load(open(path))
    data['discreteBarrier'] = [greeks(c) for c in CASES]
    data['discreteBarrierGeneratedBy'] = 'scripts/finance-discrete-barrier-reference.py'
    json.dump(data, open(path, 'w'), indent=1)
    for row in data['discreteBarrier']:
        print({k: row[k] for k in ('type', 'price', 'gridError', 'delta', 'gamma', 'vega', 'rho', 'theta')})


if __name__ == '__main__':
    main()
