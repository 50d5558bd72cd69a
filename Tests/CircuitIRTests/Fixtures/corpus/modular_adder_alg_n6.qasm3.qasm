OPENQASM 3.0;
include "stdgates.inc";
gate mcmt _gate_q_0, _gate_q_1, _gate_q_2, _gate_q_3, _gate_q_4, _gate_q_5 {
  cx _gate_q_0, _gate_q_1;
  cx _gate_q_0, _gate_q_2;
  cx _gate_q_0, _gate_q_3;
  cx _gate_q_0, _gate_q_4;
  cx _gate_q_0, _gate_q_5;
}
gate rccx _gate_q_0, _gate_q_1, _gate_q_2 {
  h _gate_q_2;
  t _gate_q_2;
  cx _gate_q_1, _gate_q_2;
  tdg _gate_q_2;
  cx _gate_q_0, _gate_q_2;
  t _gate_q_2;
  cx _gate_q_1, _gate_q_2;
  tdg _gate_q_2;
  h _gate_q_2;
}
gate ModularAdder _gate_q_0, _gate_q_1, _gate_q_2, _gate_q_3, _gate_q_4, _gate_q_5 {
  mcmt _gate_q_2, _gate_q_0, _gate_q_1, _gate_q_3, _gate_q_4, _gate_q_5;
  cx _gate_q_2, _gate_q_3;
  cx _gate_q_0, _gate_q_2;
  rccx _gate_q_3, _gate_q_2, _gate_q_0;
  cx _gate_q_0, _gate_q_2;
  cx _gate_q_2, _gate_q_4;
  cx _gate_q_1, _gate_q_2;
  rccx _gate_q_4, _gate_q_2, _gate_q_1;
  cx _gate_q_1, _gate_q_2;
  cx _gate_q_2, _gate_q_5;
  cx _gate_q_1, _gate_q_2;
  rccx _gate_q_4, _gate_q_2, _gate_q_1;
  cx _gate_q_1, _gate_q_2;
  cx _gate_q_1, _gate_q_4;
  cx _gate_q_0, _gate_q_2;
  rccx _gate_q_3, _gate_q_2, _gate_q_0;
  cx _gate_q_0, _gate_q_2;
  cx _gate_q_0, _gate_q_3;
  mcmt _gate_q_2, _gate_q_0, _gate_q_1, _gate_q_3, _gate_q_4, _gate_q_5;
}
qubit[6] q;
ModularAdder q[0], q[1], q[2], q[3], q[4], q[5];
