// OpenQASM 3 gate modifiers on standard and user-defined gates: ctrl @, negctrl @, inv @, pow(k) @
// and gphase. Under ctrl @ the gphase inside `phased_bell` becomes a phase on the controlled
// subspace, so the controlled gate is exact (Qiskit's controlled gate), not just up to phase.
OPENQASM 3.0;
include "stdgates.inc";

const float[64] θ = π / 3;
const int[32] k = 3;

// A Bell-pair preparation carrying a global phase.
gate phased_bell(γ) a, b {
    gphase(γ);
    h a;
    cx a, b;
}

// A rotation sandwich with a non-trivial inverse.
gate twist(α, β) a, b {
    ry(α) a;
    crz(β) a, b;
    sx b;
}

qubit[4] q;

h q;
ctrl @ phased_bell(θ) q[0], q[1], q[2];
negctrl @ x q[3], q[0];
ctrl(2) @ s q[0], q[1], q[3];
inv @ twist(0.4, -1.1) q[1], q[2];
pow(k) @ t q[2];
pow(-2) @ sx q[3];
ctrl @ inv @ twist(θ, 2 * θ) q[3], q[0], q[1];
inv @ pow(2) @ ctrl @ rx(0.25) q[2], q[0];
negctrl(2) @ gphase(0.7) q[0], q[3];
gphase(-θ / 2);
