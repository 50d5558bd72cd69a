OPENQASM 3.0;
include "stdgates.inc";
gate _circuit_675 _gate_q_0, _gate_q_1, _gate_q_2 {
  h _gate_q_2;
  cp(pi/2) _gate_q_2, _gate_q_1;
  cp(pi/4) _gate_q_2, _gate_q_0;
  h _gate_q_1;
  cp(pi/2) _gate_q_1, _gate_q_0;
  h _gate_q_0;
}
gate _circuit_675_dg _gate_q_0, _gate_q_1, _gate_q_2 {
  h _gate_q_0;
  cp(-pi/2) _gate_q_1, _gate_q_0;
  h _gate_q_1;
  cp(-pi/4) _gate_q_2, _gate_q_0;
  cp(-pi/2) _gate_q_2, _gate_q_1;
  h _gate_q_2;
}
qubit[3] a;
qubit[3] b;
_circuit_675 b[0], b[1], b[2];
cp(pi) a[0], b[0];
cp(pi/2) a[0], b[1];
cp(pi/4) a[0], b[2];
cp(pi) a[1], b[1];
cp(pi/2) a[1], b[2];
cp(pi) a[2], b[2];
_circuit_675_dg b[0], b[1], b[2];
