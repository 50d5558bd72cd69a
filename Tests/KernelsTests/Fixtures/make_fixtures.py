"""Reference kernel matrices from scikit-learn for QKSim's classical kernel tests.

Run in the peers virtualenv (scikit-learn 1.9.1, numpy 2.4.6):
    /root/.cache/qksim-peers/bin/python make_fixtures.py
Writes X.npy (20 x 4), Y.npy (7 x 4) and, per kernel, <name>_XX.npy = k(X, X) and
<name>_YX.npy = k(Y, X) (the test-versus-train layout), plus gammas.json with the value of
gamma='scale' that scikit-learn's SVC computes for X.
"""
import json

import numpy as np
from sklearn.gaussian_process.kernels import Matern
from sklearn.metrics.pairwise import (laplacian_kernel, linear_kernel, polynomial_kernel,
                                      rbf_kernel, sigmoid_kernel)
from sklearn.svm import SVC

rng = np.random.default_rng(20240611)
X = rng.normal(size=(20, 4)) * np.array([1.0, 0.5, 2.0, 1.5]) + np.array([0.3, -1.0, 0.0, 2.0])
Y = rng.normal(size=(7, 4))
Y[0] = X[3]  # a test point equal to a training point: distance exactly 0
np.save("X.npy", X)
np.save("Y.npy", Y)

kernels = {
    "linear": lambda A, B=None: linear_kernel(A, B),
    "poly": lambda A, B=None: polynomial_kernel(A, B, degree=3, gamma=0.3, coef0=1.0),
    "rbf": lambda A, B=None: rbf_kernel(A, B, gamma=0.4),
    "laplacian": lambda A, B=None: laplacian_kernel(A, B, gamma=0.25),
    "sigmoid": lambda A, B=None: sigmoid_kernel(A, B, gamma=0.1, coef0=0.5),
}
for nu in (0.5, 1.5, 2.5, 0.7, 3.2):
    kernels[f"matern_{nu}"] = (lambda nu: lambda A, B=None: Matern(length_scale=1.3, nu=nu)(A, B))(nu)

for name, k in kernels.items():
    np.save(f"{name}_XX.npy", np.ascontiguousarray(k(X)))
    np.save(f"{name}_YX.npy", np.ascontiguousarray(k(Y, X)))

svc = SVC(kernel="rbf", gamma="scale").fit(X, (X[:, 0] > 0).astype(int))
with open("gammas.json", "w") as f:
    json.dump({"scale": float(svc._gamma), "auto": 1.0 / X.shape[1]}, f, indent=1)
