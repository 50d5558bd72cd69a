"""10^4 small circuits: one parameterised circuit (n qubits, L layers of RY and RZ on every qubit then
a CX ladder) run for R parameter sets. Qiskit Aer runs them as one job with `parameter_binds` (its
fastest path for many bindings of one circuit; transpiled once, outside the timing); QKSim runs
`qksim simulate FILE.qasm --sweep P --probabilities OUT.npy` (parsed once, re-bound per row) as a
whole process, timed twice: with the parameters as text (P.csv, 17 digits) and as the float64 array
Aer's job is built from (P.npy). Both write every circuit's probabilities, which must agree to 1e-10
before timing.
"""
import os
import statistics
import subprocess
import time

import numpy as np

from timing import settle

LAYERS = 3


def qasm3(n, layers):
    names = [f"t{k}" for k in range(2 * n * layers)]
    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";'] + [f"input float[64] {t};" for t in names]
    lines.append(f"qubit[{n}] q;")
    k = 0
    for _ in range(layers):
        for q in range(n):
            lines.append(f"ry({names[k]}) q[{q}];")
            lines.append(f"rz({names[k + 1]}) q[{q}];")
            k += 2
        for q in range(n - 1):
            lines.append(f"cx q[{q}], q[{q + 1}];")
    return "\n".join(lines) + "\n", names


def aer_job(n, layers):
    from qiskit import QuantumCircuit, transpile
    from qiskit.circuit import ParameterVector
    from qiskit_aer import AerSimulator
    t = ParameterVector("t", 2 * n * layers)
    qc = QuantumCircuit(n)
    k = 0
    for _ in range(layers):
        for q in range(n):
            qc.ry(t[k], q)
            qc.rz(t[k + 1], q)
            k += 2
        for q in range(n - 1):
            qc.cx(q, q + 1)
    qc.save_probabilities()
    sim = AerSimulator(method="statevector", max_parallel_threads=os.cpu_count())
    return sim, transpile(qc, sim, optimization_level=0), list(t)


def run_aer(sim, tqc, params, values):
    binds = [{p: values[:, k].tolist() for k, p in enumerate(params)}]
    result = sim.run(tqc, parameter_binds=binds).result()
    return np.array([result.data(i)["probabilities"] for i in range(values.shape[0])])


def run_qksim(qksim, path, csv, out):
    t0 = time.perf_counter()
    subprocess.run([qksim, "simulate", path, "--sweep", csv, "--probabilities", out], check=True,
                   capture_output=True, text=True)
    return time.perf_counter() - t0


def run(qksim, sizes, circuits, reps, tmp):
    rows = []
    for n in sizes:
        text, names = qasm3(n, LAYERS)
        path, csv, out = (os.path.join(tmp, f"small{n}.{ext}") for ext in ["qasm", "csv", "npy"])
        npy = os.path.join(tmp, f"small{n}_params.npy")
        with open(path, "w") as f:
            f.write(text)
        values = np.random.default_rng(n).uniform(0, 2 * np.pi, (circuits, len(names)))
        np.savetxt(csv, values, delimiter=",", header=",".join(names), comments="", fmt="%.17g")
        np.save(npy, values)
        sim, tqc, params = aer_job(n, LAYERS)
        reference = run_aer(sim, tqc, params, values)
        diff = 0.0
        for source in (csv, npy):
            run_qksim(qksim, path, source, out)
            diff = max(diff, float(np.max(np.abs(np.load(out) - reference))))
        if diff > 1e-10:
            raise SystemExit(f"small circuits disagree at n={n}: {diff}")
        t = {"qksim": [], "qksim_npy": [], "aer": []}
        for _ in range(reps):
            settle()
            t["qksim"].append(run_qksim(qksim, path, csv, out))
            settle()
            t["qksim_npy"].append(run_qksim(qksim, path, npy, out))
            settle()
            t0 = time.perf_counter()
            run_aer(sim, tqc, params, values)
            t["aer"].append(time.perf_counter() - t0)
        gates = 2 * n * LAYERS + (n - 1) * LAYERS
        row = {"n": n, "circuits": circuits, "gates": gates, "max_abs_diff": diff,
               **{k: statistics.median(v) for k, v in t.items()}}
        rows.append(row)
        print(f"  n={n}: qksim {row['qksim']:.3g} s (npy in {row['qksim_npy']:.3g} s), aer {row['aer']:.3g} s", flush=True)
    return rows


def table(rows):
    lines = ["| n | circuits | gates each | QKSim process s (CSV in) | QKSim process s (.npy in) | Aer s | "
             "Aer/QKSim (CSV, .npy) | QKSim us per circuit (.npy) | max abs diff |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['n']} | {r['circuits']} | {r['gates']} | {r['qksim']:.3g} | {r['qksim_npy']:.3g} | "
                     f"{r['aer']:.3g} | {r['aer'] / r['qksim']:.3g}, {r['aer'] / r['qksim_npy']:.3g} | "
                     f"{r['qksim_npy'] / r['circuits'] * 1e6:.3g} | {r['max_abs_diff']:.1e} |")
    return "\n".join(lines)
