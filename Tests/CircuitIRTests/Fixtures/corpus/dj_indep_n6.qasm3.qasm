OPENQASM 3.0;
include "stdgates.inc";
gate Oracle _gate_q_0, _gate_q_1, _gate_q_2, _gate_q_3, _gate_q_4, _gate_q_5 {
  x _gate_q_0;
  x _gate_q_1;
  x _gate_q_4;
  cx _gate_q_0, _gate_q_5;
  cx _gate_q_1, _gate_q_5;
  cx _gate_q_2, _gate_q_5;
  cx _gate_q_3, _gate_q_5;
  cx _gate_q_4, _gate_q_5;
  x _gate_q_0;
  x _gate_q_1;
  x _gate_q_4;
}
qubit[6] q;
h q[0];
h q[1];
h q[2];
h q[3];
h q[4];
u2(-pi, -pi) q[5];
Oracle q[0], q[1], q[2], q[3], q[4], q[5];
h q[0];
h q[1];
h q[2];
h q[3];
h q[4];
