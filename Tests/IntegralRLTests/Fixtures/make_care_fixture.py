"""Reference solutions of the continuous algebraic Riccati equation from SciPy.

    python make_care_fixture.py > care_scipy.json

A is a fixed pseudo-random 4x4 matrix shifted to be Hurwitz (so that Kleinman's iteration can start
from K0 = 0), B is 4x2, Q and R symmetric positive definite. SciPy solves the CARE by the
Schur-vector (Laub) method, independent of QKSim's Kleinman iteration.
"""
import json

import numpy as np
import scipy
from scipy.linalg import solve_continuous_are

rng = np.random.default_rng(20240507)
n, m = 4, 2
A = rng.normal(size=(n, n)) - 3.0 * np.eye(n)
assert np.max(np.linalg.eigvals(A).real) < 0
B = rng.normal(size=(n, m))
M = rng.normal(size=(n, n))
Q = M @ M.T + 0.5 * np.eye(n)
N = rng.normal(size=(m, m))
R = N @ N.T + 0.5 * np.eye(m)
P = solve_continuous_are(A, B, Q, R)
K = np.linalg.solve(R, B.T @ P)
print(json.dumps({
    "scipy": scipy.__version__,
    "a": A.tolist(), "b": B.tolist(), "q": Q.tolist(), "r": R.tolist(), "p": P.tolist(), "k": K.tolist(),
}, indent=1))
