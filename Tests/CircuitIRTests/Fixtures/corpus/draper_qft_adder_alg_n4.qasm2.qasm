OPENQASM 2.0;
include "qelib1.inc";
gate circuit_632 q0,q1 { h q1; cp(pi/2) q1,q0; h q0; }
gate circuit_632_dg q0,q1 { h q0; cp(-pi/2) q1,q0; h q1; }
qreg a[2];
qreg b[2];
circuit_632 b[0],b[1];
cp(pi) a[0],b[0];
cp(pi/2) a[0],b[1];
cp(pi) a[1],b[1];
circuit_632_dg b[0],b[1];