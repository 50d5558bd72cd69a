"""Reads the benchmark OpenQASM 2.0 files into a plain gate list and builds the same circuit for each peer.

The reference circuits use only h, p, cp, cx, swap and u3 (Qiskit's qelib1.inc names, qubit i = bit i of the
state index). Each builder maps qubit i so that the final state vector comes out in that same order, which lets
the harness check every peer's state against the saved reference before timing it.
"""
import math
import re

_LINE = re.compile(r"^([a-z0-9_]+)\s*(?:\(([^)]*)\))?\s+(.*);$")
_QUBIT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\[(\d+)\]")  # any register name (Qiskit writes q or qregless)
SUPPORTED = {"h", "p", "cp", "cx", "swap", "u3"}


def _angle(text):
    """Evaluates an angle expression of the form qasm2.dumps writes (numbers, pi, + - * /)."""
    if not re.fullmatch(r"[0-9eE.+\-*/() pi]*", text):
        raise ValueError(f"unsupported angle expression: {text!r}")
    return float(eval(text, {"__builtins__": {}}, {"pi": math.pi}))  # noqa: S307 (restricted above)


def read_gates(path):
    """Returns (qubit count, [(name, [qubits], [angles])]) for a file in the reference gate set."""
    n, gates = None, []
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith(("OPENQASM", "include", "//", "barrier")):
                continue
            if line.startswith("qreg"):
                n = int(re.search(r"\[(\d+)\]", line).group(1))
                continue
            m = _LINE.match(line)
            if not m or m.group(1) not in SUPPORTED:
                raise ValueError(f"{path}: unsupported line {line!r}")
            name, params, args = m.groups()
            angles = [_angle(p) for p in params.split(",")] if params else []
            gates.append((name, [int(q) for q in _QUBIT.findall(args)], angles))
    return n, gates


def u3_matrix(theta, phi, lam):
    import numpy as np
    c, s = math.cos(theta / 2), math.sin(theta / 2)
    return np.array([[c, -np.exp(1j * lam) * s], [np.exp(1j * phi) * s, np.exp(1j * (phi + lam)) * c]])


def qulacs_circuit(n, gates):
    """Qulacs uses Qiskit's order (qubit i = bit i), so indices carry over unchanged."""
    from qulacs import QuantumCircuit
    from qulacs import gate as G
    c = QuantumCircuit(n)
    for name, q, a in gates:
        if name == "h":
            c.add_gate(G.H(q[0]))
        elif name == "p":
            c.add_gate(G.U1(q[0], a[0]))
        elif name == "cp":
            g = G.to_matrix_gate(G.U1(q[1], a[0]))
            g.add_control_qubit(q[0], 1)
            c.add_gate(g)
        elif name == "cx":
            c.add_gate(G.CNOT(q[0], q[1]))
        elif name == "swap":
            c.add_gate(G.SWAP(q[0], q[1]))
        elif name == "u3":
            c.add_gate(G.U3(q[0], a[0], a[1], a[2]))
    return c


def cirq_circuit(n, gates):
    """Cirq orders qubits big-endian, so Qiskit qubit i becomes LineQubit(n-1-i)."""
    import cirq
    qs = [cirq.LineQubit(n - 1 - i) for i in range(n)]
    ops = []
    for name, q, a in gates:
        if name == "h":
            ops.append(cirq.H(qs[q[0]]))
        elif name == "p":
            ops.append(cirq.ZPowGate(exponent=a[0] / math.pi)(qs[q[0]]))
        elif name == "cp":
            ops.append(cirq.CZPowGate(exponent=a[0] / math.pi)(qs[q[0]], qs[q[1]]))
        elif name == "cx":
            ops.append(cirq.CNOT(qs[q[0]], qs[q[1]]))
        elif name == "swap":
            ops.append(cirq.SWAP(qs[q[0]], qs[q[1]]))
        elif name == "u3":
            ops.append(cirq.MatrixGate(u3_matrix(*a)).on(qs[q[0]]))
    return cirq.Circuit(ops), sorted(qs)


def pennylane_ops(n, gates):
    """PennyLane wire 0 is the most significant bit, so Qiskit qubit i becomes wire n-1-i."""
    import pennylane as qml
    w = lambda i: n - 1 - i  # noqa: E731
    for name, q, a in gates:
        if name == "h":
            qml.Hadamard(wires=w(q[0]))
        elif name == "p":
            qml.PhaseShift(a[0], wires=w(q[0]))
        elif name == "cp":
            qml.ControlledPhaseShift(a[0], wires=[w(q[0]), w(q[1])])
        elif name == "cx":
            qml.CNOT(wires=[w(q[0]), w(q[1])])
        elif name == "swap":
            qml.SWAP(wires=[w(q[0]), w(q[1])])
        elif name == "u3":
            qml.U3(a[0], a[1], a[2], wires=w(q[0]))
