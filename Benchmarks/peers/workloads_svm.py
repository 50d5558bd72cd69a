"""SVM fit: RBF kernel on seeded synthetic data (n x 20), gamma 0.05, C 1, tol 1e-3; and the same problem as a
precomputed 2000 x 2000 Gram matrix.

Engines: `qksim train` (whole process, its own seconds, and `fit_seconds`, the fit alone), scikit-learn SVC and
LIBSVM (libsvm-official svmutil), all with shrinking on and a 200 MB kernel cache for the two peers. LIBSVM's
time is `svm_train` alone (data conversion outside the timing), so QKSim's fit seconds are the like-for-like
figure; its own seconds add reading the CSV, the training accuracy and writing the model. Objectives are compared
in LIBSVM's min form, f(alpha) = 1/2 a^T K a - sum(alpha) with a_i = y_i alpha_i, computed from each peer's
support vectors; QKSim's is the value it reports.

The libsvm-official wheel is built with OpenMP (its kernel columns use every core); QKSim uses every core too
unless `--threads` says otherwise. With `threads=1` both run on one core (OMP_NUM_THREADS=1 for LIBSVM, set
before it is imported, and `--threads 1` for QKSim), which is the steadier comparison on a shared machine.
"""
import json
import os
import statistics
import subprocess
import time

import numpy as np

from timing import settle

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


def fit_qksim(qksim, csv, out, threads=None):
    extra = ["--threads", str(threads)] if threads else []
    t0 = time.perf_counter()
    p = subprocess.run([qksim, "train", "--data", csv, "--kernel", "rbf", "--gamma", str(GAMMA), "--C", str(C),
                        "--tol", str(TOL), "--out", out, "--json"] + extra, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    j = json.loads(p.stdout.strip().splitlines()[-1])
    return wall, j["seconds"], j["objective"][0], j.get("fit_seconds", j["seconds"])


def run(qksim, n, reps, tmp, threads=None):
    from libsvm.svmutil import svm_problem
    x, y = data(n)
    csv, out = os.path.join(tmp, "svm.csv"), os.path.join(tmp, "svm.json")
    header = ",".join(f"x{i}" for i in range(FEATURES)) + ",label"
    np.savetxt(csv, np.hstack([x, y[:, None]]), delimiter=",", header=header, comments="", fmt="%.17g")
    prob = svm_problem(y.tolist(), x.tolist())  # conversion outside the timing
    t = {"qksim_wall": [], "qksim_own": [], "qksim_fit": [], "sklearn": [], "libsvm": []}
    obj = {}
    for rep in range(reps):
        settle()
        wall, own, obj["qksim"], fit = fit_qksim(qksim, csv, out, threads)
        t["qksim_wall"].append(wall)
        t["qksim_own"].append(own)
        t["qksim_fit"].append(fit)
        settle()
        s, so = fit_sklearn(x, y)
        t["sklearn"].append(s)
        settle()
        l, lo = fit_libsvm(prob, x)
        t["libsvm"].append(l)
        if rep == 0:
            obj["sklearn"], obj["libsvm"] = so(), lo()
    row = {"n": n, "features": FEATURES, "threads": threads, **{k: statistics.median(v) for k, v in t.items()},
           "objective": obj}
    print(f"  n={n}: qksim {row['qksim_wall']:.3g} s (own {row['qksim_own']:.3g}, fit {row['qksim_fit']:.3g}), "
          f"sklearn {row['sklearn']:.3g} s, libsvm {row['libsvm']:.3g} s; objectives {obj}", flush=True)
    row["precomputed"] = run_precomputed(qksim, min(n, 2000), reps, tmp, threads)
    return row


def rbf_gram(x):
    sq = np.sum(x ** 2, axis=1)
    return np.exp(-GAMMA * np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0))


def run_precomputed(qksim, n, reps, tmp, threads=None):
    """The RBF problem on the first n points as a precomputed n x n Gram matrix (LIBSVM -t 4, scikit-learn
    kernel='precomputed', `qksim train --kernel precomputed --data K.npy --labels y.npy`)."""
    from libsvm.svmutil import svm_parameter, svm_problem, svm_train
    from sklearn.svm import SVC
    x, y = data(n)
    k = rbf_gram(x)
    kp, yp = os.path.join(tmp, "svm_K.npy"), os.path.join(tmp, "svm_y.npy")
    np.save(kp, k)
    np.save(yp, y)
    rows = [[i + 1] + r for i, r in enumerate(k.tolist())]  # LIBSVM's precomputed format: serial number first
    prob = svm_problem(y.tolist(), rows, isKernel=True)
    param = svm_parameter(f"-s 0 -t 4 -c {C} -e {TOL} -m 200 -h 1 -q")
    extra = ["--threads", str(threads)] if threads else []
    objective = lambda idx, coef: 0.5 * coef @ k[np.ix_(idx, idx)] @ coef - np.sum(np.abs(coef))  # noqa: E731
    t = {"qksim_wall": [], "qksim_own": [], "qksim_fit": [], "sklearn": [], "libsvm": []}
    obj = {}
    for rep in range(reps):
        settle()
        t0 = time.perf_counter()
        p = subprocess.run([qksim, "train", "--kernel", "precomputed", "--data", kp, "--labels", yp, "--C", str(C),
                            "--tol", str(TOL), "--out", os.path.join(tmp, "svm_pre.json"), "--json"] + extra,
                           capture_output=True, text=True, check=True)
        t["qksim_wall"].append(time.perf_counter() - t0)
        j = json.loads(p.stdout.strip().splitlines()[-1])
        t["qksim_own"].append(j["seconds"])
        t["qksim_fit"].append(j.get("fit_seconds", j["seconds"]))
        obj["qksim"] = j["objective"][0]
        settle()
        t0 = time.perf_counter()
        m = SVC(kernel="precomputed", C=C, tol=TOL, cache_size=200).fit(k, y)
        t["sklearn"].append(time.perf_counter() - t0)
        settle()
        t0 = time.perf_counter()
        lm = svm_train(prob, param)
        t["libsvm"].append(time.perf_counter() - t0)
        if rep == 0:
            obj["sklearn"] = objective(m.support_, m.dual_coef_[0])
            obj["libsvm"] = objective(np.array(lm.get_sv_indices()) - 1, np.array([c[0] for c in lm.get_sv_coef()]))
    row = {"n": n, **{key: statistics.median(v) for key, v in t.items()}, "objective": obj}
    print(f"  precomputed {n} x {n}: qksim {row['qksim_wall']:.3g} s (own {row['qksim_own']:.3g}, fit "
          f"{row['qksim_fit']:.3g}), sklearn {row['sklearn']:.3g} s, libsvm {row['libsvm']:.3g} s; objectives {obj}",
          flush=True)
    return row


def engine_rows(r, q):
    o = r["objective"]
    rel = lambda a, b: abs(a - b) / abs(b)  # noqa: E731
    lines = ["| engine | fit s (median) | QKSim fit / engine | QKSim(own)/engine | QKSim(process)/engine | "
             "objective (min form) | rel. diff vs LIBSVM |",
             "|---|---|---|---|---|---|---|",
             f"| QKSim (fit alone) | {r['qksim_fit']:.3g} | 1 | | | {q:.10g} | {rel(q, o['libsvm']):.1e} |",
             f"| QKSim (own seconds) | {r['qksim_own']:.3g} | | 1 | | | |",
             f"| QKSim (whole process) | {r['qksim_wall']:.3g} | | | 1 | | |"]
    for e, name in [("libsvm", "LIBSVM (libsvm-official)"), ("sklearn", "scikit-learn SVC")]:
        lines.append(f"| {name} | {r[e]:.3g} | {r['qksim_fit'] / r[e]:.3g} | {r['qksim_own'] / r[e]:.3g} | "
                     f"{r['qksim_wall'] / r[e]:.3g} | {o[e]:.10g} | {rel(o[e], o['libsvm']):.1e} |")
    return lines


def table(r):
    o = r["objective"]
    # QKSim may report the objective in the max form (sum alpha - 1/2 a K a); compare magnitudes and say so.
    flip = np.sign(o["qksim"]) != np.sign(o["libsvm"])
    q = -o["qksim"] if flip else o["qksim"]
    threads = f", {r['threads']} thread(s) each" if r.get("threads") else ""
    lines = [f"RBF SVM fit, {r['n']} x {r['features']} (seeded synthetic), gamma {GAMMA}, C {C:g}, tol {TOL:g}"
             f"{threads}:", ""] + engine_rows(r, q)
    if "precomputed" in r:
        p = r["precomputed"]
        po = p["objective"]
        pq = -po["qksim"] if np.sign(po["qksim"]) != np.sign(po["libsvm"]) else po["qksim"]
        lines += ["", f"Precomputed {p['n']} x {p['n']} Gram matrix (the same RBF problem on the first {p['n']} "
                  "points; LIBSVM -t 4, scikit-learn kernel='precomputed', `qksim train --kernel precomputed`):", ""]
        lines += engine_rows(p, pq)
    if flip:
        lines.append("QKSim reports the objective in the max form; its sign is flipped above for comparison.")
    return "\n".join(lines)
