OPENQASM 3.0;
include "stdgates.inc";
gate MAJ _gate_q_0, _gate_q_1, _gate_q_2 {
  cx _gate_q_0, _gate_q_1;
  cx _gate_q_0, _gate_q_2;
  ccx _gate_q_2, _gate_q_1, _gate_q_0;
}
gate UMA _gate_q_0, _gate_q_1, _gate_q_2 {
  ccx _gate_q_2, _gate_q_1, _gate_q_0;
  cx _gate_q_0, _gate_q_2;
  cx _gate_q_2, _gate_q_1;
}
gate FullAdder _gate_q_0, _gate_q_1, _gate_q_2, _gate_q_3 {
  MAJ _gate_q_1, _gate_q_2, _gate_q_0;
  cx _gate_q_1, _gate_q_3;
  UMA _gate_q_1, _gate_q_2, _gate_q_0;
}
qubit[4] q;
FullAdder q[0], q[1], q[2], q[3];
