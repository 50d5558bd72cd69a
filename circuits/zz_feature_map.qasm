// Havlicek et al.'s ZZ feature map on 4 qubits, 2 repetitions, linear entanglement, exactly as
// Qiskit's zz_feature_map(4, reps=2, entanglement="linear") builds it. Each repetition: H on every
// qubit, P(2 x_i) on qubit i, then for each neighbouring pair (i, i+1):
// CX(i, i+1), P(2 (pi - x_i)(pi - x_{i+1})) on i+1, CX(i, i+1).
// Bind the data point with the inputs x0..x3 (qksim simulate --param x0=0.1 ...).
OPENQASM 3.0;
include "stdgates.inc";

input float[64] x0;
input float[64] x1;
input float[64] x2;
input float[64] x3;

// The ZZ entangler: phase e^{i phi} on the basis states where a and b differ.
gate zz(φ) a, b {
    cx a, b;
    p(φ) b;
    cx a, b;
}

qubit[4] q;

// Repetition 1.
h q;
p(2 * x0) q[0];
p(2 * x1) q[1];
p(2 * x2) q[2];
p(2 * x3) q[3];
zz(2 * (π - x0) * (π - x1)) q[0], q[1];
zz(2 * (π - x1) * (π - x2)) q[1], q[2];
zz(2 * (π - x2) * (π - x3)) q[2], q[3];

// Repetition 2.
h q;
p(2 * x0) q[0];
p(2 * x1) q[1];
p(2 * x2) q[2];
p(2 * x3) q[3];
zz(2 * (π - x0) * (π - x1)) q[0], q[1];
zz(2 * (π - x1) * (π - x2)) q[1], q[2];
zz(2 * (π - x2) * (π - x3)) q[2], q[3];
