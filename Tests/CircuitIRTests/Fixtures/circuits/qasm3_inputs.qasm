// Input parameters, bound when the circuit is built, used at top level and passed into gates.
OPENQASM 3;
include "stdgates.inc";

input float[64] alpha;
input angle beta;
input float gamma;

gate rzz_like(t) x, y { cx x, y; rz(t) y; cx x, y; }
gate layer(a, b) x, y {
  ry(a) x;
  rzz_like(b) x, y;
}

qubit[3] q;

h q;
rx(alpha) q[0];
ry(2 * beta - alpha) q[1];
rz(gamma / 3) q[2];
cp(alpha * beta) q[0], q[2];
layer(alpha + gamma, beta) q[1], q[2];
ctrl @ ry(gamma) q[2], q[0];
