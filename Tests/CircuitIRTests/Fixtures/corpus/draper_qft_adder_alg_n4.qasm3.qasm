OPENQASM 3.0;
include "stdgates.inc";
gate _circuit_632 _gate_q_0, _gate_q_1 {
  h _gate_q_1;
  cp(pi/2) _gate_q_1, _gate_q_0;
  h _gate_q_0;
}
gate _circuit_632_dg _gate_q_0, _gate_q_1 {
  h _gate_q_0;
  cp(-pi/2) _gate_q_1, _gate_q_0;
  h _gate_q_1;
}
qubit[2] a;
qubit[2] b;
_circuit_632 b[0], b[1];
cp(pi) a[0], b[0];
cp(pi/2) a[0], b[1];
cp(pi) a[1], b[1];
_circuit_632_dg b[0], b[1];
