"""Reference states for QKSim's feature-map tests, made with the peer libraries.

Run with the peers' virtualenv (see ../shared/peers/setup-peers.sh):
    $VENV/bin/python scripts/make_feature_map_fixtures.py
Writes Tests/KernelsTests/Fixtures/feature_maps.json: for each case the map's parameters, data
points, and the peer's exact statevectors (Qiskit order: qubit i is bit i of the index), plus a
projected-kernel matrix computed independently here with numpy from those states.
"""
import json
import os

import numpy as np
import pennylane as qml
from qiskit.circuit.library import pauli_feature_map, z_feature_map
from qiskit.quantum_info import Statevector, SparsePauliOp

rng = np.random.default_rng(2024)
cases = []


def qiskit_states(circuit_factory, points):
    states = []
    for x in points:
        qc = circuit_factory()
        qc = qc.assign_parameters(x)
        states.append(Statevector(qc).data)
    return states


def encode(states):
    return [[[float(a.real), float(a.imag)] for a in s] for s in states]


# Qiskit Pauli maps with X and Y words and circular entanglement, and the Z map.
for name, words, n, reps, ent, alpha in [
    ("pauli_x_xy_zz_circular", ["X", "XY", "ZZ"], 3, 2, "circular", 2.0),
    ("pauli_y_zx_full", ["Y", "ZX"], 3, 1, "full", 1.5),
    ("pauli_zzz_linear", ["Z", "ZZZ"], 4, 1, "linear", 2.0),
]:
    points = rng.uniform(0, np.pi, size=(3, n))
    factory = lambda: pauli_feature_map(n, reps=reps, entanglement=ent, alpha=alpha, paulis=words)
    cases.append(dict(name=name, family="pauli", paulis=words, qubits=n, reps=reps, entanglement=ent,
                      alpha=alpha, points=points.tolist(), states=encode(qiskit_states(factory, points))))

points = rng.uniform(0, np.pi, size=(3, 3))
cases.append(dict(name="z_map", family="z", paulis=["Z"], qubits=3, reps=2, entanglement="full", alpha=2.0,
                  points=points.tolist(), states=encode(qiskit_states(lambda: z_feature_map(3, reps=2), points))))

# PennyLane IQPEmbedding (default pattern: all pairs), reps 2. PennyLane's wire 0 is the most
# significant bit of its state index; reverse the qubit order to get Qiskit's convention.
n = 3
dev = qml.device("default.qubit", wires=n)


@qml.qnode(dev)
def iqp(x):
    qml.IQPEmbedding(x, wires=range(n), n_repeats=2)
    return qml.state()


points = rng.uniform(0, np.pi, size=(3, n))
iqp_states = []
for x in points:
    s = np.asarray(iqp(x)).reshape([2] * n).transpose(list(reversed(range(n)))).reshape(-1)
    iqp_states.append(s)
cases.append(dict(name="iqp", family="iqp", qubits=n, reps=2, entanglement="full", alpha=1.0,
                  points=points.tolist(), states=encode(iqp_states)))

# Projected kernel (Huang et al. 2021) on the first case's states, from one-qubit reduced density
# matrices: k(x, y) = exp(-gamma * sum_q ||rho_q(x) - rho_q(y)||_F^2).
def reduced(state, q, n):
    psi = np.asarray(state).reshape([2] * n)  # axes: qubit n-1, ..., qubit 0
    axis = n - 1 - q
    psi = np.moveaxis(psi, axis, 0).reshape(2, -1)
    return psi @ psi.conj().T


first = cases[0]
states = [np.array([complex(a, b) for a, b in s]) for s in first["states"]]
gamma = 0.7
rhos = [[reduced(s, q, first["qubits"]) for q in range(first["qubits"])] for s in states]
projected = [[float(np.exp(-gamma * sum(np.linalg.norm(rhos[i][q] - rhos[j][q]) ** 2 for q in range(first["qubits"]))))
              for j in range(len(states))] for i in range(len(states))]
out = dict(cases=cases, projected=dict(case=first["name"], gamma=gamma, K=projected))
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "KernelsTests", "Fixtures", "feature_maps.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
