// Quantum Fourier transform on 4 qubits, in Qiskit's convention (qubit 0 is the least significant
// bit): QFT|x> = sum_y exp(2 pi i x y / 16) |y> / 4. Controlled phases cp(pi / 2^k), then the final
// swaps that reverse the qubit order.
OPENQASM 2.0;
include "qelib1.inc";

qreg q[4];

h q[3];
cp(pi/2) q[3], q[2];
cp(pi/4) q[3], q[1];
cp(pi/8) q[3], q[0];
h q[2];
cp(pi/2) q[2], q[1];
cp(pi/4) q[2], q[0];
h q[1];
cp(pi/2) q[1], q[0];
h q[0];
swap q[0], q[3];
swap q[1], q[2];
