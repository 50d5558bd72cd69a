"""Runs one peer simulator on one OpenQASM file in a fresh process and prints JSON timings.

Usage: python sim_worker.py PEER FILE THREADS [--check REF.npy]
A fresh process per run keeps the thread setting honest (Qulacs and Lightning read OMP_NUM_THREADS at import,
which the harness sets) and stops one peer's memory or caches from affecting the next.
Prints {"load": s, "run": s, "fidelity": f or null}; "run" times the simulation only.
"""
import json
import sys
import time

import numpy as np

from circuits import cirq_circuit, pennylane_ops, qulacs_circuit, read_gates


def run_aer(path, threads):
    import qiskit.qasm2
    from qiskit_aer import AerSimulator
    t0 = time.perf_counter()
    circ = qiskit.qasm2.load(path, custom_instructions=qiskit.qasm2.LEGACY_CUSTOM_INSTRUCTIONS)
    circ.save_statevector()
    sim = AerSimulator(method="statevector", max_parallel_threads=threads)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = sim.run(circ).result()
    run = time.perf_counter() - t0
    return load, run, lambda: np.asarray(result.get_statevector())


def run_qulacs(path, threads):
    from qulacs import QuantumState
    t0 = time.perf_counter()
    n, gates = read_gates(path)
    circ = qulacs_circuit(n, gates)
    state = QuantumState(n)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    circ.update_quantum_state(state)
    run = time.perf_counter() - t0
    return load, run, lambda: state.get_vector()


def run_qsim(path, threads):
    import qsimcirq
    t0 = time.perf_counter()
    n, gates = read_gates(path)
    circ, order = cirq_circuit(n, gates)
    sim = qsimcirq.QSimSimulator(qsimcirq.QSimOptions(cpu_threads=threads))
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = sim.simulate(circ, qubit_order=order)
    run = time.perf_counter() - t0
    return load, run, lambda: np.asarray(result.final_state_vector, dtype=np.complex128)


def run_lightning(path, threads):
    import pennylane as qml
    t0 = time.perf_counter()
    n, gates = read_gates(path)
    dev = qml.device("lightning.qubit", wires=n)

    @qml.qnode(dev)
    def circuit():
        pennylane_ops(n, gates)
        return qml.state()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    state = circuit()
    run = time.perf_counter() - t0
    return load, run, lambda: np.asarray(state)


PEERS = {"aer": run_aer, "qulacs": run_qulacs, "qsim": run_qsim, "lightning": run_lightning}

if __name__ == "__main__":
    peer, path, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ref = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--check" else None
    load, run, state = PEERS[peer](path, threads)
    fidelity = None
    if ref:
        psi, want = state(), np.load(ref)
        fidelity = float(abs(np.vdot(want, psi)) ** 2 / (np.vdot(psi, psi).real * np.vdot(want, want).real))
    print(json.dumps({"load": load, "run": run, "fidelity": fidelity}))
