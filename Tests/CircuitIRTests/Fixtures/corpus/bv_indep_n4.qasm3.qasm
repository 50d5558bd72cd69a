OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
x q[0];
h q[2];
cz q[2], q[0];
h q[2];
