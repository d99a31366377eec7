"""Reference values for the finance Greeks tests, computed once and committed as
test/fixtures/finance/greeks-reference.json (tests never need Python).

  barrier      Reiner-Rubinstein single-barrier prices (Haug's A-F table, written out again here in mpmath at
               40 digits) and their Greeks by mpmath's high-precision numerical differentiation, plus
               QuantLib's AnalyticBarrierEngine price where Debian's python3-quantlib is importable.
  asian        QuantLib's AnalyticDiscreteGeometricAveragePriceAsianEngine on explicit fixing dates:
               price, delta, gamma, vega, rho and theta (calendar time, fixing dates held).
  discreteBarrier  exact discretely monitored barrier prices by backward quadrature over the monitoring
               dates (no BGK approximation), and their Greeks by Richardson differences; theta shortens the
               first interval only (dates held in calendar time).
  heston       QuantLib's AnalyticHestonEngine price, and delta/vega (vega = dV/d sqrt(v0)) by Richardson
               differences, for parameters that violate the Feller condition.

Run:  /usr/bin/python3 scripts/finance-greeks-reference.py   (needs mpmath, numpy, scipy; QuantLib optional)
"""
import json
import math
import sys

import mpmath as mp

mp.mp.dps = 40

try:
    import QuantLib as ql
except ImportError:  # QuantLib columns are left out
    ql = None


# ---------------------------------------------------------------- barrier (Reiner-Rubinstein, Haug 4.17.1)

def rr_price(S, K, H, r, q, sigma, T, kind, direction, knock, rebate=0, dt=None):
    """Haug's A..F combination; a BGK shift exp(+-0.5826 sigma sqrt(dt)) when dt is given."""
    S, K, H, r, q, sigma, T, rebate = (mp.mpf(v) for v in (S, K, H, r, q, sigma, T, rebate))
    eta = 1 if direction == 'down' else -1
    if dt is not None:
        beta = -mp.zeta(mp.mpf(1) / 2) / mp.sqrt(2 * mp.pi)
        H = H * mp.exp(-eta * beta * sigma * mp.sqrt(mp.mpf(dt)))
    phi = 1 if kind == 'call' else -1
    b = r - q
    N = mp.ncdf
    mu = (b - sigma ** 2 / 2) / sigma ** 2
    lam = mp.sqrt(mu ** 2 + 2 * r / sigma ** 2)
    sT = sigma * mp.sqrt(T)
    x1 = mp.log(S / K) / sT + (1 + mu) * sT
    x2 = mp.log(S / H) / sT + (1 + mu) * sT
    y1 = mp.log(H ** 2 / (S * K)) / sT + (1 + mu) * sT
    y2 = mp.log(H / S) / sT + (1 + mu) * sT
    z = mp.log(H / S) / sT + lam * sT
    eq, er = mp.exp(-q * T), mp.exp(-r * T)
    A = phi * S * eq * N(phi * x1) - phi * K * er * N(phi * x1 - phi * sT)
    B = phi * S * eq * N(phi * x2) - phi * K * er * N(phi * x2 - phi * sT)
    C = phi * S * eq * (H / S) ** (2 * (mu + 1)) * N(eta * y1) - phi * K * er * (H / S) ** (2 * mu) * N(eta * y1 - eta * sT)
    D = phi * S * eq * (H / S) ** (2 * (mu + 1)) * N(eta * y2) - phi * K * er * (H / S) ** (2 * mu) * N(eta * y2 - eta * sT)
    E = rebate * er * (N(eta * x2 - eta * sT) - (H / S) ** (2 * mu) * N(eta * y2 - eta * sT))
    F = rebate * ((H / S) ** (mu + lam) * N(eta * z) + (H / S) ** (mu - lam) * N(eta * z - 2 * eta * lam * sT))
    above = K > H
    table = {
        ('down', 'in', 'call'): C + E if above else A - B + D + E,
        ('up', 'in', 'call'): A + E if above else B - C + D + E,
        ('down', 'in', 'put'): B - C + D + E if above else A + E,
        ('up', 'in', 'put'): A - B + D + E if above else C + E,
        ('down', 'out', 'call'): A - C + F if above else B - D + F,
        ('up', 'out', 'call'): F if above else A - B + C - D + F,
        ('down', 'out', 'put'): A - B + C - D + F if above else F,
        ('up', 'out', 'put'): B - D + F if above else A - C + F,
    }
    return table[(direction, knock, kind)]


BARRIER_CASES = [
    # the brief's short up-and-out call near the barrier, where a 1 %-of-S difference step was too coarse
    dict(spot=100, strike=95, barrier=110, rate=0.05, dividend=0.0, vol=0.25, maturity=0.05, kind='call', direction='up', knock='out'),
    dict(spot=100, strike=100, barrier=90, rate=0.05, dividend=0.02, vol=0.3, maturity=1, kind='call', direction='down', knock='out'),
    dict(spot=100, strike=90, barrier=95, rate=0.08, dividend=0.04, vol=0.25, maturity=0.5, kind='call', direction='down', knock='out', rebate=3),
    dict(spot=100, strike=100, barrier=95, rate=0.08, dividend=0.04, vol=0.3, maturity=0.5, kind='put', direction='down', knock='in', rebate=3),
    dict(spot=100, strike=105, barrier=103, rate=0.03, dividend=0.01, vol=0.2, maturity=0.25, kind='call', direction='up', knock='in'),
    dict(spot=100, strike=95, barrier=120, rate=0.04, dividend=0.02, vol=0.35, maturity=2, kind='put', direction='up', knock='out', rebate=1.5),
    dict(spot=100, strike=110, barrier=97, rate=0.02, dividend=0.03, vol=0.4, maturity=0.75, kind='put', direction='down', knock='out'),
    dict(spot=100, strike=90, barrier=115, rate=0.06, dividend=0.0, vol=0.22, maturity=1.5, kind='put', direction='up', knock='in', rebate=2),
    dict(spot=100, strike=100, barrier=85, rate=0.05, dividend=0.02, vol=0.25, maturity=1, kind='call', direction='down', knock='out', rebate=2, monitoringInterval=0.05),
    dict(spot=100, strike=95, barrier=130, rate=0.05, dividend=0.02, vol=0.25, maturity=1, kind='call', direction='up', knock='out', monitoringInterval=0.05),
]


def barrier_row(c):
    def f(S=c['spot'], sigma=c['vol'], r=c['rate'], T=c['maturity']):
        return rr_price(S, c['strike'], c['barrier'], r, c['dividend'], sigma, T, c['kind'], c['direction'], c['knock'],
                        c.get('rebate', 0), c.get('monitoringInterval'))
    S, sig, r, T = (mp.mpf(c[k]) for k in ('spot', 'vol', 'rate', 'maturity'))
    row = dict(c)
    row['price'] = float(f())
    row['delta'] = float(mp.diff(lambda v: f(S=v), S))
    row['gamma'] = float(mp.diff(lambda v: f(S=v), S, 2))
    row['vega'] = float(mp.diff(lambda v: f(sigma=v), sig))
    row['rho'] = float(mp.diff(lambda v: f(r=v), r))
    row['theta'] = float(-mp.diff(lambda v: f(T=v), T))
    if ql is not None and 'monitoringInterval' not in c:
        row['quantlibPrice'] = quantlib_barrier(c)
    return row


def quantlib_barrier(c):
    today = ql.Date(1, 1, 2030)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual360()
    # maturity as an exact year fraction of whole days (Actual/360 makes the test maturities whole)
    days = c['maturity'] * 360
    mat = today + int(round(days))
    T = (mat - today) / 360.0
    if abs(T - c['maturity']) > 1e-12:
        return None
    spot = ql.QuoteHandle(ql.SimpleQuote(c['spot']))
    proc = ql.BlackScholesMertonProcess(
        spot, ql.YieldTermStructureHandle(ql.FlatForward(today, c['dividend'], dc)),
        ql.YieldTermStructureHandle(ql.FlatForward(today, c['rate'], dc)),
        ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), c['vol'], dc)))
    btype = {('down', 'in'): ql.Barrier.DownIn, ('up', 'in'): ql.Barrier.UpIn,
             ('down', 'out'): ql.Barrier.DownOut, ('up', 'out'): ql.Barrier.UpOut}[(c['direction'], c['knock'])]
    payoff = ql.PlainVanillaPayoff(ql.Option.Call if c['kind'] == 'call' else ql.Option.Put, c['strike'])
    opt = ql.BarrierOption(btype, c['barrier'], c.get('rebate', 0.0), payoff, ql.EuropeanExercise(mat))
    opt.setPricingEngine(ql.AnalyticBarrierEngine(proc))
    return opt.NPV()


# ---------------------------------------------------------------- geometric Asian (QuantLib)

ASIAN_CASES = [
    dict(spot=100, strike=100, rate=0.06, dividend=0.03, vol=0.2, kind='call', days=[36, 73, 110, 146, 183, 219, 256, 292, 329, 365]),
    dict(spot=100, strike=95, rate=0.04, dividend=0.02, vol=0.25, kind='put', days=[46 * i for i in range(1, 13)]),
    dict(spot=90, strike=100, rate=0.01, dividend=0.0, vol=0.4, kind='call', days=[30, 60, 90, 120]),
]


def asian_row(c):
    today = ql.Date(1, 1, 2030)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual365Fixed()
    dates = [today + d for d in c['days']]
    proc = ql.BlackScholesMertonProcess(
        ql.QuoteHandle(ql.SimpleQuote(c['spot'])), ql.YieldTermStructureHandle(ql.FlatForward(today, c['dividend'], dc)),
        ql.YieldTermStructureHandle(ql.FlatForward(today, c['rate'], dc)),
        ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), c['vol'], dc)))
    payoff = ql.PlainVanillaPayoff(ql.Option.Call if c['kind'] == 'call' else ql.Option.Put, c['strike'])
    opt = ql.DiscreteAveragingAsianOption(ql.Average.Geometric, 1.0, 0, dates, payoff, ql.EuropeanExercise(dates[-1]))
    opt.setPricingEngine(ql.AnalyticDiscreteGeometricAveragePriceAsianEngine(proc))
    row = {k: v for k, v in c.items() if k != 'days'}
    row['fixings'] = [d / 365 for d in c['days']]
    row['maturity'] = c['days'][-1] / 365
    row.update(price=opt.NPV(), delta=opt.delta(), gamma=opt.gamma(), vega=opt.vega(), rho=opt.rho(), theta=opt.theta())
    return row


# ---------------------------------------------------------------- Heston (QuantLib AnalyticHestonEngine)

HESTON_CASES = [
    # Feller violated: 2*kappa*theta = 0.16 < xi^2 = 1
    dict(spot=90, strike=110, rate=0.05, dividend=0.02, vol=0.3, maturity=2, kappa=2, theta=0.04, xi=1, rho=-0.7, kind='put'),
    dict(spot=100, strike=100, rate=0.03, dividend=0.01, vol=0.2, maturity=1, kappa=1, theta=0.04, xi=1, rho=-0.7, kind='call'),
]


def heston_price(c, spot=None, vol=None):
    today = ql.Date(1, 1, 2030)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual360()
    mat = today + int(round(c['maturity'] * 360))
    S = c['spot'] if spot is None else spot
    v = c['vol'] if vol is None else vol
    proc = ql.HestonProcess(ql.YieldTermStructureHandle(ql.FlatForward(today, c['rate'], dc)),
                            ql.YieldTermStructureHandle(ql.FlatForward(today, c['dividend'], dc)),
                            ql.QuoteHandle(ql.SimpleQuote(S)), v * v, c['kappa'], c['theta'], c['xi'], c['rho'])
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Call if c['kind'] == 'call' else ql.Option.Put, c['strike']),
                           ql.EuropeanExercise(mat))
    # Gauss-Laguerre with many nodes and a tight relative tolerance: prices to ~1e-12
    opt.setPricingEngine(ql.AnalyticHestonEngine(ql.HestonModel(proc), 1e-13, 100000))
    return opt.NPV()


def richardson(f, x, h):
    d = lambda k: (f(x + k) - f(x - k)) / (2 * k)
    return (4 * d(h / 2) - d(h)) / 3


def heston_row(c):
    row = dict(c)
    row['price'] = heston_price(c)
    row['delta'] = richardson(lambda S: heston_price(c, spot=S), c['spot'], 1e-2 * c['spot'])
    row['vega'] = richardson(lambda v: heston_price(c, vol=v), c['vol'], 1e-2 * c['vol'])
    return row


def main():
    out = {'generatedBy': 'scripts/finance-greeks-reference.py', 'quantlib': ql.__version__ if ql else None}
    out['barrier'] = [barrier_row(c) for c in BARRIER_CASES]
    if ql is not None:
        out['asian'] = [asian_row(c) for c in ASIAN_CASES]
        out['heston'] = [heston_row(c) for c in HESTON_CASES]
    json.dump(out, open('test/fixtures/finance/greeks-reference.json', 'w'), indent=1)


if __name__ == '__main__':
    main()
