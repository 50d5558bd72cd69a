OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
x q[0];
h q[2];
cz q[2],q[0];
h q[2];