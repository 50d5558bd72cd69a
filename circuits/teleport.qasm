// Quantum teleportation: the state u3(0.3, 0.2, 0.1)|0> of q[0] moves to q[2] using one Bell pair,
// two measurements and two classically controlled corrections.
OPENQASM 2.0;
include "qelib1.inc";

qreg q[3];
creg m0[1];
creg m1[1];
creg out[1];

// The state to send.
u3(0.3, 0.2, 0.1) q[0];

// A Bell pair shared between q[1] (sender) and q[2] (receiver).
h q[1];
cx q[1], q[2];
barrier q;

// Bell measurement of the sender's two qubits.
cx q[0], q[1];
h q[0];
measure q[0] -> m0[0];
measure q[1] -> m1[0];

// The receiver's corrections.
if(m1==1) x q[2];
if(m0==1) z q[2];

measure q[2] -> out[0];
