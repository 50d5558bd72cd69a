"""Reference Bayesian-quadrature weights from ProbNum, the library the paper's authors used.

Run with probnum 0.1.25 and numpy < 2 (probnum 0.1.25 uses np.Inf):
    python -m venv /tmp/pn && /tmp/pn/bin/pip install probnum==0.1.25 "numpy<2"
    /tmp/pn/bin/python make_probnum_bq.py > probnum_bq.json

For each case the weights are read off by integrating the unit vectors (the BQ mean is linear in the
function values); `variance` is the posterior variance of the integral with the kernel's unit output
scale (`scale_estimation: None`; ProbNum's default rescales it by a maximum-likelihood estimate).
ProbNum adds its default jitter 1e-8 to the kernel matrix and solves in double precision.
"""
import json
import warnings

import numpy as np

warnings.filterwarnings("ignore")
import probnum  # noqa: E402
from probnum.quad import bayesquad_from_data  # noqa: E402
from probnum.randprocs.kernels import Matern  # noqa: E402

cases = []
for nu in [0.5, 1.5, 2.5, 3.5]:
    for (a, b, lengthscale) in [(0.0, 0.1, 0.3), (0.0, 1.0, 0.3), (0.0, 2.0, 0.5)]:
        for n in [3, 5, 9]:
            nodes = np.linspace(a, b, n)
            kernel = Matern(input_shape=1, nu=nu, lengthscales=lengthscale)
            weights = []
            for i in range(n):
                e = np.zeros(n)
                e[i] = 1.0
                F, _ = bayesquad_from_data(nodes=nodes[:, None], fun_evals=e, kernel=kernel, domain=(a, b))
                weights.append(float(F.mean))
            F, _ = bayesquad_from_data(
                nodes=nodes[:, None], fun_evals=np.exp(nodes), kernel=kernel, domain=(a, b),
                options={"scale_estimation": None})
            cases.append({
                "nu": nu, "a": a, "b": b, "lengthscale": lengthscale, "nodes": nodes.tolist(),
                "weights": weights, "variance": float(F.var), "exp_estimate": float(F.mean),
            })
print(json.dumps({"probnum": probnum.__version__, "numpy": np.__version__, "jitter": 1e-8, "cases": cases}, indent=1))
