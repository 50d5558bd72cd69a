OPENQASM 3.0;
include "stdgates.inc";
gate Oracle _gate_q_0, _gate_q_1, _gate_q_2 {
  x _gate_q_0;
  x _gate_q_1;
  cx _gate_q_0, _gate_q_2;
  cx _gate_q_1, _gate_q_2;
  x _gate_q_0;
  x _gate_q_1;
}
qubit[3] q;
h q[0];
h q[1];
x q[2];
h q[2];
Oracle q[0], q[1], q[2];
h q[0];
h q[1];
