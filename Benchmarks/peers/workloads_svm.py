"""SVM fit: RBF kernel on seeded synthetic data (n x 20), gamma 0.05, C 1, tol 1e-3.

Engines: `qksim train` (whole process and its own seconds), scikit-learn SVC and LIBSVM (libsvm-official svmutil),
all with shrinking on and a 200 MB kernel cache for the two peers. Objectives are compared in LIBSVM's min form,
f(alpha) = 1/2 a^T K a - sum(alpha) with a_i = y_i alpha_i, computed from each peer's support vectors; QKSim's is
the value it reports. A precomputed 2000 x 2000 Gram fit is not measured: `qksim train` has no
`--kernel precomputed` option today.
"""
import json
import os
import statistics
import subprocess
import time

import numpy as np

GAMMA, C, TOL, FEATURES = 0.05, 1.0, 1e-3, 20


def data(n, seed=11):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, FEATURES))
    score = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.5 * x[:, 3] ** 2 - 0.5 + 0.4 * rng.standard_normal(n)
    return x, np.where(score > 0, 1.0, -1.0)


def rbf_objective(x_sv, coef):
    sq = np.sum(x_sv ** 2, axis=1)
    k = np.exp(-GAMMA * np.maximum(sq[:, None] + sq[None, :] - 2 * x_sv @ x_sv.T, 0))
    return 0.5 * coef @ k @ coef - np.sum(np.abs(coef))


def fit_sklearn(x, y):
    from sklearn.svm import SVC
    t0 = time.perf_counter()
    m = SVC(kernel="rbf", gamma=GAMMA, C=C, tol=TOL, cache_size=200).fit(x, y)
    t = time.perf_counter() - t0
    return t, lambda: rbf_objective(m.support_vectors_, m.dual_coef_[0])


def fit_libsvm(prob, x):
    from libsvm.svmutil import svm_parameter, svm_train
    param = svm_parameter(f"-s 0 -t 2 -g {GAMMA} -c {C} -e {TOL} -m 200 -h 1 -q")
    t0 = time.perf_counter()
    m = svm_train(prob, param)
    t = time.perf_counter() - t0
    idx = np.array(m.get_sv_indices()) - 1
    coef = np.array([c[0] for c in m.get_sv_coef()])
    return t, lambda: rbf_objective(x[idx], coef)


def fit_qksim(qksim, csv, out):
    t0 = time.perf_counter()
    p = subprocess.run([qksim, "train", "--data", csv, "--kernel", "rbf", "--gamma", str(GAMMA), "--C", str(C),
                        "--tol", str(TOL), "--out", out, "--json"], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    j = json.loads(p.stdout.strip().splitlines()[-1])
    return wall, j["seconds"], j["objective"][0]


def run(qksim, n, reps, tmp):
    from libsvm.svmutil import svm_problem
    x, y = data(n)
    csv, out = os.path.join(tmp, "svm.csv"), os.path.join(tmp, "svm.json")
    header = ",".join(f"x{i}" for i in range(FEATURES)) + ",label"
    np.savetxt(csv, np.hstack([x, y[:, None]]), delimiter=",", header=header, comments="", fmt="%.17g")
    prob = svm_problem(y.tolist(), x.tolist())  # conversion outside the timing
    t = {"qksim_wall": [], "qksim_own": [], "sklearn": [], "libsvm": []}
    obj = {}
    for rep in range(reps):
        wall, own, obj["qksim"] = fit_qksim(qksim, csv, out)
        t["qksim_wall"].append(wall)
        t["qksim_own"].append(own)
        s, so = fit_sklearn(x, y)
        t["sklearn"].append(s)
        l, lo = fit_libsvm(prob, x)
        t["libsvm"].append(l)
        if rep == 0:
            obj["sklearn"], obj["libsvm"] = so(), lo()
    row = {"n": n, "features": FEATURES, **{k: statistics.median(v) for k, v in t.items()}, "objective": obj}
    print(f"  n={n}: qksim {row['qksim_wall']:.3g} s (own {row['qksim_own']:.3g}), sklearn {row['sklearn']:.3g} s, "
          f"libsvm {row['libsvm']:.3g} s; objectives {obj}", flush=True)
    return row


def table(r):
    o = r["objective"]
    # QKSim may report the objective in the max form (sum alpha - 1/2 a K a); compare magnitudes and say so.
    q = o["qksim"] if np.sign(o["qksim"]) == np.sign(o["libsvm"]) else -o["qksim"]
    rel = lambda a, b: abs(a - b) / abs(b)  # noqa: E731
    lines = [f"RBF SVM fit, {r['n']} x {r['features']} (seeded synthetic), gamma {GAMMA}, C {C:g}, tol {TOL:g}:", "",
             "| engine | fit s (median) | QKSim(own)/engine | QKSim(process)/engine | objective (min form) | rel. diff vs LIBSVM |",
             "|---|---|---|---|---|---|",
             f"| QKSim (own seconds) | {r['qksim_own']:.3g} | 1 | | {q:.10g} | {rel(q, o['libsvm']):.1e} |",
             f"| QKSim (whole process) | {r['qksim_wall']:.3g} | | 1 | | |"]
    for e, name in [("libsvm", "LIBSVM (libsvm-official)"), ("sklearn", "scikit-learn SVC")]:
        lines.append(f"| {name} | {r[e]:.3g} | {r['qksim_own'] / r[e]:.3g} | {r['qksim_wall'] / r[e]:.3g} | "
                     f"{o[e]:.10g} | {rel(o[e], o['libsvm']):.1e} |")
    lines += ["", "Precomputed 2000 x 2000 Gram fit: not measured (`qksim train` has no `--kernel precomputed`)."]
    if np.sign(o["qksim"]) != np.sign(o["libsvm"]):
        lines.append("QKSim reports the objective in the max form; its sign is flipped above for comparison.")
    return "\n".join(lines)
