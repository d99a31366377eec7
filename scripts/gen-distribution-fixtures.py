#!/usr/bin/env python3
"""Reference values for the distribution families (src/distributions/), from SciPy.

For each case: the parameters in pathwise's terms, points x with logProb (and cdf where pathwise has a closed
form), probabilities p with icdf, and mean, variance and entropy. Only the quantities that pathwise implements
are written, so a missing implementation makes the test fail instead of skipping. Non-finite numbers are written
as the strings "NaN", "Infinity", "-Infinity" (JSON has no literal for them).

Families SciPy does not have are computed here from their published formulas with mpmath at 40 digits:
the binary and k-class Concrete densities of Maddison, Mnih & Teh (ICLR 2017), and the von Mises circular
variance 1 - I1(k)/I0(k).

Run:  python3 scripts/gen-distribution-fixtures.py   (a few seconds; writes
test/fixtures/distributions/scipy-reference.json).
"""
import json
import math
import os

import mpmath as mp
import numpy as np
from scipy import special, stats

mp.mp.dps = 40
P = [1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]


def num(v):
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def nums(a):
    return [num(v) for v in np.ravel(a)]


def continuous(params, d, x, cdf=True, icdf=True, mean=True, variance=True, entropy=True):
    case = {'params': params, 'x': nums(x), 'logProb': nums(d.logpdf(x))}
    if cdf:
        case['cdf'] = nums(d.cdf(x))
    if icdf:
        case['p'] = nums(P)
        case['icdf'] = nums(d.ppf(P))
    if mean:
        case['mean'] = num(d.mean())
    if variance:
        case['variance'] = num(d.var())
    if entropy:
        case['entropy'] = num(d.entropy())
    return case


def discrete(params, d, x, cdf=True, entropy=True):
    case = {'params': params, 'x': nums(x), 'logProb': nums(d.logpmf(x)), 'mean': num(d.mean()), 'variance': num(d.var())}
    if cdf:
        case['cdf'] = nums(d.cdf(x))
    if entropy:
        case['entropy'] = num(d.entropy())
    return case


def binary_concrete_log_density(x, tau, logit):
    # Maddison et al. (2017), section 3.3, the binary Concrete density:
    # tau a x^(-tau-1) (1-x)^(-tau-1) / (a x^-tau + (1-x)^-tau)^2
    x, tau, a = mp.mpf(x), mp.mpf(tau), mp.e ** mp.mpf(logit)
    return float(mp.log(tau * a * x ** (-tau - 1) * (1 - x) ** (-tau - 1) / (a * x ** (-tau) + (1 - x) ** (-tau)) ** 2))


def concrete_log_density(x, tau, logits):
    # Maddison et al. (2017), the density p_{a,lambda}(x) = (n-1)! lambda^(n-1) prod(a_k x_k^(-lambda-1)) / (sum a_i x_i^-lambda)^n
    n = len(x)
    tau = mp.mpf(tau)
    a = [mp.e ** mp.mpf(l) for l in logits]
    xs = [mp.mpf(v) for v in x]
    num_ = mp.factorial(n - 1) * tau ** (n - 1)
    for ak, xk in zip(a, xs):
        num_ *= ak * xk ** (-tau - 1)
    den = sum(ai * xi ** (-tau) for ai, xi in zip(a, xs)) ** n
    return float(mp.log(num_ / den))


def main():
    np.seterr(divide='ignore')   # log 0 = -inf is a wanted reference value
    out = {}
    xr = np.array([-3.0, -0.5, 0.0, 0.7, 2.5, 10.0])
    xp = np.array([1e-3, 0.2, 1.0, 2.5, 7.0])
    out['Normal'] = [continuous({'loc': 0.5, 'scale': 2.0}, stats.norm(0.5, 2.0), xr),
                     continuous({'loc': -1.0, 'scale': 0.1}, stats.norm(-1.0, 0.1), xr)]
    out['LogNormal'] = [continuous({'loc': 0.3, 'scale': 0.8}, stats.lognorm(s=0.8, scale=math.exp(0.3)), np.array([-1.0, 0.0, *xp])),
                        continuous({'loc': -2.0, 'scale': 1e-3}, stats.lognorm(s=1e-3, scale=math.exp(-2.0)), np.array([0.135, 0.1353, 0.136]))]
    out['Uniform'] = [continuous({'low': -1.0, 'high': 3.0}, stats.uniform(-1.0, 4.0), np.array([-2.0, -1.0, 0.3, 2.9, 3.5]))]
    out['Exponential'] = [continuous({'rate': 2.5}, stats.expon(scale=1 / 2.5), np.array([-1.0, 0.0, 1e-9, 0.3, 4.0])),
                          continuous({'rate': 1e-3}, stats.expon(scale=1e3), xp)]
    out['Laplace'] = [continuous({'loc': 0.5, 'scale': 2.0}, stats.laplace(0.5, 2.0), xr)]
    out['Logistic'] = [continuous({'loc': -1.0, 'scale': 0.7}, stats.logistic(-1.0, 0.7), np.array([-40.0, -3.0, -1.0, 0.5, 30.0]))]
    out['Gumbel'] = [continuous({'loc': 1.0, 'scale': 2.0}, stats.gumbel_r(1.0, 2.0), xr)]
    out['Cauchy'] = [continuous({'loc': 0.5, 'scale': 1.5}, stats.cauchy(0.5, 1.5), xr)]
    out['Weibull'] = [continuous({'scale': 2.0, 'concentration': 1.5}, stats.weibull_min(1.5, scale=2.0), np.array([-1.0, *xp])),
                      continuous({'scale': 1.0, 'concentration': 0.5}, stats.weibull_min(0.5, scale=1.0), xp),
                      continuous({'scale': 3.0, 'concentration': 1.0}, stats.weibull_min(1.0, scale=3.0), np.array([0.0, 1.0]), icdf=False)]
    out['Gamma'] = [continuous({'concentration': 2.5, 'rate': 1.5}, stats.gamma(2.5, scale=1 / 1.5), xp, cdf=False, icdf=False),
                    continuous({'concentration': 0.3, 'rate': 1.0}, stats.gamma(0.3), xp, cdf=False, icdf=False)]
    out['Beta'] = [continuous({'concentration1': 2.0, 'concentration0': 3.0}, stats.beta(2.0, 3.0), np.array([-0.5, 1e-4, 0.2, 0.5, 0.9, 1.5]), cdf=False, icdf=False),
                   continuous({'concentration1': 0.5, 'concentration0': 0.5}, stats.beta(0.5, 0.5), np.array([1e-4, 0.2, 0.5, 0.9999]), cdf=False, icdf=False),
                   continuous({'concentration1': 1.0, 'concentration0': 1.0}, stats.beta(1.0, 1.0), np.array([0.0, 0.5, 1.0]), cdf=False, icdf=False)]
    out['StudentT'] = [continuous({'df': 3.0, 'loc': 0.5, 'scale': 2.0}, stats.t(3.0, 0.5, 2.0), xr, cdf=False, icdf=False),
                       continuous({'df': 1.5, 'loc': 0.0, 'scale': 1.0}, stats.t(1.5), xr, cdf=False, icdf=False),
                       continuous({'df': 0.8, 'loc': 0.0, 'scale': 1.0}, stats.t(0.8), xr, cdf=False, icdf=False),
                       continuous({'df': 1e4, 'loc': 0.0, 'scale': 1.0}, stats.t(1e4), xr, cdf=False, icdf=False)]
    # SciPy reports the mean of t with df <= 1 as +inf; it does not exist (as for the Cauchy, where SciPy says
    # NaN), and pathwise returns NaN for both.
    out['StudentT'][2]['mean'] = 'NaN'
    xc = np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 3.1])
    vm = []
    for loc, k in [(0.5, 2.0), (-1.0, 50.0), (0.0, 1e-3), (2.0, 1000.0)]:
        d = stats.vonmises(k, loc=loc)
        case = continuous({'loc': loc, 'concentration': k}, d, xc, cdf=False, icdf=False, mean=False, variance=False)
        case['mean'] = loc
        case['variance'] = num(1 - mp.besseli(1, k) / mp.besseli(0, k))
        vm.append(case)
    out['VonMises'] = vm

    out['Bernoulli'] = [discrete({'probs': 0.3}, stats.bernoulli(0.3), np.array([0, 1]))]
    out['Poisson'] = [discrete({'rate': 3.5}, stats.poisson(3.5), np.arange(-1, 15), cdf=False, entropy=False),
                      discrete({'rate': 250.0}, stats.poisson(250.0), np.array([0, 200, 250, 300]), cdf=False, entropy=False)]
    out['Binomial'] = [discrete({'totalCount': 10, 'probs': 0.3}, stats.binom(10, 0.3), np.arange(0, 12), cdf=False, entropy=False),
                       discrete({'totalCount': 5, 'probs': 1.0}, stats.binom(5, 1.0), np.array([4, 5]), cdf=False, entropy=False)]
    out['Geometric'] = [discrete({'probs': 0.25}, stats.geom(0.25, loc=-1), np.arange(-1, 12)),
                        discrete({'probs': 0.999}, stats.geom(0.999, loc=-1), np.array([0, 1, 3]))]
    probs = np.array([0.2, 0.5, 0.3])
    out['Categorical'] = [{'params': {'probs': list(probs)}, 'x': [0, 1, 2, 3, -1], 'logProb': nums([*np.log(probs), -np.inf, -np.inf]),
                           'entropy': num(stats.entropy(probs))},
                          {'params': {'probs': [0.0, 0.25, 0.75]}, 'x': [0, 1, 2], 'logProb': nums(np.log([0.0, 0.25, 0.75])),
                           'entropy': num(stats.entropy([0.0, 0.25, 0.75]))}]

    cov = np.array([[2.0, 0.6, -0.3], [0.6, 1.0, 0.2], [-0.3, 0.2, 0.5]])
    loc = np.array([1.0, -1.0, 0.5])
    pts = np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 0.5], [3.0, 1.0, -2.0]])
    mvn = stats.multivariate_normal(loc, cov)
    base = {'x': pts.tolist(), 'logProb': nums(mvn.logpdf(pts)), 'mean': nums(loc), 'variance': nums(np.diag(cov)),
            'entropy': num(mvn.entropy())}
    out['MultivariateNormal'] = [dict(base, params={'loc': loc.tolist(), 'covariance': cov.tolist()}),
                                 dict(base, params={'loc': loc.tolist(), 'scaleTril': np.linalg.cholesky(cov).tolist()})]

    alpha = [1.0, 2.0, 3.0]
    pts = [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [1e-3, 0.5, 0.499]]
    dd = stats.dirichlet(alpha)
    alpha2 = [0.5, 0.5, 2.0]
    dd2 = stats.dirichlet(alpha2)
    out['Dirichlet'] = [{'params': {'concentration': alpha}, 'x': pts, 'logProb': nums([dd.logpdf(p) for p in pts]),
                         'mean': nums(dd.mean()), 'variance': nums(dd.var()), 'entropy': num(dd.entropy())},
                        {'params': {'concentration': alpha2}, 'x': pts, 'logProb': nums([dd2.logpdf(p) for p in pts]),
                         'mean': nums(dd2.mean()), 'variance': nums(dd2.var()), 'entropy': num(dd2.entropy())}]

    xs = [1e-6, 0.1, 0.5, 0.9, 1 - 1e-6]
    out['RelaxedBernoulli'] = [{'params': {'temperature': t, 'logits': l}, 'x': xs,
                                'logProb': [binary_concrete_log_density(x, t, l) for x in xs]}
                               for t, l in [(0.5, 1.2), (2.0, -0.5), (0.1, 3.0)]]
    pts = [[0.2, 0.3, 0.5], [0.98, 0.01, 0.01], [1e-5, 0.5, 0.5 - 1e-5]]
    out['RelaxedOneHotCategorical'] = [{'params': {'temperature': t, 'logits': l}, 'x': pts,
                                        'logProb': [concrete_log_density(p, t, l) for p in pts]}
                                       for t, l in [(0.5, [1.0, 0.0, -1.0]), (2.0, [0.3, 0.3, -2.0])]]

    # Far tails, compared at a relative tolerance (small probabilities must keep their digits).
    tails = {'Cauchy': (0, [-1e6, -50.0]), 'Exponential': (0, [1e-12, 1e-300]), 'Laplace': (0, [-60.0]),
             'Logistic': (0, [-40.0]), 'Gumbel': (0, [-3.0]), 'Weibull': (0, [1e-8]), 'LogNormal': (0, [1e-3]),
             'Normal': (0, [-20.0])}
    scipy_of = {'Cauchy': stats.cauchy(0.5, 1.5), 'Exponential': stats.expon(scale=1 / 2.5), 'Laplace': stats.laplace(0.5, 2.0),
                'Logistic': stats.logistic(-1.0, 0.7), 'Gumbel': stats.gumbel_r(1.0, 2.0),
                'Weibull': stats.weibull_min(1.5, scale=2.0), 'LogNormal': stats.lognorm(s=0.8, scale=math.exp(0.3)),
                'Normal': stats.norm(0.5, 2.0)}
    for fam, (i, xs) in tails.items():
        out[fam][i]['tail'] = {'x': xs, 'cdf': nums(scipy_of[fam].cdf(np.array(xs)))}

    path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'distributions', 'scipy-reference.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write('\n')
    print('wrote', os.path.normpath(path))


if __name__ == '__main__':
    main()
