OPENQASM 3.0;
include "stdgates.inc";
// Havlicek et al. (2019) W(theta) on 2 qubits with depth l = 1, written out: a rotation layer
// (RY on each qubit, then RZ on each), a CZ entangler, a second rotation layer. Parameters are
// numbered as `Ansatz(.havlicek, qubits: 2, reps: 1)` numbers them, so the two train alike.
// Use it as the variational form of a VQC: the inputs named theta0.. are the trainable ones.
input float[64] theta0;
input float[64] theta1;
input float[64] theta2;
input float[64] theta3;
input float[64] theta4;
input float[64] theta5;
input float[64] theta6;
input float[64] theta7;
qubit[2] q;

gate rotations(y0, y1, z0, z1) a, b {
  ry(y0) a;
  ry(y1) b;
  rz(z0) a;
  rz(z1) b;
}

rotations(theta0, theta1, theta2, theta3) q[0], q[1];
cz q[0], q[1];
rotations(theta4, theta5, theta6, theta7) q[0], q[1];
