OPENQASM 3.0;
include "stdgates.inc";
gate HalfAdder _gate_q_0, _gate_q_1, _gate_q_2 {
  ccx _gate_q_0, _gate_q_1, _gate_q_2;
  cx _gate_q_0, _gate_q_1;
}
qubit[3] q;
HalfAdder q[0], q[1], q[2];
