"""Reference values for the AD engine's special functions, computed once with mpmath at 50 digits.
Run: python3 scripts/gen-special-fixtures.py > test/fixtures/ad/special.json"""
import json
import mpmath as mp

mp.mp.dps = 50

def ncdf(x):
    return mp.ncdf(x)

def quantile(p):
    """Φ⁻¹(p) for the exact binary value of p; the lower tail is solved on the log scale, where
    1 − 2p would round to 1 even at 50 digits."""
    p = mp.mpf(p)
    q = min(p, 1 - p)
    z = -mp.sqrt(2) * mp.erfinv(1 - 2 * q) if q > mp.mpf(10) ** -30 else \
        mp.findroot(lambda z: mp.log(ncdf(z)) - mp.log(q), -mp.sqrt(-2 * mp.log(q)))
    return z if p <= 0.5 else -z

out = {
    "normLogCdf": [[x, float(mp.log(ncdf(x)))] for x in [-1e4, -1e3, -200, -40, -38.5, -10, -5, -1.5, -1, -0.5, 0, 0.5, 1, 3, 8, 10, 30]],
    "invMillsRatio": [[x, float(mp.npdf(x) / ncdf(x))] for x in [-1e4, -1e3, -40, -10, -1, 0, 2, 10]],
    "normQuantile": [[p, float(quantile(p))]
                     for p in [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10]],
    "lgamma": [[x, float(mp.loggamma(x).real)] for x in [0.01, 0.5, 1, 2.5, 10, 100, 1e5]],
    "digamma": [[x, float(mp.digamma(x))] for x in [0.01, 0.5, 1, 2.5, 10, 100, 1e5]],
    "polygamma": [[n, x, float(mp.polygamma(n, x))] for n in [1, 2, 3, 5] for x in [0.01, 0.5, 1, 2.5, 10, 100, -0.5, -2.5]],
    "erfc": [[x, float(mp.erfc(x))] for x in [-3, -0.5, 0, 0.5, 3, 10, 26]],
}
print(json.dumps(out, indent=1))
