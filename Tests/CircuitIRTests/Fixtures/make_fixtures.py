"""Reference data for CircuitIRTests, made with Qiskit (run with the peers venv:
/root/.cache/qksim-peers/bin/python Tests/CircuitIRTests/Fixtures/make_fixtures.py).

Writes, next to this script:
- gates.json: Operator(gate).data of every standard gate for several parameter values. Qiskit's
  matrices are little-endian in the gate's qubit order, the convention of QKSim's IR.
- circuits/*.npy: for each circuits/*.qasm here, Qiskit's Operator of the circuit its own OpenQASM
  reader builds from the same file (qasm2.loads with Qiskit's legacy qelib1 gates, or qasm3.loads).
- examples/*.npy: references for the repository's circuits/ examples (Qiskit statevectors and
  operators), with independent cross-checks asserted here (QFT against QFTGate, the ZZ feature map
  against qiskit.circuit.library.zz_feature_map).
- manifest.json: which reference goes with which file, and the input parameters bound.
"""
import json
import math
import re
import os

import numpy as np
from qiskit import QuantumCircuit, qasm2, qasm3
from qiskit.circuit import library as lib
from qiskit.quantum_info import Operator, Statevector

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def load2(text):
    return qasm2.loads(text, custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)


def inline_constants(text):
    """qiskit_qasm3_import does not read `const` declarations: replace each constant by its
    parenthesised value expression (a purely textual rewrite; the Swift tests read the original)."""
    pattern = re.compile(r"^\s*const\s+\w+(\[\d+\])?\s+(\w+)\s*=\s*(.*?);\s*$", re.M)
    while True:
        m = pattern.search(text)
        if not m:
            return text
        name, value = m.group(2), m.group(3)
        rest = text[m.end():]
        rest = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", "(" + value + ")", rest)
        text = text[:m.start()] + rest


def load3(text):
    return qasm3.loads(inline_constants(text))


def complex_list(m):
    flat = np.asarray(m, dtype=complex).reshape(-1)
    return [[float(z.real), float(z.imag)] for z in flat]


def gate_fixtures():
    rng = np.random.default_rng(20240611)
    one = [0.0, 0.7, -2.3, 4.1, math.pi]
    # name -> (OpenQASM version to apply it in, constructor, number of parameters)
    table = {
        "U": (3, lib.UGate, 3), "CX": (3, lambda: lib.CXGate(), 0), "gphase": (3, lib.GlobalPhaseGate, 1),
        "u3": (2, lib.U3Gate, 3), "u2": (2, lib.U2Gate, 2), "u1": (2, lib.U1Gate, 1), "u": (2, lib.UGate, 3),
        "p": (2, lib.PhaseGate, 1), "phase": (3, lib.PhaseGate, 1), "id": (2, lib.IGate, 0),
        "x": (2, lib.XGate, 0), "y": (2, lib.YGate, 0), "z": (2, lib.ZGate, 0), "h": (2, lib.HGate, 0),
        "s": (2, lib.SGate, 0), "sdg": (2, lib.SdgGate, 0), "t": (2, lib.TGate, 0), "tdg": (2, lib.TdgGate, 0),
        "sx": (2, lib.SXGate, 0), "sxdg": (2, lib.SXdgGate, 0), "rx": (2, lib.RXGate, 1),
        "ry": (2, lib.RYGate, 1), "rz": (2, lib.RZGate, 1), "cx": (2, lib.CXGate, 0), "cy": (2, lib.CYGate, 0),
        "cz": (2, lib.CZGate, 0), "ch": (2, lib.CHGate, 0), "crx": (2, lib.CRXGate, 1),
        "cry": (2, lib.CRYGate, 1), "crz": (2, lib.CRZGate, 1), "cu1": (2, lib.CU1Gate, 1),
        "cu3": (2, lib.CU3Gate, 3), "cp": (2, lib.CPhaseGate, 1), "cphase": (3, lib.CPhaseGate, 1),
        "csx": (2, lib.CSXGate, 0), "cu": (2, lib.CUGate, 4), "rxx": (2, lib.RXXGate, 1),
        "rzz": (2, lib.RZZGate, 1), "swap": (2, lib.SwapGate, 0), "cswap": (2, lib.CSwapGate, 0),
        "ccx": (2, lib.CCXGate, 0), "rccx": (2, lib.RCCXGate, 0), "rc3x": (2, lib.RC3XGate, 0),
        "c3x": (2, lib.C3XGate, 0), "c3sqrtx": (2, lib.C3SXGate, 0), "c4x": (2, lib.C4XGate, 0),
    }
    out = []
    for name, (version, make, nparams) in table.items():
        if nparams == 0:
            settings = [[]]
        elif nparams == 1:
            settings = [[v] for v in one]
        else:
            settings = [list(rng.uniform(-2 * math.pi, 2 * math.pi, nparams)) for _ in range(4)]
            settings.append([0.0] * nparams)
        for params in settings:
            gate = make(*params)
            m = Operator(gate).data
            out.append({"name": name, "version": version, "parameters": [float(p) for p in params],
                        "qubits": gate.num_qubits, "matrix": complex_list(m)})
    # u0 is the identity (qelib1.inc: gate u0(gamma) q { U(0,0,0) q; }); Qiskit turns it into a delay.
    out.append({"name": "u0", "version": 2, "parameters": [0.5], "qubits": 1, "matrix": complex_list(np.eye(2))})
    return out


def circuit_fixtures(manifest):
    folder = os.path.join(HERE, "circuits")
    bindings = {"qasm3_inputs.qasm": {"alpha": 0.37, "beta": -1.21, "gamma": 2.9}}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".qasm"):
            continue
        text = open(os.path.join(folder, name)).read()
        qc = load2(text) if "OPENQASM 2" in text else load3(text)
        params = bindings.get(name, {})
        if params:
            qc = qc.assign_parameters({p: params[p.name] for p in qc.parameters})
        ref = name.replace(".qasm", ".npy")
        np.save(os.path.join(folder, ref), Operator(qc).data.astype(np.complex128))
        manifest["circuits"].append({"file": name, "kind": "unitary", "reference": ref, "parameters": params})


def example_fixtures(manifest):
    folder = os.path.join(HERE, "examples")
    os.makedirs(folder, exist_ok=True)
    src = os.path.join(REPO, "circuits")

    def read(name):
        return open(os.path.join(src, name)).read()

    def save(name, kind, array, params=None):
        ref = name.replace(".qasm", ".npy")
        np.save(os.path.join(folder, ref), np.asarray(array, dtype=np.complex128))
        manifest["examples"].append({"file": name, "kind": kind, "reference": ref, "parameters": params or {}})

    for name in ["bell.qasm", "ghz.qasm", "adder.qasm"]:
        qc = load2(read(name))
        qc.remove_final_measurements()
        save(name, "statevector", Statevector(qc).data)

    qft = load2(read("qft4.qasm"))
    assert np.allclose(Operator(qft).data, Operator(lib.QFTGate(4)).data, atol=1e-12), "qft4.qasm is not the QFT"
    save("qft4.qasm", "unitary", Operator(qft).data)

    x = {"x0": 0.3, "x1": -1.2, "x2": 2.05, "x3": 0.77}
    zz = lib.zz_feature_map(4, reps=2, entanglement="linear")
    ordered = sorted(zz.parameters, key=lambda p: p.index)
    zz = zz.assign_parameters({p: x[f"x{p.index}"] for p in ordered})
    state = Statevector(zz).data
    mine = load3(read("zz_feature_map.qasm"))
    mine = mine.assign_parameters({p: x[p.name] for p in mine.parameters})
    assert np.allclose(Statevector(mine).data, state, atol=1e-12), "zz_feature_map.qasm differs from Qiskit's map"
    save("zz_feature_map.qasm", "statevector", state, x)

    save("modifiers.qasm", "unitary", Operator(load3(read("modifiers.qasm"))).data)
    vqc_ansatz_fixture(manifest)


def vqc_ansatz_fixture(manifest):
    """circuits/vqc_ansatz.qasm is Havlicek's W(theta) = Qiskit's n_local(2, [ry, rz], cz, reps=1)."""
    folder = os.path.join(HERE, "examples")
    text = open(os.path.join(REPO, "circuits", "vqc_ansatz.qasm")).read()
    theta = {f"theta{i}": v for i, v in enumerate([0.4, -1.1, 2.3, 0.7, -0.25, 1.9, -2.6, 0.05])}
    w = lib.n_local(2, ["ry", "rz"], "cz", "full", reps=1)
    w = w.assign_parameters({p: theta[f"theta{p.index}"] for p in sorted(w.parameters, key=lambda p: p.index)})
    mine = load3(text)
    mine = mine.assign_parameters({p: theta[p.name] for p in mine.parameters})
    unitary = Operator(w).data
    assert np.allclose(Operator(mine).data, unitary, atol=1e-12), "vqc_ansatz.qasm differs from Qiskit's n_local"
    np.save(os.path.join(folder, "vqc_ansatz.npy"), np.asarray(unitary, dtype=np.complex128))
    manifest["examples"].append(
        {"file": "vqc_ansatz.qasm", "kind": "unitary", "reference": "vqc_ansatz.npy", "parameters": theta})


def main():
    manifest = {"circuits": [], "examples": []}
    with open(os.path.join(HERE, "gates.json"), "w") as f:
        json.dump(gate_fixtures(), f)
    circuit_fixtures(manifest)
    example_fixtures(manifest)
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
