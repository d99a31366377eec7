"""Reference values for test/ml/energy-distance.test.ts (run once; the JSON is committed).

The squared energy distance of Székely & Rizzo (2013, eq. 2) with within-sample means over distinct pairs
(U-statistics) and the cross term over all pairs, computed from SciPy's pairwise distances (cdist); for 1-D
samples also SciPy's own scipy.stats.energy_distance, whose empirical-distribution form (V-statistics, its
square is 2E|X-Y| - E|X-X'| - E|Y-Y'| over all pairs including i = j) relates to ours by
  ours = scipy² - mean_V|X-X'|/(n-1) - mean_V|Y-Y'|/(m-1)   (the i = j pairs contribute 0).
"""
import json
import numpy as np
from scipy.spatial.distance import cdist
from scipy.stats import energy_distance

rng = np.random.default_rng(20261130)


def ours(x, y):
    n, m = len(x), len(y)
    xy = cdist(x, y).mean()
    xx = cdist(x, x).sum() / (n * (n - 1))
    yy = cdist(y, y).sum() / (m * (m - 1))
    return 2 * xy - xx - yy


cases = []
for (n, m, d, shift) in [(7, 5, 2, 0.8), (12, 9, 3, 0.0), (6, 11, 1, 1.5)]:
    x = rng.normal(size=(n, d)).round(6)
    y = (rng.normal(size=(m, d)) * 1.3 + shift).round(6)
    case = {"x": x.tolist(), "y": y.tolist(), "energy": ours(x, y)}
    if d == 1:
        sc = energy_distance(x[:, 0], y[:, 0])
        case["scipy"] = sc
        case["scipyToOurs"] = sc ** 2 - cdist(x, x).mean() / (n - 1) - cdist(y, y).mean() / (m - 1)
    cases.append(case)
print(json.dumps({"cases": cases}, indent=1))
