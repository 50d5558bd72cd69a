OPENQASM 3.0;
include "stdgates.inc";
gate qft_dg _gate_q_0, _gate_q_1, _gate_q_2 {
  swap _gate_q_0, _gate_q_2;
  h _gate_q_0;
  cp(-pi/2) _gate_q_1, _gate_q_0;
  h _gate_q_1;
  cp(-pi/4) _gate_q_2, _gate_q_0;
  cp(-pi/2) _gate_q_2, _gate_q_1;
  h _gate_q_2;
}
h $5;
cp(pi/2) $5, $4;
h $4;
cp(pi/4) $5, $3;
cp(pi/2) $4, $3;
h $3;
cp(pi) $0, $3;
cp(pi/2) $0, $4;
cp(pi/4) $0, $5;
cp(pi) $1, $4;
cp(pi/2) $1, $5;
cp(pi) $2, $5;
qft_dg $5, $4, $3;
