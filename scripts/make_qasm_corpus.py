"""Builds the OpenQASM corpus that CircuitIRTests (and the simulator's tests) run: real algorithm
circuits from MQT Bench, exported by Qiskit as OpenQASM 2 and 3, with Qiskit's exact statevectors.

Run with the peers venv from the repository root:

    /root/.cache/qksim-peers/bin/python scripts/make_qasm_corpus.py

For every MQT Bench family that builds at the chosen sizes, at two abstraction levels ("alg", with
high-level gates that Qiskit exports as `gate` definitions, and "indep", lowered to standard gates):
- the circuit without its final measurements (QuantumCircuit.remove_final_measurements);
- `<name>.qasm2.qasm` from qiskit.qasm2.dumps and `<name>.qasm3.qasm` from qiskit.qasm3.dumps (when
  the exporter cannot write a gate, of the circuit transpiled to u and cx, marked "lowered"); each
  export is read back by Qiskit as a check of the export itself;
- `<name>.npy`: Statevector(circuit).data, complex128, Qiskit's qubit order.
Families with mid-circuit measurements and classically controlled gates (dynamic circuits) have no
statevector; they are exported as OpenQASM 3 (OpenQASM 2 cannot condition on single bits), read back
with Qiskit, and run on Aer with a fixed seed: `<name>.counts.json` holds the counts keyed by the
integer whose bit i is classical bit i in the file's declaration order.

The output is reproducible (MQT Bench's random choices are seeded) except for the numeric suffixes
Qiskit's OpenQASM 2 exporter gives generated gate names (`gate mcx_1396...`), which are object ids.

Files go to Tests/CircuitIRTests/Fixtures/corpus/ with manifest.json listing each circuit, its files,
qubit count, and the families or exports that were skipped and why.
"""
import json
import os
import random
import shutil
import sys
import warnings

import numpy as np
from mqt.bench import BenchmarkLevel, get_benchmark
from qiskit import qasm2, qasm3, transpile
from qiskit.quantum_info import Statevector
from qiskit_aer import AerSimulator

warnings.filterwarnings("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "Tests", "CircuitIRTests", "Fixtures", "corpus")

# Families, and the sizes to try for each.
FAMILIES = [
    "ae", "bv", "cdkm_ripple_carry_adder", "dj", "draper_qft_adder", "full_adder", "ghz", "graphstate",
    "grover", "half_adder", "hhl", "hrs_cumulative_multiplier", "modular_adder", "multiplier", "qaoa", "qft",
    "qftentangled", "qnn", "qpeexact", "qpeinexact", "qwalk", "randomcircuit", "rg_qft_multiplier",
    "vbe_ripple_carry_adder", "vqe_real_amp", "vqe_su2", "vqe_two_local", "wstate", "bmw_quark_cardinality",
    "bmw_quark_copula", "shor", "seven_qubit_steane_code", "shors_nine_qubit_code", "iqpe", "ghz_dynamic",
    "dynamic_qft",
]
SIZES = [3, 4, 5, 6]
MAX_QUBITS = 6
LEVELS = {"alg": BenchmarkLevel.ALG, "indep": BenchmarkLevel.INDEP}


def is_unitary(qc):
    return all(i.operation.name not in ("measure", "reset") and getattr(i.operation, "condition", None) is None
               and not i.operation.name.startswith(("if_else", "while", "for", "switch"))
               for i in qc.data)


SHOTS = 20000


def add_dynamic(manifest, name, family, level_name, qc):
    """A dynamic circuit: OpenQASM 3 export and seeded Aer counts of the circuit read back from it."""
    try:
        text = qasm3.dumps(qc)
        back = qasm3.loads(text)
        counts = AerSimulator(seed_simulator=7).run(back, shots=SHOTS).result().get_counts()
    except Exception as e:
        manifest["skipped"].append({"name": name, "reason": f"dynamic circuit: {e}"[:200]})
        return
    flat = {}
    for key, n in counts.items():
        value = int(key.replace(" ", ""), 2)
        flat[str(value)] = flat.get(str(value), 0) + n
    file = f"{name}.qasm3.qasm"
    with open(os.path.join(OUT, file), "w") as f:
        f.write(text)
    with open(os.path.join(OUT, f"{name}.counts.json"), "w") as f:
        json.dump({"shots": SHOTS, "clbits": back.num_clbits, "counts": flat}, f, indent=1)
    manifest["dynamic"].append({"name": name, "family": family, "level": level_name, "qubits": qc.num_qubits,
                                "file": file, "counts": f"{name}.counts.json"})


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    manifest = {"generator": "mqt.bench + qiskit", "circuits": [], "dynamic": [], "skipped": []}
    for family in FAMILIES:
        for n in SIZES:
            for level_name, level in LEVELS.items():
                name = f"{family}_{level_name}_n{n}"
                # MQT Bench draws random graphs and parameters from the global generators: seed them
                # so that the corpus is reproducible.
                random.seed(n)
                np.random.seed(n)
                try:
                    qc = get_benchmark(family, level, n)
                except Exception as e:  # the family does not exist at this size
                    manifest["skipped"].append({"name": name, "reason": f"mqt.bench: {type(e).__name__}: {e}"[:200]})
                    continue
                if qc.num_qubits > MAX_QUBITS:
                    manifest["skipped"].append({"name": name, "reason": f"{qc.num_qubits} qubits > {MAX_QUBITS}"})
                    continue
                measured = qc
                qc = qc.remove_final_measurements(inplace=False)
                if not is_unitary(qc):
                    add_dynamic(manifest, name, family, level_name, measured)
                    continue
                state = Statevector(qc).data.astype(np.complex128)
                entry = {"name": name, "family": family, "level": level_name, "qubits": qc.num_qubits,
                         "statevector": name + ".npy", "files": []}
                for fmt, dumps, loads in [
                    ("qasm2", qasm2.dumps, lambda s: qasm2.loads(s, custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)),
                    ("qasm3", qasm3.dumps, qasm3.loads),
                ]:
                    try:
                        text = dumps(qc)
                    except Exception:
                        # Gates the exporter cannot write (e.g. a controlled UnitaryGate with a matrix
                        # parameter): export the circuit lowered to u and cx instead.
                        try:
                            text = dumps(transpile(qc, basis_gates=["u", "cx"], optimization_level=0))
                            entry["lowered"] = True
                        except Exception as e:
                            manifest["skipped"].append({"name": f"{name}.{fmt}", "reason": f"export: {e}"[:200]})
                            continue
                    # Check the export itself: Qiskit must read it back to the same state (up to phase).
                    try:
                        back = Statevector(loads(text)).data
                        fidelity = abs(np.vdot(back, state)) ** 2
                    except Exception as e:
                        manifest["skipped"].append({"name": f"{name}.{fmt}", "reason": f"Qiskit cannot re-read its export: {e}"[:200]})
                        continue
                    if fidelity < 1 - 1e-10:
                        manifest["skipped"].append({"name": f"{name}.{fmt}", "reason": f"export loses the state (fidelity {fidelity})"})
                        continue
                    file = f"{name}.{fmt}.qasm"
                    with open(os.path.join(OUT, file), "w") as f:
                        f.write(text)
                    entry["files"].append(file)
                if entry["files"]:
                    np.save(os.path.join(OUT, entry["statevector"]), state)
                    manifest["circuits"].append(entry)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    size = sum(os.path.getsize(os.path.join(OUT, x)) for x in os.listdir(OUT))
    families = sorted({c["family"] for c in manifest["circuits"]})
    print(f"{len(manifest['dynamic'])} dynamic circuits", file=sys.stderr)
    print(f"{len(manifest['circuits'])} circuits, {sum(len(c['files']) for c in manifest['circuits'])} files, "
          f"{len(families)} families, {size / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
