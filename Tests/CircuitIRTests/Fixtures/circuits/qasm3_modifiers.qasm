// Gate modifiers on built-in and composite gates, chained, including gphase under control.
OPENQASM 3.0;
include "stdgates.inc";

gate g(a) x, y {
  gphase(a / 2);
  h x;
  crz(a) x, y;
  sx y;
}
gate h2 x, y { g(0.3) x, y; ctrl @ gphase(-0.2) x; ry(0.4) y; }

qubit[4] q;

h q;
ctrl @ g(0.7) q[0], q[1], q[2];
ctrl(2) @ g(-0.4) q[3], q[1], q[0], q[2];
negctrl @ g(1.2) q[2], q[3], q[0];
negctrl @ ctrl @ h2 q[1], q[2], q[3], q[0];
inv @ g(0.9) q[1], q[3];
inv @ h2 q[0], q[2];
pow(2) @ g(0.5) q[2], q[1];
pow(-3) @ h2 q[3], q[0];
pow(0) @ h2 q[1], q[2];
ctrl @ inv @ pow(2) @ rx(0.3) q[1], q[0];
inv @ ctrl @ u3(0.1, 0.2, 0.3) q[2], q[3];
ctrl @ swap q[0], q[1], q[2];
ctrl(3) @ x q[3], q[1], q[2], q[0];
negctrl(2) @ y q[0], q[1], q[2];
ctrl @ gphase(0.6) q[3];
ctrl @ negctrl @ gphase(1.1) q[1], q[2];
inv @ s q[0];
pow(5) @ t q[1];
inv @ pow(-1) @ sx q[2];
