OPENQASM 2.0;
include "qelib1.inc";
gate gate_Oracle q0,q1,q2,q3 { x q0; x q1; cx q0,q3; cx q1,q3; cx q2,q3; x q0; x q1; }
qreg q[4];
h q[0];
h q[1];
h q[2];
x q[3];
h q[3];
gate_Oracle q[0],q[1],q[2],q[3];
h q[0];
h q[1];
h q[2];