"""Writes the benchmark circuits for any qubit count, made exactly as ../shared/reference/circuits
(see its README): qft_n{N}.qasm (synth_qft_full with swaps), random_d20_n{N}.qasm (20 layers of
u3 on every qubit then a CX ladder, angles uniform in [0, 2pi), seed N), zzfm_full_r2_n{N}.qasm
(zz_feature_map(N, reps=2, entanglement='full') bound to uniform [0, 2pi) data, seed N), lowered to
h, p, cp, cx, swap, u3 and written by qiskit.qasm2.dumps.

usage: python make_circuits.py OUT_DIR N [N ...]
"""
import os
import sys

import numpy as np
from qiskit import QuantumCircuit, qasm2, transpile
from qiskit.circuit.library import zz_feature_map
from qiskit.synthesis import synth_qft_full

BASIS = ["h", "p", "cp", "cx", "swap", "u3"]


def random_d20(n, seed):
    rng = np.random.default_rng(seed)
    qc = QuantumCircuit(n)
    for _ in range(20):
        for q in range(n):
            qc.u(*rng.uniform(0, 2 * np.pi, 3), q)
        for q in range(n - 1):
            qc.cx(q, q + 1)
    return qc


def zzfm(n, seed):
    fm = zz_feature_map(n, reps=2, entanglement="full")
    x = np.random.default_rng(seed).uniform(0, 2 * np.pi, n)
    return fm.assign_parameters(x)


def main():
    out, sizes = sys.argv[1], [int(a) for a in sys.argv[2:]]
    os.makedirs(out, exist_ok=True)
    for n in sizes:
        for name, qc in [(f"qft_n{n}", synth_qft_full(n, do_swaps=True)), (f"random_d20_n{n}", random_d20(n, n)),
                         (f"zzfm_full_r2_n{n}", zzfm(n, n))]:
            path = os.path.join(out, name + ".qasm")
            if not os.path.exists(path):
                with open(path, "w") as f:
                    f.write(qasm2.dumps(transpile(qc, basis_gates=BASIS, optimization_level=0)))
            print(path)


if __name__ == "__main__":
    main()
