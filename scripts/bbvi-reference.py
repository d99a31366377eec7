"""Reference ELBO of Gaussian mean-field VI for Bayesian logistic regression (test/ml/bbvi.test.ts).

Reads the data set that pathwise's syntheticLogistic(key(3), 200, 6) makes (written to a JSON file by the test's
helper), maximizes the ELBO with hand-written reparameterized gradients in NumPy (Adam, many samples per step,
a decaying step size), and prints the optimum's ELBO estimated with 2e6 samples, with its standard error.
Run once; the printed JSON is committed as test/fixtures/ml/bbvi-reference.json.
Usage: python3 scripts/bbvi-reference.py /tmp/bbvi-data.json
"""
import json
import sys

import numpy as np

data = json.load(open(sys.argv[1]))
n, d = data["n"], data["d"]
X = np.array(data["x"]).reshape(n, d)
y = np.array(data["y"])
rng = np.random.default_rng(0)


def elbo_samples(mu, ls, eps):
    w = mu + np.exp(ls) * eps
    logits = w @ X.T
    ll = (logits * y - np.logaddexp(0, logits)).sum(1)
    prior = -0.5 * (w * w).sum(1) - 0.5 * d * np.log(2 * np.pi)
    return ll + prior + ls.sum() + 0.5 * d * (1 + np.log(2 * np.pi))


def grad(mu, ls, eps):
    s = np.exp(ls)
    w = mu + s * eps
    p = 1 / (1 + np.exp(-(w @ X.T)))
    gw = (y - p) @ X - w
    return gw.mean(0), (gw * eps * s).mean(0) + 1


mu, ls = np.zeros(d), np.zeros(d)
m = [np.zeros(d), np.zeros(d)]
v = [np.zeros(d), np.zeros(d)]
for t in range(1, 20001):
    g = grad(mu, ls, rng.standard_normal((256, d)))
    lr = 0.05 / (1 + t / 2000)
    for i, gi in enumerate(g):
        m[i] = 0.9 * m[i] + 0.1 * gi
        v[i] = 0.999 * v[i] + 0.001 * gi * gi
        step = lr * (m[i] / (1 - 0.9 ** t)) / (np.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8)
        if i == 0:
            mu = mu + step
        else:
            ls = ls + step
vals = np.concatenate([elbo_samples(mu, ls, rng.standard_normal((100000, d))) for _ in range(20)])
print(json.dumps({"elbo": vals.mean(), "stderr": vals.std(ddof=1) / np.sqrt(vals.size), "mu": mu.tolist(), "logSigma": ls.tolist(),
                  "data": "syntheticLogistic(key(3), 200, 6)", "method": "NumPy Adam, 256 samples/step, 20000 steps; ELBO by 2e6 samples"}))
