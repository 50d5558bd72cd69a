OPENQASM 2.0;
include "qelib1.inc";
gate gate_MAJ q0,q1,q2 { cx q0,q1; cx q0,q2; ccx q2,q1,q0; }
gate gate_UMA q0,q1,q2 { ccx q2,q1,q0; cx q0,q2; cx q2,q1; }
gate gate_FullAdder q0,q1,q2,q3 { gate_MAJ q1,q2,q0; cx q1,q3; gate_UMA q1,q2,q0; }
qreg q[4];
gate_FullAdder q[0],q[1],q[2],q[3];