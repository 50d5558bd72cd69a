OPENQASM 2.0;
include "qelib1.inc";
gate gate_MAJ q0,q1,q2 { cx q0,q1; cx q0,q2; ccx q2,q1,q0; }
gate gate_UMA q0,q1,q2 { ccx q2,q1,q0; cx q0,q2; cx q2,q1; }
gate gate_FullAdder q0,q1,q2,q3,q4,q5 { gate_MAJ q1,q3,q0; gate_MAJ q2,q4,q1; cx q2,q5; gate_UMA q2,q4,q1; gate_UMA q1,q3,q0; }
qreg q[6];
gate_FullAdder q[0],q[1],q[2],q[3],q[4],q[5];