OPENQASM 2.0;
include "qelib1.inc";
gate ecr q0,q1 { s q0; sx q1; cx q0,q1; x q0; }
gate csdg q0,q1 { tdg q0; cx q0,q1; t q1; cx q0,q1; tdg q1; }
qreg q[5];
t q[1];
cswap q[0],q[3],q[2];
cswap q[4],q[0],q[1];
c3sqrtx q[2],q[3],q[4],q[0];
ecr q[0],q[3];
t q[0];
cz q[2],q[1];
cu(4.07828399178064,5.2625683110417505,4.875952527358193,2.1332392738715247) q[3],q[4];
ccx q[2],q[1],q[3];
rccx q[3],q[0],q[4];
cu1(2.6610319766865294) q[0],q[2];
rccx q[4],q[3],q[1];
csdg q[0],q[4];
u1(3.981707520827624) q[0];
cy q[3],q[1];
ecr q[1],q[4];
rzz(1.7530182469673898) q[3],q[2];