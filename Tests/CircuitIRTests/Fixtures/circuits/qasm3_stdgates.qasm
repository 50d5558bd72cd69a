// Every gate of stdgates.inc, the built-ins U and gphase, constants and OpenQASM 3 expressions.
OPENQASM 3.0;
include "stdgates.inc";

const float[64] half = 0.5;
const angle quarter = tau / 4;
const int[32] two = 2;

qubit[3] q;
qubit extra;

h q;
h extra;
p(half) q[0];
x q[1];
y q[2];
z extra;
h q[0];
s q[1];
sdg q[2];
t extra;
tdg q[0];
sx q[1];
rx(quarter) q[2];
ry(-half * two) extra;
rz(0.3 - 0.2 * 4 + 1.5 / 2) q[0];
cx q[0], q[1];
cy q[1], q[2];
cz q[2], extra;
cp(euler / 3) extra, q[0];
crx(0.1) q[0], q[2];
cry(1_000e-3) q[1], q[0];
crz(-0.8) q[2], q[1];
ch extra, q[1];
swap q[0], extra;
ccx q[0], q[1], q[2];
cswap q[2], q[0], extra;
cu(0.3, 0.6, -0.2, 0.9) q[1], extra;
CX extra, q[2];
phase(0.123) q[1];
cphase(-0.456) q[2], q[0];
id q[0];
u1(0.2) q[1];
u2(0.3, 0.4) q[2];
u3(0.5, 0.6, 0.7) extra;
U(0.8, -0.9, 1.0) q[0];
gphase(0.25);
