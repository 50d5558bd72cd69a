"""Gram matrix of the ZZ feature map (8 qubits, reps 2, full entanglement, alpha 2), N points.

Engines: `qksim kernel` (whole process, and its own printed seconds), qiskit-machine-learning's
FidelityStatevectorKernel, and a vectorised numpy reference. The reference uses that the ZZ map is
U(x) = (D(x) H^n)^reps with D(x) diagonal: D(x)|z> = exp(i alpha (sum_i x_i z_i + sum_{i<j} (pi-x_i)(pi-x_j)(z_i xor z_j)))|z>
(CX(i,j) P(t)_j CX(i,j) applies e^{it} exactly when z_i xor z_j = 1), so all N states take two dense
products, and K = |S S^H|^2. All three matrices must agree to 1e-10 before anything is timed.
"""
import itertools
import os
import re
import statistics
import subprocess
import time

import numpy as np

from timing import settle

QUBITS, REPS, ALPHA = 8, 2, 2.0


def data(n_points, seed=7):
    return np.random.default_rng(seed).uniform(0, 2 * np.pi, size=(n_points, QUBITS))


def write_csv(x, path):
    header = ",".join(f"x{i}" for i in range(x.shape[1])) + ",label"
    rows = np.hstack([x, np.zeros((len(x), 1))])
    np.savetxt(path, rows, delimiter=",", header=header, comments="", fmt="%.17g")


def numpy_states(x):
    d = x.shape[1]
    z = ((np.arange(2 ** d)[:, None] >> np.arange(d)[None, :]) & 1).astype(float)  # bit i = qubit i
    pairs = list(itertools.combinations(range(d), 2))
    parity = np.stack([np.logical_xor(z[:, i], z[:, j]) for i, j in pairs], axis=1).astype(float)
    pair_phi = np.stack([(np.pi - x[:, i]) * (np.pi - x[:, j]) for i, j in pairs], axis=1)
    phase = np.exp(1j * ALPHA * (x @ z.T + pair_phi @ parity.T))  # N x 2^d
    h = np.array([[1.0]])
    for _ in range(d):
        h = np.kron(h, np.array([[1, 1], [1, -1]]) / np.sqrt(2))
    s = np.full((len(x), 2 ** d), 2 ** (-d / 2), dtype=complex)  # H^n |0>
    for r in range(REPS):
        s = s * phase
        if r < REPS - 1:
            s = s @ h  # h is symmetric
    return s


def numpy_gram(x):
    s = numpy_states(x)
    return np.abs(s.conj() @ s.T) ** 2


def qiskit_kernel():
    from qiskit.circuit.library import zz_feature_map
    from qiskit_machine_learning.kernels import FidelityStatevectorKernel
    return FidelityStatevectorKernel(feature_map=zz_feature_map(QUBITS, reps=REPS, entanglement="full"))


def qksim_gram(qksim, csv, out):
    t0 = time.perf_counter()
    p = subprocess.run([qksim, "kernel", "--data", csv, "--kernel", "zz", "--reps", str(REPS),
                        "--entanglement", "full", "--out", out], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    own = float(re.findall(r"\(([0-9.eE+-]+) s\)", p.stdout)[-1])
    return wall, own


def run(qksim, sizes, reps, tmp):
    kernel = qiskit_kernel()
    rows = []
    for n in sizes:
        x = data(n)
        csv, out = os.path.join(tmp, f"gram{n}.csv"), os.path.join(tmp, f"gram{n}.npy")
        write_csv(x, csv)
        # Agreement first.
        qksim_gram(qksim, csv, out)
        k_q, k_ref, k_np = np.load(out), kernel.evaluate(x), numpy_gram(x)
        err = {"qksim_vs_qiskit": float(np.max(np.abs(k_q - k_ref))),
               "numpy_vs_qiskit": float(np.max(np.abs(k_np - k_ref)))}
        if max(err.values()) > 1e-10:
            raise SystemExit(f"Gram matrices disagree at N={n}: {err}")
        t = {"qksim_wall": [], "qksim_own": [], "qiskit": [], "numpy": []}
        for _ in range(reps):
            settle()
            wall, own = qksim_gram(qksim, csv, out)
            t["qksim_wall"].append(wall)
            t["qksim_own"].append(own)
            settle()
            t0 = time.perf_counter()
            kernel.evaluate(x)
            t["qiskit"].append(time.perf_counter() - t0)
            settle()
            t0 = time.perf_counter()
            numpy_gram(x)
            t["numpy"].append(time.perf_counter() - t0)
        row = {"N": n, "max_abs_diff": err, **{k: statistics.median(v) for k, v in t.items()}}
        rows.append(row)
        print(f"  N={n}: qksim {row['qksim_wall']:.3g} s (own {row['qksim_own']:.3g}), "
              f"FidelityStatevectorKernel {row['qiskit']:.3g} s, numpy {row['numpy']:.3g} s", flush=True)
    return rows


def table(rows):
    lines = ["| N | QKSim process s | QKSim own s | FidelityStatevectorKernel s | numpy ref s | "
             "QKSim(process)/FSK | QKSim(process)/numpy | QKSim(own)/numpy | max abs diff vs FSK (QKSim, numpy) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['N']} | {r['qksim_wall']:.3g} | {r['qksim_own']:.3g} | {r['qiskit']:.3g} | "
                     f"{r['numpy']:.3g} | {r['qksim_wall'] / r['qiskit']:.3g} | {r['qksim_wall'] / r['numpy']:.3g} | "
                     f"{r['qksim_own'] / r['numpy']:.3g} | "
                     f"{r['max_abs_diff']['qksim_vs_qiskit']:.1e}, {r['max_abs_diff']['numpy_vs_qiskit']:.1e} |")
    return "\n".join(lines) + ("\n\nFidelityQuantumKernel (compute-uncompute, one circuit per pair) and PennyLane "
                               "kernels: not measured (hours at these N on this machine).")
